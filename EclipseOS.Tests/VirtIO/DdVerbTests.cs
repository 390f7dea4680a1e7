using System;
using System.IO;
using EclipseOS.Cli.Verbs;
using EclipseOS.Tests.Qtest;
using Xunit;

namespace EclipseOS.Tests.VirtIO
{
    /// <summary><c>eclipse dd</c> through the VirtIO driver on QEMU, checked against the image file.</summary>
    public sealed class DdVerbTests
    {
        [Theory]
        [InlineData(null, null)]
        [InlineData("legacy", "q35")]
        [InlineData("mmio", null)]
        public void CopiesSectorsOutAndWritesFileIn(string? transport, string? machine)
        {
            using var image = new DiskImage(4096, 21);
            string output = image.Path + ".out";
            string patch = image.Path + ".patch";
            try
            {
                var stdout = new StringWriter();
                var stderr = new StringWriter();
                var copy = new DdVerb.DdRequest { Disk = image.Path, Transport = transport, Machine = machine, Skip = 100, Count = 300, Output = output };
                Assert.Equal(0, DdVerb.Run(copy, stdout, stderr, progress: false));
                Assert.Equal(image.Bytes.AsSpan(100 * 512, 300 * 512).ToArray(), File.ReadAllBytes(output));
                Assert.Contains("copied 300 sectors", stdout.ToString());

                var data = new byte[64 * 512];
                new Random(5).NextBytes(data);
                File.WriteAllBytes(patch, data);
                var write = new DdVerb.DdRequest { Disk = image.Path, Transport = transport, Machine = machine, Write = patch, Seek = 4000 };
                Assert.Equal(0, DdVerb.Run(write, stdout, stderr, progress: false));
                Assert.Equal(data, File.ReadAllBytes(image.Path).AsSpan(4000 * 512, data.Length).ToArray());
                Assert.Equal("", stderr.ToString());
            }
            finally
            {
                File.Delete(output);
                File.Delete(patch);
            }
        }

        [Fact]
        public void ErrorsAreClearWithNonZeroExit()
        {
            using var image = new DiskImage(1024, 22);
            string patch = image.Path + ".patch";
            File.WriteAllBytes(patch, new byte[512]);
            try
            {
                var stderr = new StringWriter();
                Assert.Equal(1, DdVerb.Run(new DdVerb.DdRequest { Disk = image.Path, ReadOnly = true, Write = patch }, TextWriter.Null, stderr, false));
                Assert.Contains("dd: vda: block 0: device is read-only", stderr.ToString());

                stderr = new StringWriter();
                Assert.Equal(2, DdVerb.Run(new DdVerb.DdRequest { Disk = image.Path, Skip = 1000, Count = 100, Output = patch + ".out" }, TextWriter.Null, stderr, false));
                Assert.Contains("run past the end of vda (1024 sectors)", stderr.ToString());

                stderr = new StringWriter();
                Assert.Equal(2, DdVerb.Run(new DdVerb.DdRequest { Disk = image.Path, Transport = "mmio", Machine = "pc", Output = patch + ".out" }, TextWriter.Null, stderr, false));
                Assert.Contains("--transport mmio needs --machine microvm", stderr.ToString());

                stderr = new StringWriter();
                Assert.Equal(2, DdVerb.Run(new DdVerb.DdRequest { Disk = image.Path + ".missing", Output = patch + ".out" }, TextWriter.Null, stderr, false));
                Assert.Contains("disk image not found", stderr.ToString());
                Assert.False(File.Exists(patch + ".out"));
            }
            finally
            {
                File.Delete(patch);
            }
        }
    }
}
