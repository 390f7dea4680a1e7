using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using EclipseOS.Cli.EclipseFs;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Fsck;
using EclipseOS.EclipseFS.Tools.Hashing;
using EclipseOS.Storage;
using EclipseOS.Tests.EclipseFS.ReadWrite;
using Xunit;

namespace EclipseOS.Tests.Kernel
{
    /// <summary>
    /// How the host looks at a filesystem the kernel has written: the independent reader of the
    /// original format (the oracle), the project's reader mounted read-only, and fsck, which must
    /// all agree — in the tree notation of <see cref="OriginalFormatReader.Tree"/>.
    /// </summary>
    internal static class WrittenImage
    {
        /// <summary>The bytes of the EclipseFS inside the image file <paramref name="image"/> (a bare image, or its GPT/MBR partition).</summary>
        public static byte[] FileSystemBytes(string image)
        {
            (var file, IBlockDevice device) = EclipseFsImage.Locate(image);
            using (file)
            {
                var bytes = new byte[checked((int)(device.BlockCount * (ulong)device.BlockSize))];
                int blocksPerRead = (1 << 20) / device.BlockSize;
                for (ulong lba = 0; lba < device.BlockCount; lba += (ulong)blocksPerRead)
                {
                    int count = (int)Math.Min((ulong)blocksPerRead, device.BlockCount - lba);
                    device.Read(lba, count, bytes, (int)(lba * (ulong)device.BlockSize));
                }
                return bytes;
            }
        }

        /// <summary>
        /// The tree of <paramref name="filesystem"/> as the original-format oracle reads it, after
        /// asserting that the project's reader (read-only: the log is replayed in memory) reads the
        /// same and that fsck finds nothing.
        /// </summary>
        public static SortedDictionary<string, string> Check(byte[] filesystem)
        {
            SortedDictionary<string, string> oracle = new OriginalFormatReader(filesystem).Tree();
            var disk = new RamDisk(filesystem, 512, readOnly: true);
            EclipseFsVolume volume = ReadWriteVolumes.Mount(disk, writable: false);
            Assert.Equal(ReadWriteVolumes.Show(oracle), ReadWriteVolumes.Show(ReadWriteVolumes.Tree(volume)));
            FsckReport report = new EclipseFsChecker(new EclipseFsOptions { Crc32C = HardwareCrc32C.Instance }).Check(disk, null);
            Assert.True(report.IsClean, "fsck found problems:\n" + string.Join("\n", report.Problems.Select(p => p.ToString())));
            return oracle;
        }

        /// <summary>The modification time (Unix seconds) of <paramref name="path"/> in <paramref name="filesystem"/>, read by our reader.</summary>
        public static ulong ModifyTime(byte[] filesystem, string path)
        {
            EclipseFsVolume volume = ReadWriteVolumes.Mount(new RamDisk(filesystem, 512, readOnly: true), writable: false);
            return volume.Stat(volume.ResolvePath(path)).ModifyTime;
        }

        /// <summary>A file in the tree notation: <c>file 644 SHA256[..16] LENGTH</c>.</summary>
        public static string File(uint mode, string content)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(content);
            return "file " + Convert.ToString(mode, 8) + " " + Convert.ToHexString(SHA256.HashData(bytes))[..16] + " " + bytes.Length;
        }

        /// <summary>A directory in the tree notation (its key ends in '/').</summary>
        public static string Dir(uint mode) => "dir " + Convert.ToString(mode, 8);

        /// <summary>A symlink in the tree notation.</summary>
        public static string Link(string target) => "-> " + target;

        /// <summary>Asserts two trees are equal, showing both whole when not.</summary>
        public static void AssertSame(SortedDictionary<string, string> expected, SortedDictionary<string, string> actual)
        {
            Assert.Equal(ReadWriteVolumes.Show(expected), ReadWriteVolumes.Show(actual));
        }
    }
}
