using EclipseOS.Hal.Text;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS.Format
{
    /// <summary>The 65-byte header at byte 0 of the filesystem (§1).</summary>
    public sealed class Superblock
    {
        /// <summary>16.16 version; only <see cref="EclipseFsLayout.Version2_0"/> is accepted.</summary>
        public uint Version { get; set; } = EclipseFsLayout.Version2_0;
        /// <summary>Byte offset of the inode table (4096 in every known image).</summary>
        public ulong InodeTableOffset { get; set; } = EclipseFsLayout.HeaderBlockSize;
        /// <summary>Bytes of the inode table: <see cref="TotalInodes"/> × 8.</summary>
        public ulong InodeTableSize { get; set; }
        /// <summary>Number of inodes, numbered 1..N.</summary>
        public uint TotalInodes { get; set; }
        /// <summary>CRC-32 (zlib) of the header fields; 0 in the original writer's images (not set).</summary>
        public uint HeaderChecksum { get; set; }
        /// <summary>Unused by the format; 0.</summary>
        public uint MetadataChecksum { get; set; }
        /// <summary>Unused by the format; 0.</summary>
        public uint DataChecksum { get; set; }
        /// <summary>Unix seconds; 0 in the original writer's images.</summary>
        public ulong CreationTime { get; set; }
        /// <summary>Unix seconds of the last check; 0 when never checked.</summary>
        public ulong LastCheck { get; set; }
        /// <summary>Flags; 0.</summary>
        public uint Flags { get; set; }

        /// <summary>Where the node records start: right after the inode table (§2).</summary>
        public ulong RecordAreaOffset => InodeTableOffset + InodeTableSize;

        /// <summary>
        /// The header_checksum of the 65 header bytes in <paramref name="header"/>: CRC-32 over
        /// bytes 0–32 and 45–64, i.e. every field but the three checksums, in stored order (§1).
        /// </summary>
        public static uint ComputeChecksum(byte[] header)
        {
            uint crc = Integrity.Crc32.Append(0, header, 0, EclipseFsLayout.HeaderChecksumOffset);
            return Integrity.Crc32.Append(crc, header, EclipseFsLayout.CreationTimeOffset,
                EclipseFsLayout.HeaderLength - EclipseFsLayout.CreationTimeOffset);
        }

        /// <summary>Writes all 65 header bytes into <paramref name="header"/>, with header_checksum computed.</summary>
        public void WriteTo(byte[] header)
        {
            for (int i = 0; i < EclipseFsLayout.MagicLength; i++)
                header[i] = (byte)EclipseFsLayout.Magic[i];
            LittleEndian.Put32(header, EclipseFsLayout.VersionOffset, Version);
            LittleEndian.Put64(header, EclipseFsLayout.InodeTableOffsetOffset, InodeTableOffset);
            LittleEndian.Put64(header, EclipseFsLayout.InodeTableSizeOffset, InodeTableSize);
            LittleEndian.Put32(header, EclipseFsLayout.TotalInodesOffset, TotalInodes);
            LittleEndian.Put32(header, EclipseFsLayout.MetadataChecksumOffset, MetadataChecksum);
            LittleEndian.Put32(header, EclipseFsLayout.DataChecksumOffset, DataChecksum);
            LittleEndian.Put64(header, EclipseFsLayout.CreationTimeOffset, CreationTime);
            LittleEndian.Put64(header, EclipseFsLayout.LastCheckOffset, LastCheck);
            LittleEndian.Put32(header, EclipseFsLayout.FlagsOffset, Flags);
            HeaderChecksum = ComputeChecksum(header);
            LittleEndian.Put32(header, EclipseFsLayout.HeaderChecksumOffset, HeaderChecksum);
        }

        /// <summary>Whether <paramref name="header"/> starts with the magic and version 2.0.</summary>
        public static bool HasMagicAndVersion(byte[] header)
        {
            return header.Length >= EclipseFsLayout.VersionOffset + 4 && HasMagic(header)
                && LittleEndian.U32(header, EclipseFsLayout.VersionOffset) == EclipseFsLayout.Version2_0;
        }

        private static bool HasMagic(byte[] header)
        {
            for (int i = 0; i < EclipseFsLayout.MagicLength; i++)
                if (header[i] != (byte)EclipseFsLayout.Magic[i])
                    return false;
            return true;
        }

        /// <summary>
        /// Parses and checks the header of a filesystem of <paramref name="filesystemBytes"/> bytes.
        /// Returns null when it is unusable; every problem goes to <paramref name="sink"/>.
        /// </summary>
        internal static Superblock? Parse(byte[] header, ulong filesystemBytes, IProblemSink sink)
        {
            if (!HasMagic(header))
            {
                sink.Report(0, "header.magic", 0, "not an EclipseFS filesystem (no ECLIPSEFS magic)");
                return null;
            }
            var sb = new Superblock
            {
                Version = LittleEndian.U32(header, EclipseFsLayout.VersionOffset),
                InodeTableOffset = LittleEndian.U64(header, EclipseFsLayout.InodeTableOffsetOffset),
                InodeTableSize = LittleEndian.U64(header, EclipseFsLayout.InodeTableSizeOffset),
                TotalInodes = LittleEndian.U32(header, EclipseFsLayout.TotalInodesOffset),
                HeaderChecksum = LittleEndian.U32(header, EclipseFsLayout.HeaderChecksumOffset),
                MetadataChecksum = LittleEndian.U32(header, EclipseFsLayout.MetadataChecksumOffset),
                DataChecksum = LittleEndian.U32(header, EclipseFsLayout.DataChecksumOffset),
                CreationTime = LittleEndian.U64(header, EclipseFsLayout.CreationTimeOffset),
                LastCheck = LittleEndian.U64(header, EclipseFsLayout.LastCheckOffset),
                Flags = LittleEndian.U32(header, EclipseFsLayout.FlagsOffset),
            };
            bool usable = true;
            if (sb.Version != EclipseFsLayout.Version2_0)
            {
                sink.Report(0, "header.version", EclipseFsLayout.VersionOffset,
                    "version 0x" + Hex.Upper(sb.Version, 8) + " is not 2.0 (0x00020000)");
                usable = false;
            }
            if (sb.HeaderChecksum != 0)
            {
                uint computed = ComputeChecksum(header);
                if (computed != sb.HeaderChecksum)
                    sink.Report(0, "header.header_checksum", EclipseFsLayout.HeaderChecksumOffset,
                        "stored CRC-32 0x" + Hex.Upper(sb.HeaderChecksum, 8) + " but the header's CRC-32 is 0x" + Hex.Upper(computed, 8));
            }
            if (sb.TotalInodes == 0)
            {
                sink.Report(0, "header.total_inodes", EclipseFsLayout.TotalInodesOffset, "is 0; there must be at least the root directory");
                usable = false;
            }
            else if (sb.TotalInodes >= EclipseFsLayout.FirstReservedInode)
            {
                sink.Report(0, "header.total_inodes", EclipseFsLayout.TotalInodesOffset,
                    sb.TotalInodes + " reaches the reserved inode numbers (0xF0000000 and up)");
                usable = false;
            }
            if (sb.InodeTableSize != (ulong)sb.TotalInodes * EclipseFsLayout.InodeTableEntrySize)
            {
                sink.Report(0, "header.inode_table_size", EclipseFsLayout.InodeTableSizeOffset,
                    sb.InodeTableSize + " is not total_inodes (" + sb.TotalInodes + ") x 8");
                usable = false;
            }
            if (sb.InodeTableOffset < EclipseFsLayout.HeaderLength)
            {
                sink.Report(0, "header.inode_table_offset", EclipseFsLayout.InodeTableOffsetOffset,
                    sb.InodeTableOffset + " overlaps the 65-byte header");
                usable = false;
            }
            else if (sb.InodeTableOffset > filesystemBytes || sb.InodeTableSize > filesystemBytes - sb.InodeTableOffset)
            {
                sink.Report(0, "header.inode_table_offset", EclipseFsLayout.InodeTableOffsetOffset,
                    "inode table of " + sb.InodeTableSize + " bytes at " + sb.InodeTableOffset +
                    " runs past the end of the filesystem (" + filesystemBytes + " bytes)");
                usable = false;
            }
            return usable ? sb : null;
        }
    }
}
