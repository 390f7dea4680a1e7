using System;
using System.Collections.Generic;
using System.IO;
using EclipseOS.EclipseFS.Format;

namespace EclipseOS.EclipseFS.Tools.Writing
{
    /// <summary>
    /// The first pass of mkfs: walks the source tree with lstat only (no file data), assigns
    /// inodes breadth-first with children sorted by their UTF-8 names, computes every record's
    /// size and offset, and checks the format's limits (§4) so the second pass cannot fail on them.
    /// </summary>
    public sealed class ImagePlan
    {
        /// <summary>Bytes of a record's fixed part: header + NODE_TYPE … NLINK (§3).</summary>
        public const int FixedRecordBytes = EclipseFsLayout.RecordHeaderSize + 103;
        /// <summary>Bytes of one 4-byte integrity TLV (§7).</summary>
        public const int CrcTlvBytes = EclipseFsLayout.TlvHeaderSize + 4;

        private ImagePlan(List<PlannedNode> nodes, ulong recordBytes, ulong creationTime)
        {
            Nodes = nodes;
            RecordAreaBytes = recordBytes;
            CreationTime = creationTime;
        }

        /// <summary>Every node in inode order (index i holds inode i + 1).</summary>
        public List<PlannedNode> Nodes { get; }
        /// <summary>Bytes of all records together.</summary>
        public ulong RecordAreaBytes { get; }
        /// <summary>The header's creation_time.</summary>
        public ulong CreationTime { get; }
        /// <summary>Where the records start: after the 4096-byte header block and the inode table.</summary>
        public ulong RecordAreaOffset => EclipseFsLayout.HeaderBlockSize + (ulong)Nodes.Count * EclipseFsLayout.InodeTableEntrySize;
        /// <summary>Bytes the filesystem occupies, rounded up to 4096.</summary>
        public ulong FileSystemBytes => (RecordAreaOffset + RecordAreaBytes + 4095) / 4096 * 4096;
        /// <summary>Total file and link bytes.</summary>
        public ulong ContentBytes
        {
            get
            {
                ulong sum = 0;
                foreach (PlannedNode n in Nodes) sum += n.ContentLength;
                return sum;
            }
        }

        /// <summary>
        /// Plans an image of the tree at <paramref name="root"/>. <paramref name="creationTime"/>
        /// null means: SOURCE_DATE_EPOCH when set, else the newest modification time in the
        /// tree — so the same tree with the same timestamps gives the same bytes.
        /// </summary>
        public static ImagePlan FromDirectory(string root, ulong? creationTime)
        {
            string top = Path.GetFullPath(root);
            if (!Directory.Exists(top))
                throw new EclipseFsWriterException(root, "is not a directory");
            var nodes = new List<PlannedNode>();
            PlannedNode rootNode = Describe(top, new byte[0]);
            if (rootNode.Type != NodeType.Directory)
                throw new EclipseFsWriterException(root, "is not a directory");
            rootNode.Inode = 1;
            nodes.Add(rootNode);
            ulong newest = rootNode.Mtime;
            for (int i = 0; i < nodes.Count; i++)
            {
                PlannedNode dir = nodes[i];
                if (dir.Type != NodeType.Directory)
                    continue;
                foreach (string entry in Directory.EnumerateFileSystemEntries(dir.SourcePath))
                {
                    string name = Path.GetFileName(entry);
                    byte[] nameBytes = Utf8Name.Encode(name);
                    string? problem = Utf8Name.Problem(nameBytes, 0, nameBytes.Length);
                    if (problem != null)
                        throw new EclipseFsWriterException(entry, "name " + problem);
                    dir.Children.Add(Describe(entry, nameBytes));
                }
                dir.Children.Sort(CompareNames);
                foreach (PlannedNode child in dir.Children)
                {
                    if ((ulong)nodes.Count + 1 >= EclipseFsLayout.FirstReservedInode)
                        throw new EclipseFsWriterException(child.SourcePath, "too many nodes: inode numbers from 0xF0000000 up are reserved");
                    child.Inode = (uint)nodes.Count + 1;
                    nodes.Add(child);
                    if (child.Mtime > newest) newest = child.Mtime;
                    dir.EntriesLength += (ulong)(EclipseFsLayout.DirectoryEntryHeaderSize + child.Name.Length);
                }
            }

            ulong offset = 0;
            foreach (PlannedNode n in nodes)
            {
                ulong size = FixedRecordBytes + (ulong)CrcTlvBytes;
                if (n.Type == NodeType.Directory)
                {
                    if (n.EntriesLength > 0) size += EclipseFsLayout.TlvHeaderSize + n.EntriesLength;
                }
                else
                {
                    if (n.ContentLength > 0) size += EclipseFsLayout.TlvHeaderSize + n.ContentLength;
                    size += CrcTlvBytes;
                }
                if (size > uint.MaxValue)
                    throw new EclipseFsWriterException(n.SourcePath, (n.Type == NodeType.Directory ? "directory entries take " + n.EntriesLength : n.ContentLength + " bytes of content make") +
                        " a record of " + size + " bytes; record_size is a u32, so a record holds at most 4 GiB - 1 bytes");
                if (offset > uint.MaxValue || offset + size > (ulong)EclipseFsLayout.MaxRecordAreaSize)
                    throw new EclipseFsWriterException(n.SourcePath, "the records reach " + (offset + size) + " bytes here; relative_offset is a u32, so all records together must fit in 4 GiB");
                n.RecordSize = size;
                n.RelativeOffset = offset;
                offset += size;
            }
            ulong created = creationTime ?? SourceDateEpoch() ?? newest;
            return new ImagePlan(nodes, offset, created);
        }

        private static ulong? SourceDateEpoch()
        {
            string? s = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
            return s != null && ulong.TryParse(s, out ulong v) ? v : null;
        }

        private static PlannedNode Describe(string path, byte[] name)
        {
            UnixFileStatus st = UnixFileStatus.Of(path);
            var node = new PlannedNode
            {
                SourcePath = path,
                Name = name,
                Mode = st.Mode,
                Uid = st.Uid,
                Gid = st.Gid,
                Mtime = st.MtimeSeconds < 0 ? 0 : (ulong)st.MtimeSeconds,
            };
            switch (st.Mode & UnixFileStatus.TypeMask)
            {
                case UnixFileStatus.TypeDirectory:
                    node.Type = NodeType.Directory;
                    break;
                case UnixFileStatus.TypeFile:
                    node.Type = NodeType.File;
                    node.ContentLength = (ulong)st.Size;
                    break;
                case UnixFileStatus.TypeSymlink:
                    node.Type = NodeType.Symlink;
                    string target = new FileInfo(path).LinkTarget ?? throw new EclipseFsWriterException(path, "symlink target cannot be read");
                    node.LinkTarget = Utf8Name.Encode(target);
                    node.ContentLength = (ulong)node.LinkTarget.Length;
                    break;
                default:
                    throw new EclipseFsWriterException(path, "is a device, FIFO or socket (mode 0" + Convert.ToString(st.Mode, 8) +
                        "); EclipseFS stores only files, directories and symlinks");
            }
            return node;
        }

        /// <summary>Bytewise comparison of UTF-8 names: the order is independent of culture and platform.</summary>
        private static int CompareNames(PlannedNode a, PlannedNode b) => a.Name.AsSpan().SequenceCompareTo(b.Name);
    }
}
