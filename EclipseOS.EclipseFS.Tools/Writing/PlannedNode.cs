using System.Collections.Generic;
using EclipseOS.EclipseFS.Format;

namespace EclipseOS.EclipseFS.Tools.Writing
{
    /// <summary>One node of the image as planned in the first pass: metadata from lstat, no file data.</summary>
    public sealed class PlannedNode
    {
        /// <summary>Where the node comes from on the host.</summary>
        public string SourcePath { get; internal set; } = "";
        /// <summary>The name in its parent directory, UTF-8 (empty for the root).</summary>
        public byte[] Name { get; internal set; } = new byte[0];
        /// <summary>File, directory or symlink.</summary>
        public NodeType Type { get; internal set; }
        /// <summary>POSIX mode with type bits.</summary>
        public uint Mode { get; internal set; }
        /// <summary>Owner.</summary>
        public uint Uid { get; internal set; }
        /// <summary>Group.</summary>
        public uint Gid { get; internal set; }
        /// <summary>Modification time (also written as ATIME and CTIME; see the format document §8).</summary>
        public ulong Mtime { get; internal set; }
        /// <summary>Bytes of content: file length or link-target length.</summary>
        public ulong ContentLength { get; internal set; }
        /// <summary>The symlink target, UTF-8.</summary>
        public byte[]? LinkTarget { get; internal set; }
        /// <summary>Children sorted by name (bytewise), for directories.</summary>
        public List<PlannedNode> Children { get; } = new List<PlannedNode>();
        /// <summary>The inode number (breadth-first order, root = 1).</summary>
        public uint Inode { get; internal set; }
        /// <summary>Bytes of the whole record.</summary>
        public ulong RecordSize { get; internal set; }
        /// <summary>Offset of the record from the start of the record area.</summary>
        public ulong RelativeOffset { get; internal set; }
        /// <summary>Bytes of the DIRECTORY_ENTRIES payload.</summary>
        public ulong EntriesLength { get; internal set; }
    }
}
