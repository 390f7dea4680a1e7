using System.Collections.Generic;
using System.Diagnostics;
using EclipseOS.Drivers.Ata;
using EclipseOS.Drivers.Ata.Devices;
using EclipseOS.Platform.Qtest;
using EclipseOS.Storage;
using Xunit;

namespace EclipseOS.Tests.Ata
{
    /// <summary>Detection on QEMU's PIIX3 IDE: every position alone and with its neighbour, IDENTIFY as QEMU reports it.</summary>
    public sealed class AtaPositionTests
    {
        private static long SectorsFor(int index) => 1000 + 24 * index;

        private static void CheckDisk(AtaDevice disk, AtaImage image, int index)
        {
            Assert.Equal(index, disk.PositionIndex);
            Assert.Equal("QEMU HARDDISK", disk.Identify.Model);
            Assert.StartsWith("QM0000", disk.Identify.Serial);
            Assert.Equal("2.5+", disk.Identify.Firmware);
            Assert.Equal(image.Sectors, (long)disk.BlockCount);
            Assert.True(disk.Identify.SupportsLba48);
            Assert.True(disk.UsesDma);

            // Sector 0 and the last sector, by DMA and by PIO, are this position's image.
            var buffer = new byte[512];
            disk.Read(0, 1, buffer, 0);
            Assert.Equal(image.ReadAt(0, 1), buffer);
            disk.SetDma(false);
            disk.Read(disk.BlockCount - 1, 1, buffer, 0);
            Assert.Equal(image.ReadAt(image.Sectors - 1, 1), buffer);
            disk.SetDma(true);
            Assert.Equal(1, disk.DmaTransfers);
            Assert.Equal(1, disk.PioTransfers);

            var past = Assert.Throws<BlockDeviceException>(() => disk.Read(disk.BlockCount, 1, buffer, 0));
            Assert.Contains("past the end", past.Message);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void SingleDisk_IsFoundAtItsPosition_AndNowhereElse(int index)
        {
            using var image = new AtaImage(SectorsFor(index), index + 10);
            using var platform = new QtestPlatform(AtaQemu.Options(new Dictionary<int, string> { [index] = image.Path }));
            var watch = Stopwatch.StartNew();
            AtaController controller = AtaController.Probe(platform, AtaQemu.Driver());
            Assert.True(watch.ElapsedMilliseconds < 3000, "probe took " + watch.ElapsedMilliseconds + " ms");
            Assert.True(controller.Failures.Count == 0, string.Join("\n", controller.Failures));
            var disk = Assert.IsType<AtaDevice>(Assert.Single(controller.Devices));
            Assert.Equal("QM0000" + (index + 1), disk.Identify.Serial);
            CheckDisk(disk, image, index);
            for (int other = 0; other < 4; other++)
                if (other != index) Assert.Null(controller.DeviceAt(other));
        }

        [Fact]
        public void AllFourPositions_MastersWithSlaves_EachIsItsOwnImage()
        {
            var images = new List<AtaImage>();
            var paths = new Dictionary<int, string>();
            try
            {
                for (int i = 0; i < 4; i++)
                {
                    images.Add(new AtaImage(SectorsFor(i), 20 + i));
                    paths[i] = images[i].Path;
                }
                using var platform = new QtestPlatform(AtaQemu.Options(paths));
                AtaController controller = AtaController.Probe(platform, AtaQemu.Driver());
                Assert.Empty(controller.Failures);
                Assert.Equal(4, controller.Devices.Count);
                var serials = new HashSet<string>();
                for (int i = 0; i < 4; i++)
                {
                    var disk = Assert.IsType<AtaDevice>(controller.DeviceAt(i));
                    CheckDisk(disk, images[i], i);
                    serials.Add(disk.Identify.Serial);
                }
                Assert.Equal(4, serials.Count);
                Assert.True(controller.Channels[0].InterruptMode && controller.Channels[1].InterruptMode);
            }
            finally
            {
                foreach (AtaImage image in images) image.Dispose();
            }
        }

        [Fact]
        public void SecondaryMasterAndSlave_WithAnEmptyPrimaryChannel()
        {
            using var master = new AtaImage(SectorsFor(2), 31);
            using var slave = new AtaImage(SectorsFor(3), 32);
            using var platform = new QtestPlatform(AtaQemu.Options(new Dictionary<int, string> { [2] = master.Path, [3] = slave.Path }));
            AtaController controller = AtaController.Probe(platform, AtaQemu.Driver());
            Assert.Empty(controller.Failures);
            Assert.Equal(2, controller.Devices.Count);
            CheckDisk(Assert.IsType<AtaDevice>(controller.DeviceAt(2)), master, 2);
            CheckDisk(Assert.IsType<AtaDevice>(controller.DeviceAt(3)), slave, 3);
            Assert.Null(controller.DeviceAt(0));
            Assert.Null(controller.DeviceAt(1));
        }
    }
}
