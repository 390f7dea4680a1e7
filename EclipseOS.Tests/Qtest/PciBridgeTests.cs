using System.Linq;
using EclipseOS.Hal.Pci;
using EclipseOS.Platform.Qtest;
using EclipseOS.Platform.Qtest.Firmware;
using EclipseOS.Platform.Qtest.Options;
using Xunit;

namespace EclipseOS.Tests.Qtest
{
    /// <summary>Devices behind bridges: bus numbering, windows, BARs and INTx swizzling done by the platform's firmware.</summary>
    public sealed class PciBridgeTests
    {
        [Theory]
        [InlineData(QemuMachine.Pc, "pci-bridge,id=br1,chassis_nr=1,addr=6", "br1", 3)]
        // Behind a PCIe port QEMU makes virtio-pci modern-only unless told otherwise.
        [InlineData(QemuMachine.Q35, "pcie-root-port,id=rp1,chassis=1,addr=6", "rp1,disable-legacy=off", 0)]
        public void A_virtio_blk_behind_a_bridge_is_reachable_and_interrupts(QemuMachine machine, string bridgeDevice, string bridgeBus, int slot)
        {
            using var disk = new DiskImage(16, 12);
            var options = new QemuOptions { Machine = machine, MemoryMiB = 64 }
                .Add("-drive", "file=" + disk.Path + ",format=raw,if=none,id=behind")
                .Add("-device", bridgeDevice)
                .Add("-device", "virtio-blk-pci,drive=behind,addr=" + slot + ",bus=" + bridgeBus);
            using var platform = new QtestPlatform(options);
            PciFunctionSetup blk = platform.PciFunctions.Single(f => f.VendorId == 0x1af4 && f.DeviceId == 0x1001);
            Assert.Equal(new PciAddress(1, (byte)slot, 0), blk.Address);
            PciFunctionSetup bridge = platform.PciFunctions.Single(f => f.Address.Equals(new PciAddress(0, 6, 0)));
            Assert.Equal((byte)1, platform.Pci.Read8(bridge.Address, PciBridgeRegisters.SecondaryBus));
            // The HAL's enumerator, as a driver runs it, now finds the device too.
            Assert.Contains(PciEnumerator.Enumerate(platform.Pci), f => f.Address.Equals(blk.Address));

            PciBar io = blk.Bar(0)!;
            Assert.Equal(16ul, platform.Ports.Read32((ushort)(io.Address + 0x14))); // capacity through the bridge's I/O window
            PciBar modern = blk.Bar(4)!;
            Assert.NotEqual(0u, platform.Memory.Read32(modern.Address) | 1); // decoded through the memory window

            var request = new HandRolledVirtioRequest(platform, (ushort)io.Address);
            try
            {
                Assert.True(platform.Interrupts.Wait(blk.InterruptLine, 5_000_000), "no IRQ " + blk.InterruptLine + " through the bridge");
                Assert.Equal(1, request.UsedIndex);
                Assert.Equal(disk.Sector(0), request.Data());
            }
            finally
            {
                request.Free();
            }
        }
    }
}
