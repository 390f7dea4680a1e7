using System.IO;
using EclipseOS.Cli.Boot;
using EclipseOS.Hal.Time;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Fsck;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.Kernel.Core.Logging;
using EclipseOS.Kernel.Core.Shell;
using EclipseOS.Kernel.Core.Simulated;
using EclipseOS.Storage;
using Xunit;

namespace EclipseOS.Tests.Kernel
{
    /// <summary>The small pieces of the kernel core: the log ring, the simulated image, the formatters and parsers.</summary>
    public sealed class KernelPartsTests
    {
        [Fact]
        public void KernelLog_KeepsTheNewestLinesAndCountsTheDropped()
        {
            var echoed = new TextWriterOutput(null, keep: true);
            var log = new KernelLog(echoed, capacity: 3);
            for (int i = 1; i <= 5; i++)
                log.WriteLine("line " + i);
            Assert.Equal(new[] { "line 3", "line 4", "line 5" }, log.Lines());
            Assert.Equal(2UL, log.Dropped);
            Assert.Equal(5, echoed.Lines.Count);
        }

        [Fact]
        public void SimulatedImage_MountsAndPassesFsck()
        {
            var disk = new RamDisk(SimulatedRootImage.Build(1_700_000_000), SimulatedRootImage.BlockSize, readOnly: true);
            Assert.True(new EclipseFsProbe().Probe(disk));
            FsckReport report = new EclipseFsChecker(new EclipseFsOptions()).Check(disk, null);
            Assert.True(report.IsClean, string.Join("\n", report.Problems));

            var vfs = new MountTable();
            vfs.Mount("/", EclipseFsVolume.Mount(disk));
            Assert.Equal("etc/motd", vfs.ReadLink("/motd"));
            VfsFile motd = vfs.Open("/motd");
            var bytes = new byte[motd.Length];
            Assert.Equal((int)motd.Length, motd.Read(bytes, 0, bytes.Length));
            Assert.Equal("Welcome to Eclipse OS (simulated disk).\n", System.Text.Encoding.UTF8.GetString(bytes));
            Assert.Equal(1_700_000_000UL, vfs.Stat("/README").ModifyTime);
        }

        [Fact]
        public void ImageBuilder_SortsChildrenAndEncodesUtf8Names()
        {
            var builder = new EclipseFsImageBuilder();
            builder.AddFile(builder.Root, "zeta", "z");
            builder.AddFile(builder.Root, "äpfel", "ä");
            builder.AddDirectory(builder.Root, "alpha");
            var volume = EclipseFsVolume.Mount(new RamDisk(builder.Build(0, 4096), 4096, readOnly: true));
            var names = volume.ReadDirectory(1).ConvertAll(e => e.Name);
            Assert.Equal(new[] { "alpha", "zeta", "äpfel" }, names);
        }

        [Theory]
        [InlineData(0UL, "1970-01-01 00:00:00")]
        [InlineData(951782400UL, "2000-02-29 00:00:00")]
        [InlineData(1_700_000_000UL, "2023-11-14 22:13:20")]
        [InlineData(4102444799UL, "2099-12-31 23:59:59")]
        public void UnixTime_FormatsUtcCivilTime(ulong seconds, string expected)
        {
            Assert.Equal(expected, UnixTime.Format(seconds));
        }

        [Theory]
        [InlineData(1970, 1, 1, 0, 0, 0, 0UL)]
        [InlineData(2000, 2, 29, 0, 0, 0, 951782400UL)]
        [InlineData(2023, 11, 14, 22, 13, 20, 1_700_000_000UL)]
        [InlineData(2099, 12, 31, 23, 59, 59, 4102444799UL)]
        [InlineData(1969, 12, 31, 23, 59, 59, 0UL)]
        [InlineData(2024, 13, 1, 0, 0, 0, 0UL)]
        public void UnixTime_FromCivil_IsTheInverseOfFormat(int year, int month, int day, int hour, int minute, int second, ulong expected)
        {
            Assert.Equal(expected, UnixTime.FromCivil(year, month, day, hour, minute, second));
        }

        [Fact]
        public void HexDump_PadsAShortLastLine()
        {
            byte[] data = System.Text.Encoding.ASCII.GetBytes("Hello, hexdump!\n\x01tail");
            string[] lines = HexDump.Format(data, data.Length, 0x1000);
            Assert.Equal("00001000  48 65 6c 6c 6f 2c 20 68  65 78 64 75 6d 70 21 0a  |Hello, hexdump!.|", lines[0]);
            Assert.Equal("00001010  01 74 61 69 6c                                    |.tail|", lines[1]);
            Assert.StartsWith("100000000  ", HexDump.Format(data, 1, 0x1_0000_0000)[0]);
        }

        [Fact]
        public void CommandLine_SplitsOnBlanksAndGroupsQuotes()
        {
            Assert.Equal(new[] { "cat", "/a b/c", "it's" }, CommandLine.Parse("  cat \"/a b/c\"\t'it'\"'\"'s' ").Words);
            Assert.Empty(CommandLine.Parse("   ").Words);
            Assert.Equal(new[] { "x", "" }, CommandLine.Parse("x \"\"").Words);
        }

        [Fact]
        public void ExecScript_SplitsAtSemicolonsOutsideQuotes()
        {
            Assert.Equal(new[] { "ls -l", "cat \"/a;b\"", "pwd" }, ExecScript.Split("ls -l; cat \"/a;b\" ;; pwd;"));
        }

        [Fact]
        public void SampleRootDisk_IsCachedUntilTheTreeChanges()
        {
            using var images = new KernelImages();
            string image = Path.Combine(images.Folder, "cache", "sample.img");
            SampleRootDisk.Ensure(images.Tree, image, out bool first);
            SampleRootDisk.Ensure(images.Tree, image, out bool second);
            File.WriteAllText(Path.Combine(images.Tree, "etc", "motd"), "changed\n");
            SampleRootDisk.Ensure(images.Tree, image, out bool third);
            // A session that wrote to the disk (the root mounts read-write) leaves it stale too.
            File.SetLastWriteTimeUtc(image, File.GetLastWriteTimeUtc(image).AddSeconds(5));
            SampleRootDisk.Ensure(images.Tree, image, out bool fourth);
            SampleRootDisk.Ensure(images.Tree, image, out bool fifth);
            Assert.Equal(new[] { true, false, true, true, false }, new[] { first, second, third, fourth, fifth });
            Assert.Equal((long)SampleRootDisk.DiskBytes, new FileInfo(image).Length);
        }
    }
}
