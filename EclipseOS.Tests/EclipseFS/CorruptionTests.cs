using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Fsck;
using EclipseOS.EclipseFS.Tools.Fuzzing;
using Xunit;

namespace EclipseOS.Tests.EclipseFS
{
    /// <summary>
    /// Every header field, table entry and TLV header mutated, truncations, huge counts and
    /// lengths: each gives a clear EclipseFsException or an fsck problem — never another
    /// exception, a hang, or a large allocation.
    /// </summary>
    public class CorruptionTests
    {
        internal static byte[] Corpus(string name) =>
            File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "EclipseFS", "Corpus", name));

        /// <summary>Mount + full walk + fsck; returns whether anything was noticed. Fails on any other outcome.</summary>
        private static bool Noticed(byte[] image, string what)
        {
            var report = new FuzzReport();
            long before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            string? finding = EclipseFsFuzzer.Execute(image, report);
            Assert.True(finding == null, what + ": " + finding);
            Assert.True(clock.ElapsedMilliseconds < 3000, what + " took " + clock.ElapsedMilliseconds + " ms");
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4L * image.Length + (16 << 20), what + ": allocated too much");
            return report.Rejected > 0 || report.FsckProblems > 0;
        }

        private static IEnumerable<byte> Variants(byte original) => new byte[] { 0x00, 0xFF, (byte)(original ^ 0x01), (byte)(original ^ 0x80) }.Where(v => v != original).Distinct();

        [Theory]
        [InlineData("writer-tree.img")]
        [InlineData("original-writer.img")]
        public void EveryHeaderByteMutationIsNoticed(string name)
        {
            byte[] image = Corpus(name);
            bool hasChecksum = BitConverter.ToUInt32(image, 33) != 0;
            for (int offset = 0; offset < 65; offset++)
            {
                bool covered = offset < 33 || (hasChecksum && (offset < 37 || offset >= 45));
                foreach (byte v in Variants(image[offset]))
                {
                    byte[] m = (byte[])image.Clone();
                    m[offset] = v;
                    bool noticed = Noticed(m, name + " header byte " + offset + " = 0x" + v.ToString("X2"));
                    if (covered)
                        Assert.True(noticed, name + ": header byte " + offset + " = 0x" + v.ToString("X2") + " went unnoticed");
                }
            }
        }

        [Theory]
        [InlineData("writer-tree.img")]
        [InlineData("original-writer.img")]
        [InlineData("writer-wide-dir.img")]
        public void EveryInodeTableByteMutationIsNoticed(string name)
        {
            byte[] image = Corpus(name);
            int count = (int)BitConverter.ToUInt32(image, 29);
            for (int offset = 4096; offset < 4096 + count * 8; offset++)
                foreach (byte v in Variants(image[offset]))
                {
                    byte[] m = (byte[])image.Clone();
                    m[offset] = v;
                    Assert.True(Noticed(m, name + " table byte " + offset), name + ": table byte " + offset + " = 0x" + v.ToString("X2") + " went unnoticed");
                }
        }

        /// <summary>Offsets of every record header and TLV header byte, walked from the format document.</summary>
        private static List<int> TlvHeaderBytes(byte[] image)
        {
            var result = new List<int>();
            int count = (int)BitConverter.ToUInt32(image, 29);
            int records = 4096 + count * 8;
            for (int i = 0; i < count; i++)
            {
                int rec = records + (int)BitConverter.ToUInt32(image, 4096 + i * 8 + 4);
                int end = rec + (int)BitConverter.ToUInt32(image, rec + 4);
                for (int k = 0; k < 8; k++) result.Add(rec + k);
                for (int p = rec + 8; p < end; p += 6 + (int)BitConverter.ToUInt32(image, p + 2))
                    for (int k = 0; k < 6; k++) result.Add(p + k);
            }
            return result;
        }

        [Theory]
        [InlineData("writer-tree.img", true)]
        [InlineData("original-writer.img", false)]
        public void EveryRecordAndTlvHeaderMutationIsHandled(string name, bool hasRecordCrcs)
        {
            byte[] image = Corpus(name);
            int unnoticed = 0;
            foreach (int offset in TlvHeaderBytes(image))
                foreach (byte v in Variants(image[offset]))
                {
                    byte[] m = (byte[])image.Clone();
                    m[offset] = v;
                    if (!Noticed(m, name + " TLV byte " + offset))
                        unnoticed++;
                }
            // With RECORD_CRC32C every change is caught; without, only a tag turned into an
            // unknown one (skipped by design) can pass — e.g. MODE's tag becoming 0x0082.
            if (hasRecordCrcs)
                Assert.Equal(0, unnoticed);
        }

        [Theory]
        [InlineData("writer-tree.img", 7)]
        [InlineData("original-writer.img", 512)]
        public void TruncationAtEveryLengthIsAClearError(string name, int step)
        {
            // A device ends on a block boundary, and the original format has no content CRC: cut
            // inside a file's last block (the rest reading as zeros) only the CRC tags can notice.
            byte[] image = Corpus(name);
            int used = image.Length;
            while (used > 0 && image[used - 1] == 0) used--;
            for (int length = 0; length < used; length += step)
                Assert.True(Noticed(image.AsSpan(0, length).ToArray(), "truncated to " + length), "truncation to " + length + " went unnoticed");
        }

        private static EclipseFsException MountError(byte[] image)
        {
            return Assert.Throws<EclipseFsException>(() =>
            {
                var v = EclipseFsVolume.Mount(new MemoryBlockDevice(image, 512));
                foreach (DirectoryEntry e in v.ReadDirectory(1))
                    v.GetNode(e.Inode);
            });
        }

        [Fact]
        public void HugeCountsAndLengthsNameTheFieldAndOffset()
        {
            byte[] good = Corpus("original-writer.img");
            int records = 4096 + 5 * 8;
            int root = records;

            byte[] m = (byte[])good.Clone();
            RawImage.Put(m, 29, 0xEFFFFFFF, 4);
            RawImage.Put(m, 21, 0xEFFFFFFFul * 8, 8);
            var e = MountError(m);
            Assert.Equal("header.inode_table_offset", e.Field);
            Assert.Contains("runs past the end", e.Message);

            m = (byte[])good.Clone();
            RawImage.Put(m, 29, 0xF0000000, 4);
            Assert.Equal("header.total_inodes", MountError(m).Field);

            m = (byte[])good.Clone();
            RawImage.Put(m, root + 4, 0xFFFFFFFF, 4);
            e = MountError(m);
            Assert.Equal(1u, e.Inode);
            Assert.Equal("record.record_size", e.Field);
            Assert.Equal((ulong)root + 4, e.Offset);

            m = (byte[])good.Clone();
            RawImage.Put(m, root + 8 + 2, 0xFFFFFFFF, 4); // NODE_TYPE's length
            e = MountError(m);
            Assert.Equal("NODE_TYPE length", e.Field);
            Assert.Equal((ulong)root + 10, e.Offset);

            int entries = root + 8 + 103; // DIRECTORY_ENTRIES header of the root
            Assert.Equal(0x000B, BitConverter.ToUInt16(m, entries));
            m = (byte[])good.Clone();
            RawImage.Put(m, entries + 6, 0xFFFFFFFF, 4); // first entry's name_length
            e = MountError(m);
            Assert.Equal("entry 0 name_length", e.Field);
            Assert.Equal((ulong)entries + 6, e.Offset);

            m = (byte[])good.Clone();
            RawImage.Put(m, entries + 10, 0xFFFFFF00, 4); // first entry's child inode
            e = MountError(m);
            Assert.Equal("entry 0 child_inode", e.Field);
            Assert.Contains("does not exist", e.Message);

            m = (byte[])good.Clone();
            RawImage.Put(m, 4096 + 8 + 4, 0x7FFFFFFF, 4); // inode 2's relative_offset
            e = MountError(m);
            Assert.Equal(2u, e.Inode);
            Assert.Equal("inode table entry 2 relative_offset", e.Field);
            Assert.Equal(4096ul + 12, e.Offset);

            m = (byte[])good.Clone();
            m[root + 8 + 6] = 9; // NODE_TYPE value
            e = MountError(m);
            Assert.Equal("NODE_TYPE", e.Field);
            Assert.Contains("not 1 (file), 2 (directory) or 3 (symlink)", e.Message);
        }

        [Fact]
        public void FsckReportsEachProblemWithItsLocation()
        {
            var img = new RawImage();
            img.Dir(("a", 2), ("a", 3), ("sub", 4));   // 1: duplicate name
            img.File(new byte[] { 1, 2, 3 });           // 2
            var size = RawImage.Fixed(1, 0x81A4, 99, 1);
            size.Add((0x000A, new byte[] { 1 }));
            img.Add(size.ToArray());                    // 3: SIZE 99 vs 1 byte
            img.Dir(("again", 2));                      // 4: nlink of 2 is now 2 names
            img.File(new byte[] { 5 });                 // 5: unreachable
            var wrongLinks = RawImage.Fixed(1, 0x81A4, 0, 3);
            img.Add(wrongLinks.ToArray());              // 6: unreachable too
            FsckReport r = new EclipseFsChecker(new EclipseFsOptions()).Check(new MemoryBlockDevice(img.Build(), 512), null);
            string all = string.Join("\n", r.Problems);
            Assert.Contains(r.Problems, p => p.Inode == 1 && p.Field == "entry 1 name" && p.Description.Contains("duplicate"));
            Assert.Contains(r.Problems, p => p.Inode == 3 && p.Field == "SIZE" && p.Description.Contains("99"));
            Assert.Contains(r.Problems, p => p.Inode == 2 && p.Field == "NLINK" && p.Description.Contains("2 directory entries"));
            Assert.Contains(r.Problems, p => p.Inode == 5 && p.Field == "reachability");
            Assert.Contains(r.Problems, p => p.Inode == 6 && p.Field == "reachability");
            Assert.True(r.Problems.Count >= 5, all);
            foreach (FsckProblem p in r.Problems)
                Assert.StartsWith("eclipsefs: inode ", p.ToString());
        }

        [Fact]
        public void FsckFindsCrcMismatchesTableGapsAndSecondParents()
        {
            byte[] image = Corpus("writer-tree.img");
            var checker = new EclipseFsChecker(new EclipseFsOptions());
            Assert.True(checker.Check(new MemoryBlockDevice(image, 512), null).IsClean);

            // One content byte of hello.txt: only CONTENT_CRC32C can see it.
            var v = EclipseFsVolume.Mount(new MemoryBlockDevice(image, 512));
            EclipseFsNode hello = v.GetNode(v.ResolvePath("hello.txt"));
            byte[] m = (byte[])image.Clone();
            m[hello.ContentOffset + 1] ^= 0x20;
            FsckReport r = checker.Check(new MemoryBlockDevice(m, 512), null);
            FsckProblem p = Assert.Single(r.Problems);
            Assert.Equal("CONTENT_CRC32C", p.Field);
            Assert.Equal(hello.Inode, p.Inode);
            Assert.Equal(hello.ContentOffset, p.Offset);
            var reader = EclipseFsVolume.Mount(new MemoryBlockDevice(m, 512));
            Assert.Equal("CONTENT_CRC32C", Assert.Throws<EclipseFsException>(() => reader.Read(hello.Inode, 0, new byte[10], 0, 10)).Field);

            // One byte of the MTIME value: RECORD_CRC32C sees it.
            m = (byte[])image.Clone();
            m[hello.RecordOffset + 8 + 7 + 10 + 10 + 10 + 14 + 14 + 6] ^= 1;
            r = checker.Check(new MemoryBlockDevice(m, 512), null);
            Assert.Contains(r.Problems, q => q.Field == "RECORD_CRC32C" && q.Inode == hello.Inode);

            // Records out of order: swap two table entries' relative offsets.
            var raw = new RawImage();
            raw.Dir(("x", 2), ("y", 3));
            raw.File(new byte[] { 1 });
            raw.File(new byte[] { 2, 2 });
            m = raw.Build();
            uint rel2 = BitConverter.ToUInt32(m, 4096 + 12), rel3 = BitConverter.ToUInt32(m, 4096 + 20);
            RawImage.Put(m, 4096 + 12, rel3, 4);
            RawImage.Put(m, 4096 + 20, rel2, 4);
            r = checker.Check(new MemoryBlockDevice(m, 512), null);
            Assert.Contains(r.Problems, q => q.Field == "inode table entry 2 relative_offset" && q.Description.Contains("packed in inode order"));
            Assert.Contains(r.Problems, q => q.Inode == 2 && q.Field == "record.inode");

            raw = new RawImage();
            raw.Dir(("d1", 2), ("d2", 3));
            raw.Dir(("shared", 4));
            raw.Dir(("shared", 4));
            raw.Dir();
            r = checker.Check(new MemoryBlockDevice(raw.Build(), 512), null);
            Assert.Contains(r.Problems, q => q.Inode == 3 && q.Description.Contains("already has another parent"));
        }
    }
}
