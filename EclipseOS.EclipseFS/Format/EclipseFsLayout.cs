namespace EclipseOS.EclipseFS.Format
{
    /// <summary>
    /// Byte offsets and sizes of EclipseFS v2.0 (docs/eclipsefs-format.md). All integers on disk
    /// are little-endian; offsets are from the start of the filesystem.
    /// </summary>
    public static class EclipseFsLayout
    {
        /// <summary>The magic at byte 0 (§1), ASCII without terminator.</summary>
        public const string Magic = "ECLIPSEFS";

        /// <summary>Length of <see cref="Magic"/> in bytes (§1).</summary>
        public const int MagicLength = 9;

        /// <summary>Version 2.0 in 16.16 form (§1); the original reader rejects anything else.</summary>
        public const uint Version2_0 = 0x0002_0000;

        /// <summary>§1: offset of the 4-byte version.</summary>
        public const int VersionOffset = 9;

        /// <summary>§1: offset of the 8-byte inode_table_offset.</summary>
        public const int InodeTableOffsetOffset = 13;

        /// <summary>§1: offset of the 8-byte inode_table_size.</summary>
        public const int InodeTableSizeOffset = 21;

        /// <summary>§1: offset of the 4-byte total_inodes.</summary>
        public const int TotalInodesOffset = 29;

        /// <summary>§1: offset of the 4-byte header_checksum (zero in the original writer's images).</summary>
        public const int HeaderChecksumOffset = 33;

        /// <summary>§1: offset of the unused 4-byte metadata_checksum.</summary>
        public const int MetadataChecksumOffset = 37;

        /// <summary>§1: offset of the unused 4-byte data_checksum.</summary>
        public const int DataChecksumOffset = 41;

        /// <summary>§1: offset of the 8-byte creation_time (Unix seconds).</summary>
        public const int CreationTimeOffset = 45;

        /// <summary>§1: offset of the 8-byte last_check (Unix seconds).</summary>
        public const int LastCheckOffset = 53;

        /// <summary>§1: offset of the 4-byte flags.</summary>
        public const int FlagsOffset = 61;

        /// <summary>§1: bytes of the full header (the original writer fills only the first 33).</summary>
        public const int HeaderLength = 65;

        /// <summary>§1: the header occupies one 4096-byte block; the inode table follows it.</summary>
        public const int HeaderBlockSize = 4096;

        /// <summary>§2: bytes per inode-table entry (u32 inode, u32 relative_offset).</summary>
        public const int InodeTableEntrySize = 8;

        /// <summary>§3: bytes of a record's header (u32 inode, u32 record_size).</summary>
        public const int RecordHeaderSize = 8;

        /// <summary>§3: bytes of a TLV header (u16 tag, u32 length).</summary>
        public const int TlvHeaderSize = 6;

        /// <summary>§3: bytes of a directory entry's header (u32 name_length, u32 child_inode).</summary>
        public const int DirectoryEntryHeaderSize = 8;

        /// <summary>§2: the root directory's inode.</summary>
        public const uint RootInode = 1;

        /// <summary>§4: the original kernel reserves inode numbers from here up.</summary>
        public const uint FirstReservedInode = 0xF000_0000;

        /// <summary>§4: longest name in bytes (declared, never enforced by the original).</summary>
        public const int MaxNameLength = 255;

        /// <summary>§4: relative_offset is a u32, so all records together must fit in 4 GiB.</summary>
        public const long MaxRecordAreaSize = 1L << 32;

        /// <summary>§3: the POSIX mode the original writes for directories (0o40755).</summary>
        public const uint DefaultDirectoryMode = 0x41ED;

        /// <summary>§3: the POSIX mode the original writes for files (0o100644).</summary>
        public const uint DefaultFileMode = 0x81A4;

        /// <summary>§3: the POSIX mode the original writes for symlinks (0o120777).</summary>
        public const uint DefaultSymlinkMode = 0xA1FF;
    }
}
