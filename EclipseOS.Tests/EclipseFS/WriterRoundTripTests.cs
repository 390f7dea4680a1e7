using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Fsck;
using EclipseOS.EclipseFS.Integrity;
using EclipseOS.EclipseFS.Tools.Extraction;
using EclipseOS.EclipseFS.Tools.Hashing;
using EclipseOS.EclipseFS.Tools.Writing;
using EclipseOS.Storage.Host;
using Xunit;

namespace EclipseOS.Tests.EclipseFS
{
    /// <summary>A generated tree entry: 0 file, 1 directory, 2 symlink.</summary>
    public sealed record TreeEntry(string Name, int Kind, byte[] Content, int Mode, long Mtime, TreeEntry[] Children)
    {
        public override string ToString() => Kind switch
        {
            1 => Name + "/{" + string.Join(", ", Children.Select(c => c.ToString())) + "}",
            2 => Name + "->" + Encoding.UTF8.GetString(Content),
            _ => Name + "[" + Content.Length + "]",
        };
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public class WriterRoundTripTests
    {
        // Non-BMP characters are appended whole: Gen.Char would split a surrogate pair.
        private static readonly Gen<string> NameGen = Gen.Select(Gen.String[Gen.Char["abcXYZ019 ._-é漢"], 1, 12], Gen.Bool, (s, astral) => astral ? s + "😀" : s);

        private static Gen<TreeEntry[]> EntriesGen(int depth) =>
            Gen.Int[0, depth == 0 ? 3 : 6].SelectMany(n => EntryGen(depth).Array[n]).Select(arr =>
                arr.Select((e, i) => e with { Name = e.Name.Trim('.') + "_" + i }).ToArray());

        private static Gen<TreeEntry> EntryGen(int depth) =>
            Gen.Int[0, depth == 0 ? 1 : 2].SelectMany(kind => kind switch
            {
                0 => Gen.Select(NameGen, Gen.Byte.Array[0, 5000], Gen.Int[0, 0x1FF], Gen.Long[0, 2_000_000_000],
                        (n, c, m, t) => new TreeEntry(n, 0, c, m | 0x100, t, Array.Empty<TreeEntry>())),
                1 => Gen.Select(NameGen, NameGen, Gen.Long[0, 2_000_000_000], (n, target, t) => new TreeEntry(n, 2, Encoding.UTF8.GetBytes("../" + target), 0x1FF, t, Array.Empty<TreeEntry>())),
                _ => Gen.Select(NameGen, Gen.Long[0, 2_000_000_000], EntriesGen(depth - 1), (n, t, kids) => new TreeEntry(n, 1, Array.Empty<byte>(), 0x1ED, t, kids)),
            });

        internal static void Materialize(string dir, TreeEntry[] entries)
        {
            foreach (TreeEntry e in entries)
            {
                string p = Path.Combine(dir, e.Name);
                switch (e.Kind)
                {
                    case 0:
                        File.WriteAllBytes(p, e.Content);
                        File.SetUnixFileMode(p, (UnixFileMode)e.Mode);
                        File.SetLastWriteTimeUtc(p, DateTimeOffset.FromUnixTimeSeconds(e.Mtime).UtcDateTime);
                        break;
                    case 2:
                        File.CreateSymbolicLink(p, Encoding.UTF8.GetString(e.Content));
                        break;
                    default:
                        Directory.CreateDirectory(p);
                        Materialize(p, e.Children);
                        Directory.SetLastWriteTimeUtc(p, DateTimeOffset.FromUnixTimeSeconds(e.Mtime).UtcDateTime);
                        break;
                }
            }
        }

        private static void Compare(EclipseFsVolume v, uint dir, TreeEntry[] expected)
        {
            List<DirectoryEntry> entries = v.ReadDirectory(dir);
            Assert.Equal(expected.Select(e => e.Name).OrderBy(n => Encoding.UTF8.GetBytes(n), ByteOrder.Instance), entries.Select(e => e.Name));
            foreach (TreeEntry e in expected)
            {
                uint inode = v.LookupChild(dir, e.Name);
                EclipseFsNode n = v.GetNode(inode);
                switch (e.Kind)
                {
                    case 0:
                        Assert.Equal(NodeType.File, n.Type);
                        Assert.Equal((uint)(0x8000 | e.Mode), n.Mode);
                        Assert.Equal((ulong)e.Mtime, n.Mtime);
                        var buf = new byte[e.Content.Length + 10];
                        Assert.Equal(e.Content.Length, v.Read(inode, 0, buf, 0, buf.Length));
                        Assert.Equal(e.Content, buf.AsSpan(0, e.Content.Length).ToArray());
                        break;
                    case 2:
                        Assert.Equal(NodeType.Symlink, n.Type);
                        Assert.Equal(Encoding.UTF8.GetString(e.Content), v.ReadLink(inode));
                        break;
                    default:
                        Assert.Equal(NodeType.Directory, n.Type);
                        Assert.Equal((ulong)e.Mtime, n.Mtime);
                        Compare(v, inode, e.Children);
                        break;
                }
            }
        }

        private static void CompareHost(string a, string b)
        {
            var left = Directory.GetFileSystemEntries(a).Select(Path.GetFileName).OrderBy(x => x, StringComparer.Ordinal).ToArray();
            var right = Directory.GetFileSystemEntries(b).Select(Path.GetFileName).OrderBy(x => x, StringComparer.Ordinal).ToArray();
            Assert.Equal(left, right);
            foreach (string name in left.Select(x => x!))
            {
                string pa = Path.Combine(a, name), pb = Path.Combine(b, name);
                var ia = new FileInfo(pa);
                if (ia.LinkTarget != null)
                    Assert.Equal(ia.LinkTarget, new FileInfo(pb).LinkTarget);
                else if (Directory.Exists(pa))
                {
                    CompareHost(pa, pb);
                    Assert.Equal(Directory.GetLastWriteTimeUtc(pa), Directory.GetLastWriteTimeUtc(pb));
                }
                else
                {
                    Assert.Equal(File.ReadAllBytes(pa), File.ReadAllBytes(pb));
                    Assert.Equal(File.GetUnixFileMode(pa), File.GetUnixFileMode(pb));
                    Assert.Equal(File.GetLastWriteTimeUtc(pa), File.GetLastWriteTimeUtc(pb));
                }
            }
        }

        private sealed class ByteOrder : IComparer<byte[]>
        {
            public static readonly ByteOrder Instance = new ByteOrder();
            public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
        }

        [Fact]
        public void GeneratedTreesRoundTripThroughMkfsReaderFsckAndExtract()
        {
            EntriesGen(3).Sample(tree =>
            {
                using var tmp = new TempDirectory();
                string src = tmp.Combine("src");
                Directory.CreateDirectory(src);
                Materialize(src, tree);
                string img = tmp.Combine("fs.img");
                BuildResult built = ImageBuilder.Build(src, img, false, null, 1234, null);
                byte[] bytes = File.ReadAllBytes(img);
                Assert.Equal((long)built.ImageBytes, bytes.Length);
                var v = EclipseFsVolume.Mount(new MemoryBlockDevice(bytes, 512));
                Assert.Equal(1234ul, v.Superblock.CreationTime);
                Compare(v, 1, tree);
                FsckReport report = new EclipseFsChecker(new EclipseFsOptions()).Check(new MemoryBlockDevice(bytes, 4096), null);
                Assert.True(report.IsClean, string.Join("\n", report.Problems));
                Assert.Equal(report.InodesChecked, report.RecordCrcsChecked);
                string dst = tmp.Combine("dst");
                using (var dev = new FileBlockDevice(img, 512, readOnly: true))
                    new EclipseFsExtractor(EclipseFsVolume.Mount(dev, new EclipseFsOptions { VerifyContentOnRead = false }), null).Extract(dst);
                CompareHost(src, dst);
            }, iter: 20, threads: 1);
        }

        [Fact]
        public void SameTreeAndTimesGiveTheSameBytesEvenFromACopy()
        {
            using var tmp = new TempDirectory();
            var tree = new[]
            {
                new TreeEntry("b", 0, new byte[] { 1, 2, 3 }, 0x1A4, 1000, Array.Empty<TreeEntry>()),
                new TreeEntry("a", 1, Array.Empty<byte>(), 0x1ED, 2000, new[] { new TreeEntry("z", 0, new byte[70000], 0x1A4, 3000, Array.Empty<TreeEntry>()) }),
                new TreeEntry("l", 2, Encoding.UTF8.GetBytes("a/z"), 0x1FF, 0, Array.Empty<TreeEntry>()),
            };
            string one = tmp.Combine("one"), two = tmp.Combine("two");
            Directory.CreateDirectory(one);
            Directory.CreateDirectory(two);
            Materialize(one, tree);
            Materialize(two, tree.Reverse().ToArray()); // created in another order
            foreach (string d in new[] { one, two })
            {
                Directory.SetLastWriteTimeUtc(d, DateTimeOffset.FromUnixTimeSeconds(5000).UtcDateTime);
                File.SetLastWriteTimeUtc(Path.Combine(d, "l"), DateTimeOffset.FromUnixTimeSeconds(6000).UtcDateTime);
            }
            ImageBuilder.Build(one, tmp.Combine("1.img"), false, null, null, null);
            ImageBuilder.Build(one, tmp.Combine("1b.img"), false, null, null, null);
            ImageBuilder.Build(two, tmp.Combine("2.img"), false, null, null, null);
            byte[] a = File.ReadAllBytes(tmp.Combine("1.img"));
            Assert.Equal(a, File.ReadAllBytes(tmp.Combine("1b.img")));
            Assert.Equal(a, File.ReadAllBytes(tmp.Combine("2.img")));
            var v = EclipseFsVolume.Mount(new MemoryBlockDevice(a, 512));
            Assert.Equal(new[] { "a", "b", "l" }, v.ReadDirectory(1).Select(e => e.Name));
            Assert.Equal(6000ul, v.Superblock.CreationTime); // newest mtime in the tree
            ImageBuilder.Build(one, tmp.Combine("g1.img"), true, null, null, null);
            ImageBuilder.Build(two, tmp.Combine("g2.img"), true, null, null, null);
            Assert.True(FilesEqual(tmp.Combine("g1.img"), tmp.Combine("g2.img")));
        }

        private static bool FilesEqual(string a, string b)
        {
            using var fa = File.OpenRead(a);
            using var fb = File.OpenRead(b);
            if (fa.Length != fb.Length) return false;
            var ba = new byte[1 << 20];
            var bb = new byte[1 << 20];
            int n;
            while ((n = fa.Read(ba, 0, ba.Length)) > 0)
            {
                fb.ReadExactly(bb, 0, n);
                if (!ba.AsSpan(0, n).SequenceEqual(bb.AsSpan(0, n))) return false;
            }
            return true;
        }

        [Fact]
        public void WriterHeaderIsTheFullDocumentedHeader()
        {
            using var tmp = new TempDirectory();
            Directory.CreateDirectory(tmp.Combine("s"));
            File.WriteAllText(tmp.Combine("s", "f"), "data");
            ImageBuilder.Build(tmp.Combine("s"), tmp.Combine("i"), false, null, 77, null);
            byte[] b = File.ReadAllBytes(tmp.Combine("i"));
            Assert.Equal("ECLIPSEFS", Encoding.ASCII.GetString(b, 0, 9));
            Assert.Equal(0x00020000u, BitConverter.ToUInt32(b, 9));
            Assert.Equal(4096ul, BitConverter.ToUInt64(b, 13));
            Assert.Equal(16ul, BitConverter.ToUInt64(b, 21));
            Assert.Equal(2u, BitConverter.ToUInt32(b, 29));
            Assert.Equal(77ul, BitConverter.ToUInt64(b, 45));
            var crc = new System.IO.Hashing.Crc32();
            crc.Append(b.AsSpan(0, 33));
            crc.Append(b.AsSpan(45, 20));
            Assert.Equal(crc.GetCurrentHashAsUInt32(), BitConverter.ToUInt32(b, 33));
            // Record of inode 2 (the file): the original's fixed part, CONTENT at offset 111, data at 117.
            int rec = 4096 + 16 + (int)BitConverter.ToUInt32(b, 4096 + 12);
            Assert.Equal(2u, BitConverter.ToUInt32(b, rec));
            Assert.Equal((ushort)0x000A, BitConverter.ToUInt16(b, rec + 111));
            Assert.Equal("data", Encoding.ASCII.GetString(b, rec + 117, 4));
        }

        [Fact]
        public void LimitsAreClearErrorsBeforeAnyDataIsRead()
        {
            using var tmp = new TempDirectory();
            string src = tmp.Combine("s");
            Directory.CreateDirectory(src);
            using (var f = new FileStream(Path.Combine(src, "huge"), FileMode.CreateNew))
                f.SetLength(1L << 32); // sparse: one record cannot hold 4 GiB
            var e = Assert.Throws<EclipseFsWriterException>(() => ImagePlan.FromDirectory(src, 0));
            Assert.Contains("record_size is a u32", e.Message);
            File.Delete(Path.Combine(src, "huge"));
            for (int i = 0; i < 2; i++)
                using (var f = new FileStream(Path.Combine(src, "part" + i), FileMode.CreateNew))
                    f.SetLength(3L << 30);
            e = Assert.Throws<EclipseFsWriterException>(() => ImagePlan.FromDirectory(src, 0));
            Assert.Contains("must fit in 4 GiB", e.Message);
            // Linux itself refuses names over 255 bytes, so the writer's name check is exercised directly.
            Assert.Equal("is 256 bytes long (limit 255)", Utf8Name.Problem(new byte[256], 0, 256));
            Directory.Delete(src, true);
            Directory.CreateDirectory(src);
            Assert.Equal(0, Process.Start("mkfifo", Path.Combine(src, "fifo"))!.WaitForExit(10_000) ? 0 : 1);
            e = Assert.Throws<EclipseFsWriterException>(() => ImagePlan.FromDirectory(src, 0));
            Assert.Contains("only files, directories and symlinks", e.Message);
        }
    }
}
