using System.Collections.Generic;
using EclipseOS.Drivers.Ata;
using EclipseOS.Drivers.Ata.Devices;
using EclipseOS.Platform.Qtest;
using Xunit;

namespace EclipseOS.Tests.Ata
{
    /// <summary>The benchmark's targets as tests: PIO adds one status read per sector to the data words, DMA stays within 40 register accesses per MiB.</summary>
    public sealed class AtaCostTests
    {
        [Fact]
        public void RegisterAccesses_PioIsTheDataWordsPlusOneStatusReadPerSector_DmaIsUnder40PerMiB()
        {
            using var image = new AtaImage(8192, 71);
            using var platform = new QtestPlatform(AtaQemu.Options(new Dictionary<int, string> { [0] = image.Path }));
            var disk = (AtaDevice)AtaController.Probe(platform, AtaQemu.Driver()).DeviceAt(0)!;
            var buffer = new byte[1 << 20];

            disk.SetDma(false);
            QtestCounterSnapshot before = platform.Counters.Snapshot();
            disk.Read(0, 256, buffer, 0);
            QtestCounterSnapshot pio = platform.Counters.Snapshot() - before;
            Assert.Equal(256 * 256, pio.PortReads - 256 - 1); // data words, one status per sector, one before the command
            Assert.Equal(6, pio.PortWrites); // device, count, 3 LBA bytes, command: 256 sectors fit one LBA28 command

            disk.SetDma(true);
            before = platform.Counters.Snapshot();
            disk.Read(0, 2048, buffer, 0);
            QtestCounterSnapshot dma = platform.Counters.Snapshot() - before;
            Assert.True(dma.DeviceRegisterAccesses <= 40, "DMA read of 1 MiB took " + dma.DeviceRegisterAccesses + " register accesses");
            Assert.Equal(image.ReadAt(0, 2048), buffer);

            before = platform.Counters.Snapshot();
            disk.Write(0, 2048, buffer, 0);
            dma = platform.Counters.Snapshot() - before;
            Assert.True(dma.DeviceRegisterAccesses <= 40, "DMA write of 1 MiB (with its flush) took " + dma.DeviceRegisterAccesses + " register accesses");
        }
    }
}
