using System.Collections.Generic;
using EclipseOS.EclipseFS.Format;
using EclipseOS.Storage;

namespace EclipseOS.Kernel.Core.Simulated
{
    /// <summary>
    /// Builds a small EclipseFS 2.0 image in memory, kernel-side, for the simulated disk the
    /// kernel falls back to when no real device holds a root filesystem (the host writer lives
    /// in a net10 tool the kernel cannot use). Layout as in eclipsefs-format.md §1–3: the
    /// 4096-byte header (all 65 bytes, checksum filled in), the inode table, then packed node
    /// records with the original writer's TLV order; children sorted by name. Meant for a
    /// handful of small files: the whole image is one array.
    /// </summary>
    public sealed class EclipseFsImageBuilder
    {
        private readonly List<Node> _nodes = new List<Node>();

        /// <summary>Starts an image holding only the root directory (inode 1).</summary>
        public EclipseFsImageBuilder()
        {
            _nodes.Add(new Node(EclipseFsLayout.RootInode, NodeType.Directory, EclipseFsLayout.DefaultDirectoryMode, new byte[0]));
        }

        /// <summary>The root directory's inode, the parent of top-level entries.</summary>
        public uint Root => EclipseFsLayout.RootInode;

        /// <summary>Adds a directory under <paramref name="parent"/>; returns its inode.</summary>
        public uint AddDirectory(uint parent, string name)
        {
            return Add(parent, name, NodeType.Directory, EclipseFsLayout.DefaultDirectoryMode, new byte[0]);
        }

        /// <summary>Adds a regular file holding <paramref name="text"/> (UTF-8) under <paramref name="parent"/>; returns its inode.</summary>
        public uint AddFile(uint parent, string name, string text)
        {
            return Add(parent, name, NodeType.File, EclipseFsLayout.DefaultFileMode, Utf8Name.Encode(text));
        }

        /// <summary>Adds a symbolic link to <paramref name="target"/> under <paramref name="parent"/>; returns its inode.</summary>
        public uint AddSymlink(uint parent, string name, string target)
        {
            return Add(parent, name, NodeType.Symlink, EclipseFsLayout.DefaultSymlinkMode, Utf8Name.Encode(target));
        }

        /// <summary>
        /// Lays the image out with every timestamp set to <paramref name="unixSeconds"/>, padded
        /// to a whole number of <paramref name="blockSize"/>-byte blocks.
        /// </summary>
        public byte[] Build(ulong unixSeconds, int blockSize)
        {
            int count = _nodes.Count;
            var records = new byte[count][];
            int recordsLength = 0;
            for (int i = 0; i < count; i++)
            {
                records[i] = BuildRecord(_nodes[i], unixSeconds);
                recordsLength += records[i].Length;
            }

            int tableSize = count * EclipseFsLayout.InodeTableEntrySize;
            int used = EclipseFsLayout.HeaderBlockSize + tableSize + recordsLength;
            var image = new byte[(used + blockSize - 1) / blockSize * blockSize];

            var superblock = new Superblock
            {
                InodeTableOffset = EclipseFsLayout.HeaderBlockSize,
                InodeTableSize = (ulong)tableSize,
                TotalInodes = (uint)count,
                CreationTime = unixSeconds,
            };
            superblock.WriteTo(image);

            int relative = 0;
            int recordsStart = EclipseFsLayout.HeaderBlockSize + tableSize;
            for (int i = 0; i < count; i++)
            {
                int entry = EclipseFsLayout.HeaderBlockSize + i * EclipseFsLayout.InodeTableEntrySize;
                LittleEndian.Put32(image, entry, _nodes[i].Inode);
                LittleEndian.Put32(image, entry + 4, (uint)relative);
                Copy(records[i], image, recordsStart + relative);
                relative += records[i].Length;
            }
            return image;
        }

        private uint Add(uint parent, string name, NodeType type, uint mode, byte[] content)
        {
            Node directory = _nodes[(int)parent - 1];
            var inode = (uint)(_nodes.Count + 1);
            _nodes.Add(new Node(inode, type, mode, content));
            // Entries sorted by name (ordinal), as this project's writer does: reproducible images.
            int at = 0;
            while (at < directory.ChildNames.Count && string.CompareOrdinal(directory.ChildNames[at], name) < 0)
                at++;
            directory.ChildNames.Insert(at, name);
            directory.ChildInodes.Insert(at, inode);
            return inode;
        }

        private static byte[] BuildRecord(Node node, ulong time)
        {
            byte[] entries = DirectoryEntries(node);
            const int tlv = EclipseFsLayout.TlvHeaderSize;
            // Tags 1–9 in the original writer's order: 1 + 3×4 + 4×8 + 4 bytes of values.
            int size = EclipseFsLayout.RecordHeaderSize + 9 * tlv + 1 + 3 * 4 + 4 * 8 + 4
                + (node.Content.Length > 0 ? tlv + node.Content.Length : 0)
                + (entries.Length > 0 ? tlv + entries.Length : 0);
            var record = new byte[size];
            LittleEndian.Put32(record, 0, node.Inode);
            LittleEndian.Put32(record, 4, (uint)size);
            int at = EclipseFsLayout.RecordHeaderSize;
            at = Tlv(record, at, TlvTag.NodeType, 1);
            record[at++] = (byte)node.Type;
            at = Tlv(record, at, TlvTag.Mode, 4);
            LittleEndian.Put32(record, at, node.Mode);
            at += 4;
            at = Tlv(record, at, TlvTag.Uid, 4) + 4;
            at = Tlv(record, at, TlvTag.Gid, 4) + 4;
            at = Tlv(record, at, TlvTag.Size, 8);
            LittleEndian.Put64(record, at, node.Type == NodeType.Directory ? 0 : (ulong)node.Content.Length);
            at += 8;
            ushort[] times = { TlvTag.Atime, TlvTag.Mtime, TlvTag.Ctime };
            for (int i = 0; i < times.Length; i++)
            {
                at = Tlv(record, at, times[i], 8);
                LittleEndian.Put64(record, at, time);
                at += 8;
            }
            at = Tlv(record, at, TlvTag.Nlink, 4);
            LittleEndian.Put32(record, at, node.Type == NodeType.Directory ? 2u : 1u);
            at += 4;
            if (node.Content.Length > 0)
            {
                at = Tlv(record, at, TlvTag.Content, node.Content.Length);
                Copy(node.Content, record, at);
                at += node.Content.Length;
            }
            if (entries.Length > 0)
            {
                at = Tlv(record, at, TlvTag.DirectoryEntries, entries.Length);
                Copy(entries, record, at);
            }
            return record;
        }

        private static byte[] DirectoryEntries(Node node)
        {
            var names = new byte[node.ChildNames.Count][];
            int length = 0;
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = Utf8Name.Encode(node.ChildNames[i]);
                length += EclipseFsLayout.DirectoryEntryHeaderSize + names[i].Length;
            }
            var entries = new byte[length];
            int at = 0;
            for (int i = 0; i < names.Length; i++)
            {
                LittleEndian.Put32(entries, at, (uint)names[i].Length);
                LittleEndian.Put32(entries, at + 4, node.ChildInodes[i]);
                at += EclipseFsLayout.DirectoryEntryHeaderSize;
                Copy(names[i], entries, at);
                at += names[i].Length;
            }
            return entries;
        }

        private static int Tlv(byte[] record, int at, ushort tag, int length)
        {
            LittleEndian.Put16(record, at, tag);
            LittleEndian.Put32(record, at + 2, (uint)length);
            return at + EclipseFsLayout.TlvHeaderSize;
        }

        private static void Copy(byte[] from, byte[] to, int at)
        {
            for (int i = 0; i < from.Length; i++)
                to[at + i] = from[i];
        }

        private sealed class Node
        {
            public Node(uint inode, NodeType type, uint mode, byte[] content)
            {
                Inode = inode;
                Type = type;
                Mode = mode;
                Content = content;
            }

            public uint Inode { get; }
            public NodeType Type { get; }
            public uint Mode { get; }
            public byte[] Content { get; }
            public List<string> ChildNames { get; } = new List<string>();
            public List<uint> ChildInodes { get; } = new List<uint>();
        }
    }
}
