using System;
using System.Collections.Generic;
using EclipseOS.Drivers.Ata;
using EclipseOS.Drivers.Ata.Devices;
using EclipseOS.Platform.Qtest;
using EclipseOS.Storage;
using Xunit;

namespace EclipseOS.Tests.Ata
{
    /// <summary>A sparse 130 GiB image (more than LBA28's 128 GiB) on QEMU's primary master, shared by the tests.</summary>
    public sealed class LargeDiskFixture : IDisposable
    {
        /// <summary>130 GiB in sectors.</summary>
        public const long Sectors = 130L * 1024 * 1024 * 2;
        /// <summary>First sector LBA28 commands cannot reach on a disk this size.</summary>
        public const long Boundary = 0x0FFFFFFF;

        public LargeDiskFixture()
        {
            Image = new AtaImage(Sectors, 0, fill: false);
            var random = new Random(77);
            BoundaryPattern = new byte[64 * 512];
            random.NextBytes(BoundaryPattern);
            Image.WriteAt(Boundary - 32, BoundaryPattern);
            EndPattern = new byte[16 * 512];
            random.NextBytes(EndPattern);
            Image.WriteAt(Sectors - 16, EndPattern);
            Platform = new QtestPlatform(AtaQemu.Options(new Dictionary<int, string> { [0] = Image.Path }));
            Controller = AtaController.Probe(Platform, AtaQemu.Driver());
            Disk = (AtaDevice)Controller.DeviceAt(0)!;
        }

        public AtaImage Image { get; }
        public byte[] BoundaryPattern { get; }
        public byte[] EndPattern { get; }
        public QtestPlatform Platform { get; }
        public AtaController Controller { get; }
        public AtaDevice Disk { get; }

        public void Dispose()
        {
            Platform.Dispose();
            Image.Dispose();
        }
    }

    /// <summary>LBA48 on a disk larger than 128 GiB, and the LBA28/LBA48 boundary at sector 0x0FFFFFFF.</summary>
    public sealed class AtaLargeDiskTests : IClassFixture<LargeDiskFixture>
    {
        private readonly LargeDiskFixture _f;

        public AtaLargeDiskTests(LargeDiskFixture fixture)
        {
            _f = fixture;
            _f.Disk.SetDma(true);
        }

        [Fact]
        public void Identify_ReportsTheWholeDisk_ThroughWords100To103()
        {
            Assert.True(_f.Disk.Identify.SupportsLba48);
            Assert.Equal((ulong)LargeDiskFixture.Sectors, _f.Disk.BlockCount);
            Assert.Equal((ulong)LargeDiskFixture.Sectors, _f.Disk.Identify.Lba48SectorCount);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void LastSectors_AreReadAndWritten(bool dma)
        {
            AtaDevice disk = _f.Disk;
            disk.SetDma(dma);
            ulong last = disk.BlockCount - 1;
            long dmaBefore = disk.DmaTransfers;
            var buffer = new byte[16 * 512];
            disk.Read(last - 15, 16, buffer, 0);
            Assert.Equal(_f.Image.ReadAt(LargeDiskFixture.Sectors - 16, 16), buffer);
            Assert.Equal(_f.EndPattern.AsSpan(0, 12 * 512).ToArray(), buffer.AsSpan(0, 12 * 512).ToArray());

            var data = new byte[4 * 512];
            new Random(dma ? 1 : 2).NextBytes(data);
            disk.Write(last - 3, 4, data, 0);
            Assert.Equal(data, _f.Image.ReadAt(LargeDiskFixture.Sectors - 4, 4));
            var back = new byte[data.Length];
            disk.Read(last - 3, 4, back, 0);
            Assert.Equal(data, back);
            Assert.Equal(dma, disk.DmaTransfers > dmaBefore);

            var e = Assert.Throws<BlockDeviceException>(() => disk.Read(last, 2, new byte[1024], 0));
            Assert.Equal(last, e.Lba);
            Assert.Contains("past the end", e.Message);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Lba28Boundary_IsCrossedCorrectly(bool dma)
        {
            AtaDevice disk = _f.Disk;
            disk.SetDma(dma);
            const ulong boundary = LargeDiskFixture.Boundary;
            // The image file as the host sees it is the reference (the tests share the disk).
            var buffer = new byte[8 * 512];
            disk.Read(boundary - 4, 8, buffer, 0);
            Assert.Equal(_f.Image.ReadAt(LargeDiskFixture.Boundary - 4, 8), buffer);

            byte[] before = _f.Image.ReadAt(LargeDiskFixture.Boundary - 4, 8);
            byte[] start = _f.Image.ReadAt(0, 4);
            var data = new byte[6 * 512];
            new Random(dma ? 3 : 4).NextBytes(data);
            disk.Write(boundary - 3, 6, data, 0);
            byte[] after = _f.Image.ReadAt(LargeDiskFixture.Boundary - 4, 8);
            Assert.Equal(data, after.AsSpan(512, 6 * 512).ToArray());
            // The sectors either side are untouched, and so is the start of the disk (where a 28-bit wrap would land).
            Assert.Equal(before.AsSpan(0, 512).ToArray(), after.AsSpan(0, 512).ToArray());
            Assert.Equal(before.AsSpan(7 * 512, 512).ToArray(), after.AsSpan(7 * 512, 512).ToArray());
            Assert.Equal(start, _f.Image.ReadAt(0, 4));
        }

        [Fact]
        public void CommandForm_IsLba28BelowTheBoundary_AndLba48FromIt()
        {
            AtaDevice disk = _f.Disk;
            disk.SetDma(false);
            var buffer = new byte[512];
            // One sector by PIO: select + count + 3 LBA bytes + command = 6 writes for LBA28,
            // 4 more (the high-order bytes) for LBA48.
            Assert.Equal(6, PortWritesFor(() => disk.Read(LargeDiskFixture.Boundary - 1, 1, buffer, 0)));
            Assert.Equal(_f.Image.ReadAt(LargeDiskFixture.Boundary - 1, 1), buffer);
            Assert.Equal(10, PortWritesFor(() => disk.Read(LargeDiskFixture.Boundary, 1, buffer, 0)));
            Assert.Equal(_f.Image.ReadAt(LargeDiskFixture.Boundary, 1), buffer);
            // Sector Boundary - 20 was never written by a test: the host's pattern arrives intact.
            disk.Read(LargeDiskFixture.Boundary - 20, 1, buffer, 0);
            Assert.Equal(_f.BoundaryPattern.AsSpan(12 * 512, 512).ToArray(), buffer);
        }

        private long PortWritesFor(Action action)
        {
            QtestCounterSnapshot before = _f.Platform.Counters.Snapshot();
            action();
            return (_f.Platform.Counters.Snapshot() - before).PortWrites;
        }
    }
}
