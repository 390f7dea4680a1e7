using System;
using System.Collections.Generic;
using System.Diagnostics;
using EclipseOS.Drivers.Ata;
using EclipseOS.Drivers.Ata.Devices;
using EclipseOS.Platform.Qtest;
using Xunit;

namespace EclipseOS.Tests.Ata
{
    /// <summary>What a completed (flushed) write put on the disk is in the image file after QEMU dies by SIGKILL.</summary>
    public sealed class AtaDurabilityTests
    {
        [Fact]
        public void FlushedWrites_SurviveSigkillOfQemu()
        {
            using var image = new AtaImage(4096, 7);
            var pio = new byte[40 * 512];
            var dma = new byte[300 * 512];
            new Random(8).NextBytes(pio);
            new Random(9).NextBytes(dma);
            var platform = new QtestPlatform(AtaQemu.Options(new Dictionary<int, string> { [1] = image.Path }));
            try
            {
                AtaController controller = AtaController.Probe(platform, AtaQemu.Driver());
                var disk = (AtaDevice)controller.DeviceAt(1)!;
                disk.SetDma(false);
                disk.Write(100, 40, pio, 0);
                disk.SetDma(true);
                disk.Write(1000, 300, dma, 0);
                disk.Flush();
                Assert.Equal(1, disk.DmaTransfers);
                Assert.Equal(1, disk.PioTransfers);

                using Process qemu = Process.GetProcessById(platform.QemuProcessId);
                qemu.Kill(); // SIGKILL: no chance for QEMU to write anything more
                qemu.WaitForExit();
            }
            finally
            {
                platform.Dispose();
            }
            Assert.Equal(pio, image.ReadAt(100, 40));
            Assert.Equal(dma, image.ReadAt(1000, 300));
        }
    }
}
