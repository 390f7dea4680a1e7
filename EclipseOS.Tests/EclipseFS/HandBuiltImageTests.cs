using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Fsck;
using EclipseOS.EclipseFS.Vfs;
using Xunit;

namespace EclipseOS.Tests.EclipseFS
{
    /// <summary>Images made byte by byte from the format document, with the original writer's quirks.</summary>
    public class HandBuiltImageTests
    {
        internal static readonly byte[] Big = MakeBig();

        private static byte[] MakeBig()
        {
            var b = new byte[300_000];
            new Random(7).NextBytes(b);
            return b;
        }

        /// <summary>
        /// The original writer's image: header bytes 33–64 zero, entries in hash-map order, tags
        /// 1–9 then CONTENT. Root {zeta/, hello.txt, link, big.bin, empty}; zeta {inner.txt}.
        /// </summary>
        internal static byte[] OriginalStyle(bool fullHeader = false)
        {
            var img = new RawImage { FullHeader = fullHeader, CreationTime = 1_600_000_000 };
            img.Dir(("link", 4), ("zeta", 2), ("big.bin", 5), ("hello.txt", 3), ("empty", 6));   // 1
            img.Dir(("inner.txt", 7));                                                              // 2
            img.File(Encoding.UTF8.GetBytes("hello, eclipse\n"));                                   // 3
            img.Symlink("zeta/inner.txt");                                                          // 4
            img.File(Big);                                                                          // 5
            img.File(new byte[0]);                                                                  // 6
            img.File(Encoding.UTF8.GetBytes("inner"));                                              // 7
            return img.Build();
        }

        [Theory]
        [InlineData(512)]
        [InlineData(2048)]
        [InlineData(4096)]
        [InlineData(520)]
        public void ReadsTheOriginalWritersImageAtAnyBlockSize(int blockSize)
        {
            var dev = new MemoryBlockDevice(OriginalStyle(), blockSize);
            EclipseFsVolume v = EclipseFsVolume.Mount(dev);
            Assert.Equal(0u, v.Superblock.HeaderChecksum);
            Assert.Equal(7u, v.Superblock.TotalInodes);
            var names = v.ReadDirectory(1).Select(e => e.Name).ToArray();
            Assert.Equal(new[] { "link", "zeta", "big.bin", "hello.txt", "empty" }, names);
            uint hello = v.ResolvePath("/hello.txt");
            Assert.Equal(3u, hello);
            var buf = new byte[100];
            int n = v.Read(hello, 7, buf, 0, 100);
            Assert.Equal("eclipse\n", Encoding.UTF8.GetString(buf, 0, n));
            Assert.Equal("zeta/inner.txt", v.ReadLink(v.ResolvePath("link")));
            Assert.Equal(7u, v.ResolvePath("/zeta/../zeta/./inner.txt"));
            EclipseFsNode node = v.GetNode(hello);
            Assert.Equal(0x81A4u, node.Mode);
            Assert.Equal(1000u, node.Uid);
            Assert.Equal(100u, node.Gid);
            Assert.Equal(1_700_000_001ul, node.Mtime);
            Assert.Equal(0, v.Read(6, 0, buf, 0, 10));
            Assert.Equal(0u, v.LookupChild(1, "missing"));
        }

        [Fact]
        public void LargeReadsGoToTheDeviceAsLargeRequests()
        {
            var dev = new MemoryBlockDevice(OriginalStyle(), 512);
            EclipseFsVolume v = EclipseFsVolume.Mount(dev);
            uint big = v.ResolvePath("/big.bin");
            int before = dev.Requests;
            var buf = new byte[Big.Length];
            Assert.Equal(Big.Length, v.Read(big, 0, buf, 0, buf.Length));
            Assert.Equal(Big, buf);
            Assert.True(dev.Requests - before <= 4, "reading 300 KB took " + (dev.Requests - before) + " requests");
            Assert.True(dev.LargestRequestBlocks >= 500);
            var part = new byte[1000];
            Assert.Equal(1000, v.Read(big, 123_457, part, 0, 1000));
            Assert.Equal(Big.AsSpan(123_457, 1000).ToArray(), part);
        }

        [Fact]
        public void FullHeaderWithChecksumIsAcceptedAndABadOneIsNamed()
        {
            byte[] img = OriginalStyle(fullHeader: true);
            EclipseFsVolume v = EclipseFsVolume.Mount(new MemoryBlockDevice(img, 4096));
            Assert.NotEqual(0u, v.Superblock.HeaderChecksum);
            Assert.Equal(1_600_000_000ul, v.Superblock.CreationTime);
            img[50] ^= 1;
            var e = Assert.Throws<EclipseFsException>(() => EclipseFsVolume.Mount(new MemoryBlockDevice(img, 4096)));
            Assert.Equal("header.header_checksum", e.Field);
            Assert.Equal(33ul, e.Offset);
        }

        [Fact]
        public void UnknownTagsAndAnyTlvOrderAreAccepted()
        {
            var img = new RawImage();
            var rootTlvs = RawImage.Fixed(2, 0x41ED, 0, 2);
            rootTlvs.Add(RawImage.Entries(("f", 2)));
            rootTlvs.Reverse();
            rootTlvs.Insert(2, (0x7777, new byte[] { 1, 2, 3 }));
            img.Add(rootTlvs.ToArray());
            var fileTlvs = RawImage.Fixed(1, 0x81A4, 3, 1);
            fileTlvs.Insert(0, ((ushort)0x000A, new byte[] { 9, 8, 7 }));
            fileTlvs.Add((0x00FF, new byte[0]));
            fileTlvs.Add((0x1234, new byte[40]));
            img.Add(fileTlvs.ToArray());
            var v = EclipseFsVolume.Mount(new MemoryBlockDevice(img.Build(), 512));
            Assert.Equal(1, v.GetNode(1).UnknownTagCount);
            Assert.Equal(2, v.GetNode(2).UnknownTagCount);
            var buf = new byte[3];
            Assert.Equal(3, v.Read(v.ResolvePath("f"), 0, buf, 0, 3));
            Assert.Equal(new byte[] { 9, 8, 7 }, buf);
            Assert.True(new EclipseFsChecker(new EclipseFsOptions()).Check(new MemoryBlockDevice(img.Build(), 512), null).IsClean);
        }

        [Fact]
        public void FsckFindsTheOriginalWritersImageClean()
        {
            FsckReport r = new EclipseFsChecker(new EclipseFsOptions()).Check(new MemoryBlockDevice(OriginalStyle(), 4096), null);
            Assert.True(r.IsClean, string.Join("\n", r.Problems));
            Assert.Equal(7u, r.InodesChecked);
            Assert.Equal(2u, r.DirectoriesReached);
        }

        [Fact]
        public void MountTableResolvesSymlinksMountsAndLoops()
        {
            var table = new MountTable();
            Assert.Throws<VfsException>(() => table.Stat("/"));
            table.Mount("/", EclipseFsVolume.Mount(new MemoryBlockDevice(OriginalStyle(), 512)));
            table.Mount("/zeta", EclipseFsVolume.Mount(new MemoryBlockDevice(OriginalStyle(), 4096)));
            Assert.Equal(VfsNodeType.Symlink, table.LinkStat("/link").Type);
            // /link -> zeta/inner.txt, but /zeta is now the second filesystem's root, which has no inner.txt
            Assert.Throws<VfsException>(() => table.Stat("/link"));
            Assert.Equal(15ul, table.Stat("/zeta/hello.txt").Size);
            Assert.Equal(5ul, table.Stat("/zeta/zeta/inner.txt").Size);
            Assert.Equal(5ul, table.Stat("/zeta/link").Size);
            Assert.Equal(5, table.ReadDirectory("/zeta/..").Count);
            VfsFile f = table.Open("/zeta/../hello.txt");
            var buf = new byte[4];
            Assert.Equal(4, f.Read(buf, 0, 4));
            Assert.Equal(4, f.Read(buf, 0, 4));
            Assert.Equal("o, e", Encoding.UTF8.GetString(buf));
            Assert.Equal("zeta/inner.txt", table.ReadLink("/zeta/link"));
            Assert.Throws<VfsException>(() => table.Open("/zeta"));
            Assert.Throws<VfsException>(() => table.Stat("/hello.txt/x"));
            Assert.Throws<VfsException>(() => table.Mount("/hello.txt", EclipseFsVolume.Mount(new MemoryBlockDevice(OriginalStyle(), 512))));

            var loop = new RawImage();
            loop.Dir(("a", 2), ("b", 3));
            loop.Symlink("b");
            loop.Symlink("/a");
            var loops = new MountTable();
            loops.Mount("/", EclipseFsVolume.Mount(new MemoryBlockDevice(loop.Build(), 512)));
            var e = Assert.Throws<VfsException>(() => loops.Stat("/a"));
            Assert.Contains("too many levels", e.Message);
        }

        [Fact]
        public void ProbeClaimsOnlyEclipseFs()
        {
            var probe = new EclipseFsProbe();
            Assert.True(probe.Probe(new MemoryBlockDevice(OriginalStyle(), 512)));
            Assert.False(probe.Probe(new MemoryBlockDevice(new byte[8192], 512)));
            Assert.False(probe.Probe(new MemoryBlockDevice(new byte[16], 16)));
            byte[] v1 = OriginalStyle();
            v1[11] = 1; // version 2.1
            Assert.False(probe.Probe(new MemoryBlockDevice(v1, 4096)));
        }

        [Fact]
        public void DirectoryCyclesAndSelfReferencesAreReportedNotFollowed()
        {
            var img = new RawImage();
            img.Dir(("sub", 2), ("self", 1));
            img.Dir(("up", 1), ("me", 2));
            byte[] bytes = img.Build();
            var v = EclipseFsVolume.Mount(new MemoryBlockDevice(bytes, 512));
            // lookups through a cycle are bounded by the path's length
            Assert.Equal(2u, v.ResolvePath("/sub/up/sub/me/me/up/self/sub"));
            FsckReport r = new EclipseFsChecker(new EclipseFsOptions()).Check(new MemoryBlockDevice(bytes, 512), null);
            Assert.False(r.IsClean);
            Assert.Contains(r.Problems, p => p.Inode == 1 && p.Description.Contains("cycle"));
            Assert.Contains(r.Problems, p => p.Inode == 2 && p.Description.Contains("cycle"));
        }
    }
}
