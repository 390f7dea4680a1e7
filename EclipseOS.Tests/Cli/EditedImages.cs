using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using EclipseOS.Cli.EclipseFs;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Tools.Hashing;
using EclipseOS.EclipseFS.Tools.Writing;
using EclipseOS.Storage;
using EclipseOS.Storage.Host;
using EclipseOS.Tests.EclipseFS;
using EclipseOS.Tests.EclipseFS.ReadWrite;
using Xunit;

namespace EclipseOS.Tests.Cli
{
    /// <summary>
    /// Images for the tests of the image-changing verbs, and the ways their results are judged:
    /// the tree as a read-only mount sees it, the same tree through the independent
    /// original-format reader, and a host directory changed the same way as the model.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    internal static class EditedImages
    {
        public const string Bare = "bare";
        public const string Gpt = "gpt";

        /// <summary>A bare image of <paramref name="size"/> bytes, or a 600 MiB sparse GPT disk (EclipseFS from 513 MiB), built from <paramref name="source"/>.</summary>
        public static string Make(TempDirectory tmp, string source, string layout, ulong size = 16 << 20)
        {
            string image = tmp.Combine(layout + ".img");
            ImageBuilder.Build(source, image, layout == Gpt, layout == Gpt ? 600UL << 20 : size, 1_700_000_000, null);
            return image;
        }

        /// <summary>Runs the tool and asserts it succeeded, showing its stderr when not.</summary>
        public static string Ok(params string[] arguments)
        {
            (int exit, string output, string error) = EclipseProcess.RunText(arguments);
            Assert.True(exit == 0, "eclipse " + string.Join(" ", arguments) + " exited " + exit + ": " + error);
            Assert.Equal("", error);
            return output;
        }

        /// <summary>
        /// The tree of <paramref name="image"/> (bare or partitioned) as a read-only mount reads it,
        /// after checking that the original-format reader reads exactly the same tree from the bytes.
        /// </summary>
        public static string Tree(string image)
        {
            (FileBlockDevice file, IBlockDevice device) = EclipseFsImage.Locate(image);
            using (file)
            {
                EclipseFsVolume volume = EclipseFsVolume.Mount(device, new EclipseFsOptions { Crc32C = HardwareCrc32C.Instance });
                Assert.True(volume.IsReadOnly);
                string mounted = ReadWriteVolumes.Show(ReadWriteVolumes.Tree(volume));
                string original = ReadWriteVolumes.Show(new OriginalFormatReader(ReadAll(device)).Tree());
                Assert.Equal(mounted, original);
                return mounted;
            }
        }

        /// <summary>The free bytes of a changed image, as its log's last checkpoint lists them.</summary>
        public static ulong FreeBytes(string image)
        {
            (FileBlockDevice file, IBlockDevice device) = EclipseFsImage.Locate(image);
            using (file)
                return EclipseFsVolume.Mount(device, new EclipseFsOptions { Crc32C = HardwareCrc32C.Instance }).Journal!.FreeSpace.TotalBytes;
        }

        /// <summary>A host directory in <see cref="Tree"/>'s notation: the model the image must match.</summary>
        public static string HostTree(string directory)
        {
            var tree = new SortedDictionary<string, string>(StringComparer.Ordinal);
            HostWalk(directory, "", tree);
            var sb = new StringBuilder();
            foreach (var kv in tree)
                sb.Append(kv.Key).Append(' ').Append(kv.Value).Append('\n');
            return sb.ToString();
        }

        private static void HostWalk(string directory, string path, SortedDictionary<string, string> tree)
        {
            foreach (string entry in Directory.EnumerateFileSystemEntries(directory))
            {
                string p = path + "/" + Path.GetFileName(entry);
                UnixFileStatus st = UnixFileStatus.Of(entry);
                string mode = Convert.ToString(st.Mode & 0xFFF, 8);
                switch (st.Mode & UnixFileStatus.TypeMask)
                {
                    case UnixFileStatus.TypeDirectory:
                        tree[p + "/"] = "dir " + mode;
                        HostWalk(entry, p, tree);
                        break;
                    case UnixFileStatus.TypeSymlink:
                        tree[p] = "-> " + new FileInfo(entry).LinkTarget;
                        break;
                    default:
                        byte[] content = File.ReadAllBytes(entry);
                        tree[p] = "file " + mode + " " + Convert.ToHexString(SHA256.HashData(content))[..16] + " " + content.Length;
                        break;
                }
            }
        }

        /// <summary>Copies a host tree as <c>cp -a</c> would for modes and symlinks: the model of copying into an image.</summary>
        public static void CopyHostTree(string source, string target)
        {
            UnixFileStatus st = UnixFileStatus.Of(source);
            switch (st.Mode & UnixFileStatus.TypeMask)
            {
                case UnixFileStatus.TypeDirectory:
                    Directory.CreateDirectory(target);
                    foreach (string entry in Directory.EnumerateFileSystemEntries(source))
                        CopyHostTree(entry, Path.Combine(target, Path.GetFileName(entry)));
                    File.SetUnixFileMode(target, (UnixFileMode)(st.Mode & 0xFFF));
                    break;
                case UnixFileStatus.TypeSymlink:
                    if (new FileInfo(target).LinkTarget != null || File.Exists(target))
                        File.Delete(target);
                    File.CreateSymbolicLink(target, new FileInfo(source).LinkTarget!);
                    break;
                default:
                    File.Copy(source, target, overwrite: true);
                    File.SetUnixFileMode(target, (UnixFileMode)(st.Mode & 0xFFF));
                    break;
            }
        }

        /// <summary>A directory made as <c>eclipse mkdir</c> makes them (mode 755).</summary>
        public static void MakeHostDirectory(string path)
        {
            Directory.CreateDirectory(path);
            File.SetUnixFileMode(path, (UnixFileMode)0x1ED);
        }

        /// <summary>SHA-256 of a file, to show an image was not changed at all.</summary>
        public static string Hash(string path)
        {
            using FileStream s = File.OpenRead(path);
            return Convert.ToHexString(SHA256.HashData(s));
        }

        /// <summary>Deterministic bytes of a given length.</summary>
        public static byte[] Bytes(int length, int seed)
        {
            var data = new byte[length];
            new Random(seed).NextBytes(data);
            return data;
        }

        private static byte[] ReadAll(IBlockDevice device)
        {
            ulong bytes = device.BlockCount * (ulong)device.BlockSize;
            var all = new byte[bytes];
            const int Chunk = 2048;
            for (ulong lba = 0; lba < device.BlockCount; lba += Chunk)
            {
                int count = (int)Math.Min(Chunk, device.BlockCount - lba);
                device.Read(lba, count, all, (int)(lba * (ulong)device.BlockSize));
            }
            return all;
        }
    }
}
