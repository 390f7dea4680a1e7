using System;
using System.IO;
using EclipseOS.Cli.Verbs;
using Xunit;

namespace EclipseOS.Tests.Ata
{
    /// <summary><c>eclipse dd --bus ide</c> and <c>--cdrom</c>: copies through our ATA driver on QEMU's IDE.</summary>
    public sealed class AtaDdTests
    {
        [Fact]
        public void DdBusIde_CopiesOutAndWritesIn_ByDmaAndPio()
        {
            using var image = new AtaImage(2048, 61);
            string output = Path.GetTempFileName();
            string input = Path.GetTempFileName();
            try
            {
                var stdout = new StringWriter();
                var stderr = new StringWriter();
                int code = DdVerb.Run(new DdVerb.DdRequest { Disk = image.Path, Bus = "ide", IdeIndex = 3, Skip = 100, Count = 300, Output = output }, stdout, stderr, false);
                Assert.True(code == 0, stderr.ToString());
                Assert.Contains("hdd: secondary slave \"QEMU HARDDISK\"", stdout.ToString());
                Assert.Contains("bus-master DMA", stdout.ToString());
                Assert.Equal(image.ReadAt(100, 300), File.ReadAllBytes(output));

                var data = new byte[20 * 512];
                new Random(62).NextBytes(data);
                File.WriteAllBytes(input, data);
                stdout = new StringWriter();
                code = DdVerb.Run(new DdVerb.DdRequest { Disk = image.Path, Bus = "ide", Pio = true, Write = input, Seek = 7 }, stdout, stderr, false);
                Assert.True(code == 0, stderr.ToString());
                Assert.Contains(", PIO,", stdout.ToString());
                Assert.Equal(data, image.ReadAt(7, 20));
            }
            finally
            {
                File.Delete(output);
                File.Delete(input);
            }
        }

        [Fact]
        public void DdBusIde_RefusesWhatIdeCannotDo()
        {
            using var image = new AtaImage(64, 63);
            var stderr = new StringWriter();
            Assert.Equal(2, DdVerb.Run(new DdVerb.DdRequest { Disk = image.Path, Bus = "ide", ReadOnly = true, Output = "/dev/null" }, new StringWriter(), stderr, false));
            Assert.Contains("read-only hard disk", stderr.ToString());
            stderr = new StringWriter();
            Assert.Equal(2, DdVerb.Run(new DdVerb.DdRequest { Disk = image.Path, Bus = "ide", IdeIndex = 4, Output = "/dev/null" }, new StringWriter(), stderr, false));
            Assert.Contains("--ide-index 4", stderr.ToString());
            stderr = new StringWriter();
            Assert.Equal(2, DdVerb.Run(new DdVerb.DdRequest { Disk = image.Path, Bus = "virtio", Pio = true, Output = "/dev/null" }, new StringWriter(), stderr, false));
            Assert.Contains("apply to --bus ide", stderr.ToString());
        }

        [Fact]
        public void DdCdrom_CopiesTheIsoThroughAtapi_AndRefusesWrites()
        {
            string directory = Path.Combine(Path.GetTempPath(), "eclipse-dd-iso-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(directory, "tree"));
            try
            {
                var bytes = new byte[70000];
                new Random(64).NextBytes(bytes);
                File.WriteAllBytes(Path.Combine(directory, "tree", "file.bin"), bytes);
                string iso = Path.Combine(directory, "cd.iso");
                var xorriso = System.Diagnostics.Process.Start("xorriso", new[] { "-as", "mkisofs", "-quiet", "-o", iso, Path.Combine(directory, "tree") })!;
                xorriso.WaitForExit();
                Assert.Equal(0, xorriso.ExitCode);
                string output = Path.Combine(directory, "out.bin");
                var stdout = new StringWriter();
                var stderr = new StringWriter();
                Assert.True(DdVerb.Run(new DdVerb.DdRequest { Cdrom = iso, Output = output }, stdout, stderr, false) == 0, stderr.ToString());
                Assert.Contains("cd0: secondary master \"QEMU DVD-ROM\"", stdout.ToString());
                Assert.Equal(File.ReadAllBytes(iso), File.ReadAllBytes(output));

                stderr = new StringWriter();
                Assert.Equal(1, DdVerb.Run(new DdVerb.DdRequest { Cdrom = iso, Write = output }, new StringWriter(), stderr, false));
                Assert.Contains("cd0: block 0: device is read-only", stderr.ToString());
            }
            finally
            {
                Directory.Delete(directory, true);
            }
        }
    }
}
