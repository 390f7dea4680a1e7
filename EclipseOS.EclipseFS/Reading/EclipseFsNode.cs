using EclipseOS.EclipseFS.Format;

namespace EclipseOS.EclipseFS
{
    /// <summary>
    /// One parsed, checked node record (§3): its metadata and where its content or directory
    /// entries are. File content is not held here; it is read on demand from
    /// <see cref="ContentOffset"/>.
    /// </summary>
    public sealed class EclipseFsNode
    {
        /// <summary>The inode number (1 is the root).</summary>
        public uint Inode { get; internal set; }
        /// <summary>File, directory or symlink.</summary>
        public NodeType Type { get; internal set; }
        /// <summary>POSIX mode (type bits and permissions).</summary>
        public uint Mode { get; internal set; }
        /// <summary>Owner.</summary>
        public uint Uid { get; internal set; }
        /// <summary>Group.</summary>
        public uint Gid { get; internal set; }
        /// <summary>Bytes of a file or link target; 0 for directories.</summary>
        public ulong Size { get; internal set; }
        /// <summary>Access time, Unix seconds.</summary>
        public ulong Atime { get; internal set; }
        /// <summary>Modification time, Unix seconds.</summary>
        public ulong Mtime { get; internal set; }
        /// <summary>Change time, Unix seconds.</summary>
        public ulong Ctime { get; internal set; }
        /// <summary>Link count as stored.</summary>
        public uint Nlink { get; internal set; }
        /// <summary>Byte offset of the record in the filesystem.</summary>
        public ulong RecordOffset { get; internal set; }
        /// <summary>record_size as stored.</summary>
        public uint RecordSize { get; internal set; }
        /// <summary>Byte offset of the CONTENT payload (meaningful when <see cref="ContentLength"/> &gt; 0).</summary>
        public ulong ContentOffset { get; internal set; }
        /// <summary>Bytes in CONTENT (0 when the tag is absent).</summary>
        public ulong ContentLength { get; internal set; }
        /// <summary>Whether a CONTENT_CRC32C tag is present.</summary>
        public bool HasContentCrc { get; internal set; }
        /// <summary>The stored CRC-32C of the content (when <see cref="HasContentCrc"/>).</summary>
        public uint ContentCrc { get; internal set; }
        /// <summary>Whether a RECORD_CRC32C tag is present (it was verified when the record was parsed).</summary>
        public bool HasRecordCrc { get; internal set; }
        /// <summary>How many TLVs with tags this reader does not know the record carries (skipped).</summary>
        public int UnknownTagCount { get; internal set; }
        /// <summary>Number of directory entries (0 for files and symlinks).</summary>
        public int EntryCount { get; internal set; }
        /// <summary>Byte offset of the DIRECTORY_ENTRIES payload.</summary>
        public ulong EntriesOffset { get; internal set; }

        /// <summary>The raw, framing-checked DIRECTORY_ENTRIES payload (null when absent).</summary>
        internal byte[]? Entries;
        /// <summary>Set once the content has been checked against <see cref="ContentCrc"/>.</summary>
        internal bool ContentVerified;

        /// <summary>Whether this is a directory.</summary>
        public bool IsDirectory => Type == NodeType.Directory;
    }
}
