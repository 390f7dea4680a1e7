using System.Collections.Generic;
using EclipseOS.Hal.Pci;
using EclipseOS.Platform.Fake;
using EclipseOS.Platform.Fake.Devices;
using EclipseOS.Platform.Fake.Pci;
using Xunit;

namespace EclipseOS.Tests.Fake
{
    public class FakePciTests
    {
        private static (FakePlatform, FakePciFunction, List<string>) MachineWithDevice()
        {
            var platform = new FakePlatform();
            var accesses = new List<string>();
            var io = new DelegateRegisterHandler((o, s) => 0x40 + o, (o, s, v) => accesses.Add("io " + o + "=" + v));
            var mmio = new DelegateRegisterHandler((o, s) => 0x1000 + o, (o, s, v) => accesses.Add("mmio " + o + "=" + v));
            var function = new FakePciFunction(0x1af4, 0x1001, 0x01, 0x00) { InterruptPin = 1 };
            function.DefineIoBar(0, 64, io);
            function.DefineMemoryBar(1, 0x1000, mmio);
            function.DefineMemoryBar(4, 0x4000, mmio, is64Bit: true, prefetchable: true);
            platform.AddPciFunction(new PciAddress(0, 4, 0), function);
            return (platform, function, accesses);
        }

        [Fact]
        public void EnumeratorFindsFunctionsThroughDirectAndPortConfigSpace()
        {
            var (platform, _, _) = MachineWithDevice();
            platform.AddPciFunction(new PciAddress(0, 0, 0), new FakePciFunction(0x8086, 0x1237, 0x06, 0x00));
            foreach (IPciConfigSpace config in new IPciConfigSpace[] { platform.Pci, new PortPciConfigSpace(platform.Ports) })
            {
                List<PciFunction> found = PciEnumerator.Enumerate(config);
                Assert.Equal(2, found.Count);
                Assert.Equal("00:00.0 8086:1237", found[0].ToString());
                Assert.Equal("00:04.0 1af4:1001", found[1].ToString());
                Assert.Equal(0x01, found[1].ClassCode);
            }
        }

        [Fact]
        public void AbsentFunctionReadsAllOnes()
        {
            var platform = new FakePlatform();
            Assert.Equal(0xFFFFFFFFu, platform.Pci.Read32(new PciAddress(0, 3, 0), 0));
            Assert.Equal(0xFFFF, platform.Pci.Read16(new PciAddress(1, 0, 0), 2));
        }

        [Fact]
        public void IdentityIsReadOnlyAndCommandIsWritable()
        {
            var (platform, function, _) = MachineWithDevice();
            platform.Pci.Write32(function.Address, PciRegisters.VendorId, 0x12345678);
            platform.Pci.Write16(function.Address, PciRegisters.Command, 0x0007);
            Assert.Equal(0x1af4, platform.Pci.Read16(function.Address, PciRegisters.VendorId));
            Assert.Equal(0x0007, function.Command);
            Assert.True(function.BusMasterEnabled);
        }

        [Fact]
        public void BarSizingReportsKindsSizesAndRestoresRegisters()
        {
            var (platform, function, _) = MachineWithDevice();
            var pci = new PciFunction(platform.Pci, function.Address);
            List<PciBar> bars = pci.SizeBars();
            Assert.Equal(3, bars.Count);
            Assert.Equal((0, PciBarKind.Io, 64UL), (bars[0].Index, bars[0].Kind, bars[0].Size));
            Assert.Equal((1, PciBarKind.Memory32, 0x1000UL), (bars[1].Index, bars[1].Kind, bars[1].Size));
            Assert.Equal((4, PciBarKind.Memory64, 0x4000UL, true), (bars[2].Index, bars[2].Kind, bars[2].Size, bars[2].Prefetchable));
            Assert.All(bars, b => Assert.Equal(0UL, b.Address));
            // Writing all ones reads back the size mask with the type bits.
            platform.Pci.Write32(function.Address, PciRegisters.Bar0 + 4, 0xFFFFFFFF);
            Assert.Equal(0xFFFFF000u, platform.Pci.Read32(function.Address, PciRegisters.Bar0 + 4));
            Assert.Equal(0u, platform.Pci.Read32(function.Address, PciRegisters.Bar0 + 8)); // BAR2 unimplemented
        }

        [Fact]
        public void AssignedBarsDecodeOnlyWhenEnabled()
        {
            var (platform, function, accesses) = MachineWithDevice();
            var pci = new PciFunction(platform.Pci, function.Address);
            List<PciBar> bars = pci.SizeBars();
            pci.AssignBar(bars[0], 0xC040);
            pci.AssignBar(bars[1], 0xFEB00000);
            pci.AssignBar(bars[2], 0x1_0000_0000);
            Assert.Equal(0xFF, platform.Ports.Read8(0xC041)); // I/O decoding still off
            Assert.Equal(0xFFFFFFFFu, platform.Memory.Read32(0xFEB00010));

            pci.Enable(PciRegisters.CommandIoSpace | PciRegisters.CommandMemorySpace);
            Assert.Equal(0x41, platform.Ports.Read8(0xC041));
            Assert.Equal(0x1010u, platform.Memory.Read32(0xFEB00010));
            Assert.Equal(0x1008UL, platform.Memory.Read64(0x1_0000_0008));
            platform.Ports.Write16(0xC050, 0xBEEF);
            platform.Memory.Write32(0xFEB00004, 7);
            Assert.Equal(new[] { "io 16=48879", "mmio 4=7" }, accesses);
            Assert.Equal(0x1_0000_0000UL, function.BarAddress(4));
            Assert.Equal(3, pci.SizeBars().Count);
            Assert.Equal(0xC040UL, pci.SizeBars()[0].Address);
        }

        [Fact]
        public void CapabilityListIsWalkable()
        {
            var (platform, function, _) = MachineWithDevice();
            byte first = function.AddCapability(PciRegisters.CapabilityVendorSpecific, new byte[] { 14, 1, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
            byte msix = function.AddCapability(0x11, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
            byte second = function.AddCapability(PciRegisters.CapabilityVendorSpecific, new byte[] { 14, 2, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
            var pci = new PciFunction(platform.Pci, function.Address);
            Assert.Equal(new List<byte> { first, second }, pci.FindCapabilities(PciRegisters.CapabilityVendorSpecific));
            Assert.Equal(new List<byte> { msix }, pci.FindCapabilities(0x11));
            Assert.Equal(0, first % 4);
            Assert.Equal(2, platform.Pci.Read8(function.Address, (byte)(second + 3)));
        }

        [Fact]
        public void ConfigWriteHookSeesDriverWrites()
        {
            var (platform, function, _) = MachineWithDevice();
            var seen = new List<(byte, int, uint)>();
            function.ConfigWritten += (f, offset, size, value) => seen.Add((offset, size, value));
            platform.Pci.Write8(function.Address, PciRegisters.InterruptLine, 11);
            Assert.Equal(new[] { ((byte)PciRegisters.InterruptLine, 1, 11u) }, seen);
            Assert.Equal(11, function.InterruptLine);
        }

        [Fact]
        public void IntxFollowsTheDisableBitAndSetsStatus()
        {
            var (platform, function, _) = MachineWithDevice();
            function.InterruptLine = 11;
            function.AssertIntx();
            Assert.True(platform.Interrupts.IsAsserted(11));
            Assert.NotEqual(0, platform.Pci.Read16(function.Address, PciRegisters.Status) & PciRegisters.StatusInterrupt);
            platform.Pci.Write16(function.Address, PciRegisters.Command, PciRegisters.CommandInterruptDisable);
            Assert.False(platform.Interrupts.IsAsserted(11));
            platform.Pci.Write16(function.Address, PciRegisters.Command, 0);
            Assert.True(platform.Interrupts.IsAsserted(11));
            function.DeassertIntx();
            Assert.False(platform.Interrupts.IsAsserted(11));
            Assert.Equal(0, platform.Pci.Read16(function.Address, PciRegisters.Status) & PciRegisters.StatusInterrupt);
        }
    }
}
