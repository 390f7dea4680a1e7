using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Tools.Writing;
using EclipseOS.Hal;
using EclipseOS.Storage;
using EclipseOS.Storage.Host;
using Xunit;

namespace EclipseOS.Tests.EclipseFS
{
    /// <summary>Finding EclipseFS through the block-device manager: original GPT layout, --gpt output, bare image.</summary>
    public class DiskLayoutTests
    {
        private sealed class ListLog : ILog
        {
            public readonly List<string> Lines = new List<string>();
            public void WriteLine(string line) => Lines.Add(line);
        }

        private static (string Output, int Exit) Run(string tool, string args)
        {
            var psi = new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true };
            using Process p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            if (!p.WaitForExit(30_000))
            {
                p.Kill();
                throw new TimeoutException(tool + " " + args + " did not finish in 30 s");
            }
            return (output, p.ExitCode);
        }

        private static EclipseFsVolume MountThroughManager(FileBlockDevice file, out IBlockDevice device)
        {
            var manager = new BlockDeviceManager(new ListLog());
            manager.Register(file, DeviceClass.VirtIO);
            manager.AddProbe(new EclipseFsProbe());
            List<FileSystemMatch> matches = manager.ProbeFileSystems();
            Assert.Single(matches);
            Assert.Equal("eclipsefs", matches[0].Probe.FileSystemName);
            device = matches[0].Device;
            return EclipseFsVolume.Mount(device);
        }

        [Fact]
        public void OriginalLayoutMadeBySgdiskMountsAtBlock131328()
        {
            using var tmp = new TempDirectory();
            string disk = tmp.Combine("eclipse.img");
            using (var f = new FileStream(disk, FileMode.CreateNew))
                f.SetLength(2L << 30); // the original's 2 GiB disk, sparse
            var (output, exit) = Run("sgdisk", "-n 1:2048:1050623 -t 1:ef00 -n 2:1050624:0 -t 2:8300 " + disk);
            Assert.True(exit == 0, output);
            byte[] fs = HandBuiltImageTests.OriginalStyle();
            using (var f = new FileStream(disk, FileMode.Open))
            {
                f.Seek(131328L * 4096, SeekOrigin.Begin); // 537,919,488: where the original kernel looks
                f.Write(fs);
            }
            using var file = new FileBlockDevice(disk, 512, readOnly: true);
            EclipseFsVolume v = MountThroughManager(file, out IBlockDevice device);
            Assert.Equal("vda2", device.Name);
            var buf = new byte[15];
            Assert.Equal(15, v.Read(v.ResolvePath("/hello.txt"), 0, buf, 0, 15));
            Assert.Equal("hello, eclipse\n", Encoding.UTF8.GetString(buf));
        }

        [Fact]
        public void CliFindsEclipseFsInAGptWrittenFor4096ByteSectors()
        {
            using var tmp = new TempDirectory();
            string disk = EclipseOS.Tests.Storage.PartitionTool.NewImage(tmp.Path, "gpt4k.img", 16 << 20);
            // fdisk writes the GPT for 4096-byte sectors: its header is at byte 4096, not 512.
            EclipseOS.Tests.Storage.PartitionTool.Run("fdisk", "-b 4096 " + disk, "g\nn\n1\n256\n+4M\nw\n");
            byte[] fs = HandBuiltImageTests.OriginalStyle();
            using (var f = new FileStream(disk, FileMode.Open))
            {
                f.Seek(256L * 4096, SeekOrigin.Begin);
                f.Write(fs);
            }
            using EclipseOS.Cli.EclipseFs.EclipseFsImage image = EclipseOS.Cli.EclipseFs.EclipseFsImage.Open(disk);
            Assert.Equal("vda1", image.Device.Name);
            Assert.Equal(4096, image.Device.BlockSize);
            var buf = new byte[15];
            Assert.Equal(15, image.Volume.Read(image.Volume.ResolvePath("/hello.txt"), 0, buf, 0, 15));
            Assert.Equal("hello, eclipse\n", Encoding.UTF8.GetString(buf));
        }

        [Fact]
        public void GptOutputPassesSgdiskAndMountsLikeABareImage()
        {
            using var tmp = new TempDirectory();
            string src = tmp.Combine("src");
            Directory.CreateDirectory(Path.Combine(src, "d"));
            File.WriteAllText(Path.Combine(src, "d", "f.txt"), "through the partition table");
            string disk = tmp.Combine("disk.img"), bare = tmp.Combine("bare.img");
            BuildResult r = ImageBuilder.Build(src, disk, true, 2UL << 30, 1, null);
            Assert.Equal(537_919_488ul, r.FileSystemOffset);
            Assert.Equal(2UL << 30, r.ImageBytes);
            var (output, exit) = Run("sgdisk", "-v " + disk);
            Assert.True(exit == 0, output);
            Assert.Contains("No problems found", output);
            Assert.DoesNotContain("Caution", output);
            (output, _) = Run("sgdisk", "-i 2 " + disk);
            Assert.Contains("0FC63DAF-8483-4772-8E79-3D69D8477DE4", output);
            Assert.Contains("First sector: 1050624", output);
            (output, _) = Run("sgdisk", "-i 1 " + disk);
            Assert.Contains("C12A7328-F81F-11D2-BA4B-00A0C93EC93B", output);
            Assert.Contains("First sector: 2048", output);
            Assert.Contains("Last sector: 1050623", output);

            ImageBuilder.Build(src, bare, false, null, 1, null);
            foreach (string image in new[] { disk, bare })
                using (var file = new FileBlockDevice(image, 512, readOnly: true))
                {
                    EclipseFsVolume v = MountThroughManager(file, out IBlockDevice device);
                    Assert.Equal(image == disk ? "vda2" : "vda", device.Name);
                    var buf = new byte[64];
                    int n = v.Read(v.ResolvePath("d/f.txt"), 0, buf, 0, 64);
                    Assert.Equal("through the partition table", Encoding.UTF8.GetString(buf, 0, n));
                }
            // The partition's filesystem bytes equal the bare image's.
            byte[] b = File.ReadAllBytes(bare);
            using var d = File.OpenRead(disk);
            d.Seek(537_919_488, SeekOrigin.Begin);
            var part = new byte[b.Length];
            d.ReadExactly(part);
            Assert.Equal(b, part);
        }
    }
}
