using System;
using EclipseOS.Drivers.Ata;
using EclipseOS.Drivers.Ata.Devices;
using EclipseOS.Drivers.Ata.Registers;
using EclipseOS.Hal.Pci;
using EclipseOS.Platform.Fake;
using EclipseOS.Platform.Fake.Devices;
using EclipseOS.Platform.Fake.Pci;
using Xunit;

namespace EclipseOS.Tests.Ata
{
    /// <summary>DMA failures QEMU will not produce — a device that aborts DMA commands, a bus-master engine that never finishes — end in PIO, with the data right.</summary>
    public sealed class AtaDmaFallbackTests
    {
        private const ushort BusMasterBase = 0xC000;

        /// <summary>A PIIX-like IDE function (01:01, prog-if 0x80) whose BAR4 engine always shows <paramref name="engineStatus"/>.</summary>
        private static (FakePlatform, FakeAtaDisk, AtaDevice) Setup(byte engineStatus, bool acceptDma)
        {
            var platform = new FakePlatform();
            var disk = new FakeAtaDisk(platform, 256) { DmaCapable = true, AcceptDmaCommands = acceptDma };
            for (int i = 0; i < disk.Sectors.Length; i++) disk.Sectors[i] = (byte)(i % 251);
            var ide = new FakePciFunction(0x8086, 0x7010, BusMasterRegisters.PciClassMassStorage, BusMasterRegisters.PciSubclassIde, BusMasterRegisters.ProgIfBusMaster);
            ide.DefineIoBar(BusMasterRegisters.BarIndex, 16, new DelegateRegisterHandler(
                (offset, size) => offset % 8 == BusMasterRegisters.Status ? engineStatus : 0UL, null));
            var address = new PciAddress(0, 1, 0);
            platform.AddPciFunction(address, ide);
            // What firmware does: assign the bus-master window.
            platform.Pci.Write32(address, (byte)(PciRegisters.Bar0 + 4 * BusMasterRegisters.BarIndex), BusMasterBase | 1u);
            AtaController controller = AtaController.Probe(platform, new AtaOptions { UseInterrupts = false, CommandTimeoutMicroseconds = 50000, ResetTimeoutMicroseconds = 50000 });
            var device = Assert.IsType<AtaDevice>(Assert.Single(controller.Devices));
            Assert.True(device.UsesDma);
            Assert.Equal(BusMasterBase, device.Channel.BusMaster!.BasePort);
            Assert.True(ide.BusMasterEnabled && ide.IoEnabled);
            return (platform, disk, device);
        }

        [Fact]
        public void DeviceAbortingDma_IsRetriedByPio_AndDmaStaysOn()
        {
            var (platform, disk, device) = Setup(BusMasterRegisters.StatusInterrupt, acceptDma: false);
            var buffer = new byte[4 * 512];
            device.Read(10, 4, buffer, 0);
            Assert.Equal(disk.Sectors[10 * 512 + 3], buffer[3]);
            Assert.Equal(disk.Sectors[13 * 512 + 511], buffer[3 * 512 + 511]);
            Assert.Equal(1, device.DmaFallbacks);
            Assert.Equal(1, device.PioTransfers);
            Assert.True(device.UsesDma);
            Assert.True(platform.Log.Contains("READ DMA at block 10 failed (device reported an error"), platform.Log.ToString());
        }

        [Fact]
        public void EngineThatNeverFinishes_TimesOut_TurnsDmaOff_AndPioDoesTheWork()
        {
            var (platform, disk, device) = Setup(BusMasterRegisters.StatusActive, acceptDma: true);
            var data = new byte[3 * 512];
            for (int i = 0; i < data.Length; i++) data[i] = (byte)(255 - i % 200);
            device.Write(20, 3, data, 0);
            Assert.Equal(data, disk.Sectors.AsSpan(20 * 512, data.Length).ToArray());
            Assert.False(device.UsesDma);
            Assert.Equal(1, device.DmaFallbacks);
            Assert.True(platform.Log.Contains("DMA still active after 50 ms"), platform.Log.ToString());
            Assert.True(platform.Log.Contains("DMA turned off, using PIO"));
        }
    }
}
