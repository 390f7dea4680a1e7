using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using EclipseOS.Tests.Cli;
using Xunit;

namespace EclipseOS.Tests.EclipseFS
{
    /// <summary>
    /// Image files that end right after their last record, as the original Rust writer leaves
    /// them: their length is not a multiple of 512. QEMU serves such a file as a disk whose last
    /// sector is padded with zeros, so every image verb must read it as if it were padded.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public class UnpaddedImageTests
    {
        /// <summary>Where the last record ends: the largest record end over the inode table (§2, §3).</summary>
        private static long EndOfRecords(byte[] image)
        {
            long tableOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(13));
            long tableSize = (long)BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(21));
            uint inodes = BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(29));
            long end = 0;
            for (int i = 0; i < inodes; i++)
            {
                long record = tableOffset + tableSize + BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan((int)tableOffset + i * 8 + 4));
                end = Math.Max(end, record + BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan((int)record + 4)));
            }
            return end;
        }

        [Fact]
        public void OurWritersImageCutRightAfterItsLastRecordReadsThroughEveryVerb()
        {
            using var tmp = new TempDirectory();
            string src = tmp.Combine("src");
            Directory.CreateDirectory(Path.Combine(src, "etc"));
            var files = new Dictionary<string, byte[]>
            {
                ["etc/motd"] = Encoding.ASCII.GetBytes("welcome\n"),
                ["big.bin"] = Bytes(70_000, 1),
                ["tail.bin"] = Bytes(5_000, 2),
            };
            foreach (KeyValuePair<string, byte[]> f in files)
                File.WriteAllBytes(Path.Combine(src, f.Key), f.Value);
            string img = tmp.Combine("fs.img");
            Assert.Equal(0, EclipseProcess.Run("mkfs", src, "-o", img).Exit);
            byte[] padded = File.ReadAllBytes(img);
            long end = EndOfRecords(padded);
            Assert.NotEqual(0, end % 512);
            Assert.True(padded.Length - end >= 512, "the cut must drop whole sectors as well as part of one");
            using (var file = new FileStream(img, FileMode.Open))
                file.SetLength(end);

            ReadsThroughEveryVerb(tmp, img, files, new Dictionary<string, string>());
        }

        [Fact]
        public void AnImageInTheOriginalWritersStyleReadsThroughEveryVerb()
        {
            var raw = new RawImage { Padded = false };
            byte[] motd = Encoding.ASCII.GetBytes("welcome\n"), data = Bytes(5_000, 3);
            raw.Dir(("etc", 2), ("link", 4), ("data.bin", 5));
            raw.Dir(("motd", 3));
            raw.File(motd);
            raw.Symlink("etc/motd");
            raw.File(data); // last, so its content runs up to the last byte of the file
            byte[] bytes = raw.Build();
            Assert.NotEqual(0, bytes.Length % 512);
            Assert.Equal(bytes.Length, EndOfRecords(bytes));
            Assert.Equal(data, bytes[^data.Length..]);
            using var tmp = new TempDirectory();
            string img = tmp.Combine("original.img");
            File.WriteAllBytes(img, bytes);

            ReadsThroughEveryVerb(tmp, img, new Dictionary<string, byte[]> { ["etc/motd"] = motd, ["data.bin"] = data },
                new Dictionary<string, string> { ["link"] = "etc/motd" });
        }

        private static byte[] Bytes(int length, int seed)
        {
            var b = new byte[length];
            new Random(seed).NextBytes(b);
            return b;
        }

        /// <summary>ls, cat, stat, info, fsck and extract all succeed and give back exactly <paramref name="files"/>.</summary>
        private static void ReadsThroughEveryVerb(TempDirectory tmp, string img, Dictionary<string, byte[]> files, Dictionary<string, string> links)
        {
            long length = new FileInfo(img).Length;
            (int exit, string output, string error) = EclipseProcess.RunText("ls", "-l", "-R", img);
            Assert.True(exit == 0, error);
            foreach (string name in files.Keys)
                Assert.Contains(Path.GetFileName(name), output);
            foreach (KeyValuePair<string, string> link in links)
                Assert.Contains(link.Key + " -> " + link.Value, output);

            foreach (KeyValuePair<string, byte[]> f in files)
            {
                (exit, byte[] content, error) = EclipseProcess.Run("cat", img, "/" + f.Key);
                Assert.True(exit == 0, error);
                Assert.Equal(f.Value, content);
                (exit, output, error) = EclipseProcess.RunText("stat", img, "/" + f.Key);
                Assert.True(exit == 0, error);
                Assert.Contains("  Size: " + f.Value.Length + "\n", output);
            }

            (exit, output, error) = EclipseProcess.RunText("info", img);
            Assert.True(exit == 0, error);
            Assert.Contains((length + 511) / 512 + " blocks of 512 bytes", output);

            (exit, output, error) = EclipseProcess.RunText("fsck", img);
            Assert.True(exit == 0, output + error);
            Assert.EndsWith("clean\n", output);

            string dst = tmp.Combine("extracted");
            (exit, output, error) = EclipseProcess.RunText("extract", img, dst);
            Assert.True(exit == 0, error);
            foreach (KeyValuePair<string, byte[]> f in files)
                Assert.Equal(f.Value, File.ReadAllBytes(Path.Combine(dst, f.Key)));
            foreach (KeyValuePair<string, string> link in links)
                Assert.Equal(link.Value, new FileInfo(Path.Combine(dst, link.Key)).LinkTarget);

            // Reading is all the verbs do: the image keeps its length.
            Assert.Equal(length, new FileInfo(img).Length);
        }
    }
}
