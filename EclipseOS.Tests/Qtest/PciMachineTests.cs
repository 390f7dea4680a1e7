using System.Linq;
using EclipseOS.Hal.Pci;
using EclipseOS.Platform.Qtest;
using EclipseOS.Platform.Qtest.Firmware;
using Xunit;

namespace EclipseOS.Tests.Qtest
{
    /// <summary>PCI enumeration, firmware BAR assignment and INTx routing on a real QEMU board.</summary>
    public abstract class PciMachineTests
    {
        private const byte VirtioCapCommonCfg = 1;
        private readonly QtestMachineFixture _fixture;

        protected PciMachineTests(QtestMachineFixture fixture, ushort hostBridgeDeviceId)
        {
            _fixture = fixture;
            HostBridgeDeviceId = hostBridgeDeviceId;
        }

        private ushort HostBridgeDeviceId { get; }

        private QtestPlatform Platform => _fixture.Platform;

        [Fact]
        public void Enumeration_finds_the_host_bridge()
        {
            PciFunctionSetup host = Platform.PciFunctions.Single(f => f.Address.Equals(new PciAddress(0, 0, 0)));
            Assert.Equal(0x8086, host.VendorId);
            Assert.Equal(HostBridgeDeviceId, host.DeviceId);
            Assert.Equal(0x06, host.ClassCode);
            Assert.Equal(0x00, host.Subclass);
        }

        [Fact]
        public void Transitional_virtio_blk_has_assigned_bars_and_answers_on_its_legacy_io_bar()
        {
            PciFunctionSetup blk = Function(QtestMachineFixture.TransitionalSlot);
            Assert.Equal((0x1af4, 0x1001), (blk.VendorId, blk.DeviceId));
            PciBar io = blk.Bar(0)!;
            Assert.Equal(PciBarKind.Io, io.Kind);
            Assert.True(io.Address >= PciFirmware.IoWindowStart && io.Address % io.Size == 0, io.ToString());
            var function = new PciFunction(Platform.Pci, blk.Address);
            Assert.Equal(io.Address, function.ReadBar(0).Address);
            Assert.NotEqual(0, function.Command & PciRegisters.CommandIoSpace);
            Assert.NotEqual(0, function.Command & PciRegisters.CommandBusMaster);
            // Device features of virtio-blk: SEG_MAX (bit 2) and BLK_SIZE (bit 6) are always offered.
            uint features = Platform.Ports.Read32((ushort)io.Address);
            Assert.Equal(0x44u, features & 0x44u);
            // Capacity in the legacy device config (offset 0x14 without MSI-X): 64 sectors.
            ulong capacity = Platform.Ports.Read32((ushort)(io.Address + 0x14)) | ((ulong)Platform.Ports.Read32((ushort)(io.Address + 0x18)) << 32);
            Assert.Equal(64ul, capacity);
        }

        [Fact]
        public void Modern_virtio_blk_common_config_is_readable_through_its_memory_bar()
        {
            PciFunctionSetup blk = Function(QtestMachineFixture.ModernSlot);
            Assert.Equal((0x1af4, 0x1042), (blk.VendorId, blk.DeviceId));
            Assert.DoesNotContain(blk.Bars, b => b.IsIo);
            var function = new PciFunction(Platform.Pci, blk.Address);
            byte cap = function.FindCapabilities(PciRegisters.CapabilityVendorSpecific)
                .First(c => Platform.Pci.Read8(blk.Address, (byte)(c + 3)) == VirtioCapCommonCfg);
            int barIndex = Platform.Pci.Read8(blk.Address, (byte)(cap + 4));
            uint offset = Platform.Pci.Read32(blk.Address, (byte)(cap + 8));
            PciBar bar = blk.Bar(barIndex)!;
            Assert.True(bar.IsMemory && bar.Address >= 0xC0000000 && bar.Address + bar.Size <= PciFirmware.MmioWindowEnd, bar.ToString());
            Assert.Equal(0ul, bar.Address % bar.Size);
            ulong common = bar.Address + offset;
            // device_feature_select = 1, then device_feature bit 0 = VIRTIO_F_VERSION_1 (bit 32).
            Platform.Memory.Write32(common + 0x00, 1);
            Assert.Equal(1u, Platform.Memory.Read32(common + 0x04) & 1);
            Assert.Equal(1, Platform.Memory.Read16(common + 0x12)); // num_queues
        }

        [Fact]
        public void Interrupt_lines_follow_the_chipset_routing()
        {
            foreach (PciFunctionSetup f in Platform.PciFunctions.Where(f => f.InterruptPin != 0))
            {
                Assert.Contains(f.InterruptLine, new byte[] { 10, 11 });
                Assert.Equal(f.InterruptLine, Platform.Pci.Read8(f.Address, PciRegisters.InterruptLine));
            }
        }

        [Fact]
        public void Legacy_virtio_completion_raises_INTx_and_reading_the_ISR_lowers_it()
        {
            PciFunctionSetup blk = Function(QtestMachineFixture.TransitionalSlot);
            int line = blk.InterruptLine;
            Assert.False(Platform.Interrupts.IsRaised(line));
            var request = new HandRolledVirtioRequest(Platform, (ushort)blk.Bar(0)!.Address);
            try
            {
                Assert.True(Platform.Interrupts.Wait(line, 5_000_000), "no IRQ " + line + " within 5 s");
                Assert.True(Platform.Interrupts.IsRaised(line));
                Assert.Equal(1, request.UsedIndex);
                Assert.Equal(0, request.Status);
                Assert.Equal(_fixture.Transitional.Sector(0), request.Data());
                Assert.Equal(1, Platform.Ports.Read8((ushort)(blk.Bar(0)!.Address + HandRolledVirtioRequest.Isr)));
                Assert.False(Platform.Interrupts.IsRaised(line));
                Assert.False(Platform.Interrupts.Wait(line, 50_000));
            }
            finally
            {
                request.Free();
            }
        }

        private PciFunctionSetup Function(int slot) => Platform.PciFunctions.Single(f => f.Address.Equals(new PciAddress(0, (byte)slot, 0)));
    }

    public sealed class PcPciTests : PciMachineTests, IClassFixture<PcFixture>
    {
        public PcPciTests(PcFixture fixture) : base(fixture, 0x1237) { }
    }

    public sealed class Q35PciTests : PciMachineTests, IClassFixture<Q35Fixture>
    {
        public Q35PciTests(Q35Fixture fixture) : base(fixture, 0x29c0) { }
    }
}
