using System;
using System.Collections.Generic;
using System.Text;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.Kernel.Core.Simulated;
using EclipseOS.Storage;

namespace EclipseOS.Tests.EclipseFS.ReadWrite
{
    /// <summary>Builds small images for the read-write tests, mounts them and reads trees both ways.</summary>
    internal static class ReadWriteVolumes
    {
        /// <summary>A clock the tests move by hand.</summary>
        public sealed class TestClock : IUnixClock
        {
            public ulong Now = 1_700_000_000;
            public ulong UnixSeconds => Now;
        }

        /// <summary>An image in the original writer's layout (no CRC tags) with a few nodes, padded to <paramref name="bytes"/>.</summary>
        public static byte[] OriginalStyleImage(int bytes)
        {
            var b = new EclipseFsImageBuilder();
            uint etc = b.AddDirectory(b.Root, "etc");
            b.AddFile(etc, "hostname", "eclipse\n");
            b.AddFile(b.Root, "readme.txt", "hello from the original writer\n");
            b.AddSymlink(b.Root, "hosts", "/etc/hostname");
            byte[] image = b.Build(1_600_000_000, 512);
            Array.Resize(ref image, bytes);
            return image;
        }

        /// <summary>Mounts with the test clock; <paramref name="compactAbove"/> is <see cref="EclipseFsOptions.CompactFreeSpaceAbove"/>.</summary>
        public static EclipseFsVolume Mount(IBlockDevice device, IUnixClock? clock = null, bool writable = true, int compactAbove = 0)
        {
            return EclipseFsVolume.Mount(device, new EclipseFsOptions
            {
                Writable = writable, Clock = clock ?? new TestClock(), Crc32C = EclipseOS.EclipseFS.Tools.Hashing.HardwareCrc32C.Instance, CompactFreeSpaceAbove = compactAbove,
            });
        }

        /// <summary>The tree as the project's reader sees it, in <see cref="OriginalFormatReader.Tree"/>'s notation.</summary>
        public static SortedDictionary<string, string> Tree(EclipseFsVolume volume)
        {
            var tree = new SortedDictionary<string, string>(StringComparer.Ordinal);
            Walk(volume, 1, "", tree);
            return tree;
        }

        private static void Walk(EclipseFsVolume volume, uint inode, string path, SortedDictionary<string, string> tree)
        {
            foreach (DirectoryEntry e in volume.ReadDirectory(inode))
            {
                EclipseFsNode c = volume.GetNode(e.Inode);
                string p = path + "/" + e.Name;
                if (c.IsDirectory)
                {
                    tree[p + "/"] = "dir " + Convert.ToString(c.Mode & 0xFFF, 8);
                    Walk(volume, e.Inode, p, tree);
                }
                else if (c.Type == EclipseOS.EclipseFS.Format.NodeType.Symlink)
                    tree[p] = "-> " + volume.ReadLink(e.Inode);
                else
                {
                    var content = new byte[c.ContentLength];
                    int n = content.Length == 0 ? 0 : volume.Read(e.Inode, 0, content, 0, content.Length);
                    if (n != content.Length)
                        throw new InvalidOperationException(p + ": read " + n + " of " + content.Length);
                    tree[p] = "file " + Convert.ToString(c.Mode & 0xFFF, 8) + " " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content))[..16] + " " + content.Length;
                }
            }
        }

        public static string Show(SortedDictionary<string, string> tree)
        {
            var sb = new StringBuilder();
            foreach (var kv in tree)
                sb.Append(kv.Key).Append(' ').Append(kv.Value).Append('\n');
            return sb.ToString();
        }

        public static byte[] ReadAll(EclipseFsVolume v, ulong inode)
        {
            var content = new byte[v.Stat(inode).Size];
            int n = content.Length == 0 ? 0 : v.Read((uint)inode, 0, content, 0, content.Length);
            if (n != content.Length)
                throw new InvalidOperationException("short read");
            return content;
        }
    }
}
