using EclipseOS.Hal.Text;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS.Format
{
    /// <summary>
    /// TLV tags of a node record. 0x0001–0x000B are the original format's (§3 of the format
    /// document); 0x0100 and up are this project's integrity tags (§7), numbered after the
    /// original ones so the original reader skips them as unknown.
    /// </summary>
    public static class TlvTag
    {
        /// <summary>§3: u8 node type (1 file, 2 directory, 3 symlink).</summary>
        public const ushort NodeType = 0x0001;
        /// <summary>§3: u32 POSIX mode.</summary>
        public const ushort Mode = 0x0002;
        /// <summary>§3: u32 owner.</summary>
        public const ushort Uid = 0x0003;
        /// <summary>§3: u32 group.</summary>
        public const ushort Gid = 0x0004;
        /// <summary>§3: u64 file or link-target length; 0 for directories.</summary>
        public const ushort Size = 0x0005;
        /// <summary>§3: u64 access time, Unix seconds.</summary>
        public const ushort Atime = 0x0006;
        /// <summary>§3: u64 modification time, Unix seconds.</summary>
        public const ushort Mtime = 0x0007;
        /// <summary>§3: u64 change time, Unix seconds.</summary>
        public const ushort Ctime = 0x0008;
        /// <summary>§3: u32 link count.</summary>
        public const ushort Nlink = 0x0009;
        /// <summary>§3: the file's bytes or the symlink's target, inline.</summary>
        public const ushort Content = 0x000A;
        /// <summary>§3: the directory's children.</summary>
        public const ushort DirectoryEntries = 0x000B;
        /// <summary>§7: u32 CRC-32C of the record (see the format document for what it covers).</summary>
        public const ushort RecordCrc32C = 0x0100;
        /// <summary>§7: u32 CRC-32C of the CONTENT payload.</summary>
        public const ushort ContentCrc32C = 0x0101;

        /// <summary>The payload length a tag must have, or -1 for a variable length.</summary>
        public static int FixedLength(ushort tag)
        {
            switch (tag)
            {
                case NodeType: return 1;
                case Mode: case Uid: case Gid: case Nlink: return 4;
                case Size: case Atime: case Mtime: case Ctime: return 8;
                case RecordCrc32C: case ContentCrc32C: return 4;
                default: return -1;
            }
        }

        /// <summary>Whether this reader knows the tag (unknown tags are skipped).</summary>
        public static bool IsKnown(ushort tag)
        {
            return (tag >= NodeType && tag <= DirectoryEntries) || tag == RecordCrc32C || tag == ContentCrc32C;
        }

        /// <summary>The tag's name as the format document spells it (for error messages).</summary>
        public static string Name(ushort tag)
        {
            switch (tag)
            {
                case NodeType: return "NODE_TYPE";
                case Mode: return "MODE";
                case Uid: return "UID";
                case Gid: return "GID";
                case Size: return "SIZE";
                case Atime: return "ATIME";
                case Mtime: return "MTIME";
                case Ctime: return "CTIME";
                case Nlink: return "NLINK";
                case Content: return "CONTENT";
                case DirectoryEntries: return "DIRECTORY_ENTRIES";
                case RecordCrc32C: return "RECORD_CRC32C";
                case ContentCrc32C: return "CONTENT_CRC32C";
                default: return "tag 0x" + Hex.Upper(tag, 4);
            }
        }
    }
}
