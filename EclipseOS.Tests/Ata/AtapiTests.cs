using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using EclipseOS.Drivers.Ata;
using EclipseOS.Drivers.Ata.Devices;
using EclipseOS.Platform.Qtest;
using EclipseOS.Storage;
using Xunit;

namespace EclipseOS.Tests.Ata
{
    /// <summary>An ISO 9660 image made by xorriso from a few random files, on QEMU's <c>-cdrom</c> (secondary master), next to a disk on the primary master.</summary>
    public sealed class CdromFixture : IDisposable
    {
        private readonly string _directory;

        public CdromFixture()
        {
            _directory = Path.Combine(Path.GetTempPath(), "eclipse-atapi-" + Guid.NewGuid().ToString("N"));
            string tree = Path.Combine(_directory, "tree");
            Directory.CreateDirectory(Path.Combine(tree, "boot"));
            var random = new Random(2048);
            foreach ((string name, int size) in new[] { ("boot/kernel.bin", 300000), ("readme.txt", 1234), ("data.bin", 150001) })
            {
                var bytes = new byte[size];
                random.NextBytes(bytes);
                File.WriteAllBytes(Path.Combine(tree, name), bytes);
            }
            IsoPath = Path.Combine(_directory, "cd.iso");
            var xorriso = Process.Start(new ProcessStartInfo("xorriso", new[] { "-as", "mkisofs", "-quiet", "-R", "-V", "ECLIPSE", "-o", IsoPath, tree })
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            string errors = xorriso.StandardError.ReadToEnd();
            xorriso.WaitForExit();
            if (xorriso.ExitCode != 0) throw new InvalidOperationException("xorriso failed: " + errors);
            Iso = File.ReadAllBytes(IsoPath);
            Disk = new AtaImage(512, 5);
            Log = new List<string>();
            PlatformLog = new List<string>();
            var options = AtaQemu.Options(new Dictionary<int, string> { [0] = Disk.Path }, cdromIso: IsoPath);
            options.Log = new ListLog(PlatformLog);
            Platform = new QtestPlatform(options);
            Manager = new BlockDeviceManager(new ListLog(Log));
            Controller = AtaDriver.Start(Platform, Manager, AtaQemu.Driver());
        }

        public string IsoPath { get; }
        public byte[] Iso { get; }
        public AtaImage Disk { get; }
        public QtestPlatform Platform { get; }
        public List<string> Log { get; }
        public List<string> PlatformLog { get; }
        public BlockDeviceManager Manager { get; }
        public AtaController Controller { get; }

        public void Dispose()
        {
            Platform.Dispose();
            Disk.Dispose();
            try { Directory.Delete(_directory, true); } catch (IOException) { }
        }
    }

    /// <summary>Collects log lines (the manager's; the platform's go to the QEMU log).</summary>
    public sealed class ListLog : EclipseOS.Hal.ILog
    {
        private readonly List<string> _lines;
        public ListLog(List<string> lines) { _lines = lines; }
        public void WriteLine(string line) { lock (_lines) _lines.Add(line); }
    }

    /// <summary>ATAPI CD-ROM on QEMU: READ CAPACITY, READ(10) of a whole xorriso ISO, read-only and bounds errors, registration as cd0.</summary>
    public sealed class AtapiTests : IClassFixture<CdromFixture>
    {
        private readonly CdromFixture _f;

        public AtapiTests(CdromFixture fixture)
        {
            _f = fixture;
        }

        private AtapiDevice Cd => Assert.IsType<AtapiDevice>(_f.Controller.DeviceAt(2));

        [Fact]
        public void Cdrom_IsTheSecondaryMaster_WithTheIsoCapacity()
        {
            Assert.True(_f.Controller.Failures.Count == 0, string.Join("\n", _f.Controller.Failures));
            AtapiDevice cd = Cd;
            Assert.Equal(2048, cd.BlockSize);
            Assert.Equal((ulong)(_f.Iso.Length / 2048), cd.BlockCount);
            Assert.Equal("QEMU DVD-ROM", cd.Identify.Model);
            Assert.True(cd.IsReadOnly);
            Assert.Equal("cd0", cd.Name);
            Assert.Equal("hda", _f.Controller.DeviceAt(0)!.Name);
            Assert.Same(cd, _f.Manager.Find("cd0"));
        }

        [Fact]
        public void WholeIso_ReadsBackByteForByte()
        {
            AtapiDevice cd = Cd;
            var buffer = new byte[_f.Iso.Length];
            // In uneven pieces, so READ(10)s of many sizes and the 32-block split are exercised.
            ulong lba = 0;
            int step = 1;
            while (lba < cd.BlockCount)
            {
                int count = (int)Math.Min((ulong)step, cd.BlockCount - lba);
                cd.Read(lba, count, buffer, (int)lba * 2048);
                lba += (ulong)count;
                step = step * 3 % 71 + 1;
            }
            Assert.True(_f.Iso.AsSpan().SequenceEqual(buffer), "the ISO read through ATAPI differs from the file");
            // The volume descriptor says what xorriso wrote.
            Assert.Equal("CD001", System.Text.Encoding.ASCII.GetString(buffer, 16 * 2048 + 1, 5));
        }

        [Fact]
        public void Write_IsRefused_NamingTheDrive()
        {
            var e = Assert.Throws<BlockDeviceException>(() => Cd.Write(0, 1, new byte[2048], 0));
            Assert.Equal("cd0", e.Device);
            Assert.Contains("read-only", e.Message);
        }

        [Fact]
        public void ReadPastTheEnd_IsRefused()
        {
            AtapiDevice cd = Cd;
            var e = Assert.Throws<BlockDeviceException>(() => cd.Read(cd.BlockCount - 1, 2, new byte[4096], 0));
            Assert.Contains("past the end", e.Message);
            // The drive still works afterwards.
            var buffer = new byte[2048];
            cd.Read(cd.BlockCount - 1, 1, buffer, 0);
            Assert.Equal(_f.Iso.AsSpan(_f.Iso.Length - 2048).ToArray(), buffer);
        }

        [Fact]
        public void Driver_LogsOneLinePerDevice()
        {
            Assert.Contains("[ATA] hda: primary master \"QEMU HARDDISK\", LBA48, 512 sectors, DMA, IRQ 14", _f.PlatformLog);
            Assert.Contains("[ATA] cd0: secondary master \"QEMU DVD-ROM\", ATAPI, " + Cd.BlockCount + " blocks of 2048 bytes, IRQ 15", _f.PlatformLog);
            Assert.Contains(_f.Log, l => l.StartsWith("hda: ", StringComparison.Ordinal));
            Assert.Contains(_f.Log, l => l.StartsWith("cd0: ", StringComparison.Ordinal));
        }
    }
}
