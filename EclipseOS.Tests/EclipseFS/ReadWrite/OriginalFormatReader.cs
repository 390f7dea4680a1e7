using System;
using System.Collections.Generic;
using System.Text;

namespace EclipseOS.Tests.EclipseFS.ReadWrite
{
    /// <summary>
    /// A reader that knows only the original EclipseFS 2.0 format (../shared/docs/eclipsefs-format.md
    /// §1–3), written independently of the project's reader as a test oracle: header, table entry
    /// i−1 for inode i, records found by relative offset, unknown tags skipped, nothing else. An
    /// image changed at run time must read the same through it.
    /// </summary>
    internal sealed class OriginalFormatReader
    {
        private readonly byte[] _fs;
        private readonly ulong _tableOffset;
        private readonly ulong _tableSize;
        private readonly uint _total;

        public OriginalFormatReader(byte[] filesystem)
        {
            _fs = filesystem;
            if (Encoding.ASCII.GetString(filesystem, 0, 9) != "ECLIPSEFS" || BitConverter.ToUInt32(filesystem, 9) != 0x00020000)
                throw new InvalidOperationException("not EclipseFS 2.0");
            _tableOffset = BitConverter.ToUInt64(filesystem, 13);
            _tableSize = BitConverter.ToUInt64(filesystem, 21);
            _total = BitConverter.ToUInt32(filesystem, 29);
            if (_tableSize != (ulong)_total * 8)
                throw new InvalidOperationException("inode_table_size " + _tableSize + " is not total_inodes × 8");
        }

        /// <summary>One node as the original sees it.</summary>
        public sealed class Node
        {
            public byte Type;
            public uint Mode;
            public ulong Size;
            public byte[] Content = Array.Empty<byte>();
            public List<(string Name, uint Inode)> Entries = new();
        }

        public Node Read(uint inode)
        {
            if (inode == 0 || inode > _total)
                throw new InvalidOperationException("inode " + inode + " out of range");
            ulong entry = _tableOffset + (ulong)(inode - 1) * 8;
            uint rel = BitConverter.ToUInt32(_fs, (int)entry + 4);
            ulong at = _tableOffset + _tableSize + rel;
            if (BitConverter.ToUInt32(_fs, (int)at) != inode)
                throw new InvalidOperationException("record at " + at + " is not inode " + inode);
            uint size = BitConverter.ToUInt32(_fs, (int)at + 4);
            var node = new Node();
            ulong p = at + 8, end = at + size;
            while (p < end)
            {
                ushort tag = BitConverter.ToUInt16(_fs, (int)p);
                uint length = BitConverter.ToUInt32(_fs, (int)p + 2);
                int v = (int)p + 6;
                switch (tag)
                {
                    case 1: node.Type = _fs[v]; break;
                    case 2: node.Mode = BitConverter.ToUInt32(_fs, v); break;
                    case 5: node.Size = BitConverter.ToUInt64(_fs, v); break;
                    case 0xA: node.Content = _fs.AsSpan(v, (int)length).ToArray(); break;
                    case 0xB:
                        int q = v;
                        while (q < v + (int)length)
                        {
                            int n = (int)BitConverter.ToUInt32(_fs, q);
                            uint child = BitConverter.ToUInt32(_fs, q + 4);
                            node.Entries.Add((Encoding.UTF8.GetString(_fs, q + 8, n), child));
                            q += 8 + n;
                        }
                        break;
                }
                p += 6 + length;
            }
            return node;
        }

        /// <summary>Every path under the root with its node: directories end in "/", symlinks read "-> target".</summary>
        public SortedDictionary<string, string> Tree()
        {
            var tree = new SortedDictionary<string, string>(StringComparer.Ordinal);
            Walk(1, "", tree, 0);
            return tree;
        }

        private void Walk(uint inode, string path, SortedDictionary<string, string> tree, int depth)
        {
            if (depth > 64)
                throw new InvalidOperationException("directory cycle at " + path);
            Node node = Read(inode);
            foreach (var (name, child) in node.Entries)
            {
                Node c = Read(child);
                string p = path + "/" + name;
                if (c.Type == 2)
                {
                    tree[p + "/"] = "dir " + Convert.ToString(c.Mode & 0xFFF, 8);
                    Walk(child, p, tree, depth + 1);
                }
                else if (c.Type == 3)
                    tree[p] = "-> " + Encoding.UTF8.GetString(c.Content);
                else
                {
                    if (c.Size != (ulong)c.Content.Length)
                        throw new InvalidOperationException(p + ": SIZE " + c.Size + " but CONTENT " + c.Content.Length);
                    tree[p] = "file " + Convert.ToString(c.Mode & 0xFFF, 8) + " " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(c.Content))[..16] + " " + c.Content.Length;
                }
            }
        }
    }
}
