using System;
using System.Collections.Generic;
using EclipseOS.Platform.Fake;
using EclipseOS.Platform.Fake.Devices;
using Xunit;

namespace EclipseOS.Tests.Fake
{
    public class FakePortAndMemoryTests
    {
        [Fact]
        public void UnhandledPortsFloatHigh()
        {
            var platform = new FakePlatform();
            Assert.Equal(0xFF, platform.Ports.Read8(0x1F7));
            Assert.Equal(0xFFFF, platform.Ports.Read16(0x1F0));
            Assert.Equal(0xFFFFFFFFu, platform.Ports.Read32(0x300));
            platform.Ports.Write8(0x80, 1);
            Assert.Equal(4, platform.Counters.UnhandledAccesses);
            Assert.Equal(3, platform.Counters.PortReads);
            Assert.Equal(1, platform.Counters.PortWrites);
        }

        [Fact]
        public void MappedPortsSeeOffsetsAndSizes()
        {
            var platform = new FakePlatform();
            var writes = new List<(ulong, int, ulong)>();
            platform.MapPorts(0x1F0, 8, (offset, size) => offset * 0x11, (offset, size, value) => writes.Add((offset, size, value)), "ata0");
            Assert.Equal(0x77, platform.Ports.Read8(0x1F7));
            platform.Ports.Write8(0x1F6, 0xE0);
            platform.Ports.Write32(0x1F0, 0x12345678);
            Assert.Equal(new[] { (6UL, 1, 0xE0UL), (0UL, 4, 0x12345678UL) }, writes);
            Assert.Throws<ArgumentException>(() => platform.MapPorts(0x1F4, 8, null, null, "overlap"));
        }

        [Fact]
        public void StringTransfersMoveEachWordAndTraceOnce()
        {
            var platform = new FakePlatform();
            ushort next = 0x0100;
            var written = new List<ulong>();
            platform.MapPorts(0x1F0, 1, (o, s) => next++, (o, s, v) => written.Add(v), "data");
            var buffer = new byte[8];
            platform.Ports.ReadString16(0x1F0, buffer, 2, 3);
            Assert.Equal(new byte[] { 0, 0, 0x00, 0x01, 0x01, 0x01, 0x02, 0x01 }, buffer);
            platform.Ports.WriteString16(0x1F0, new byte[] { 0x34, 0x12, 0x78, 0x56 }, 0, 2);
            Assert.Equal(new ulong[] { 0x1234, 0x5678 }, written);
            Assert.Equal(2, platform.Trace.Count);
            Assert.Equal(5, platform.Counters.PortStringWords);
            Assert.Throws<ArgumentOutOfRangeException>(() => platform.Ports.ReadString16(0x1F0, buffer, 4, 3));
        }

        [Fact]
        public void PhysicalMemoryRoutesRamAndMmio()
        {
            var platform = new FakePlatform();
            var regs = new ulong[4];
            platform.MapMmio(0xFEB00000, 0x200, new DelegateRegisterHandler((o, s) => regs[o / 8], (o, s, v) => regs[o / 8] = v), "virtio-mmio");
            platform.Memory.Write64(0xFEB00008, 0x1122334455667788);
            Assert.Equal(0x1122334455667788UL, regs[1]);
            Assert.Equal(0x55667788u, platform.Memory.Read32(0xFEB00008)); // the handler returns 64 bits; the fake masks to the access size
            platform.Memory.Write32(0x100010, 0xCAFEBABE);
            Assert.Equal(0xBABE, platform.Memory.Read16(0x100010));
            Assert.Equal(0xFFu, platform.Memory.Read8(0x10)); // below RAM, nothing mapped
            Assert.Equal((2L, 1L), (platform.Counters.MmioReads, platform.Counters.MmioWrites));
            Assert.Throws<ArgumentException>(() => platform.Memory.Read32(0x100002));
            Assert.Throws<ArgumentException>(() => platform.Memory.Read(0xFEB00000, new byte[4], 0, 4));
            Assert.Throws<ArgumentException>(() => platform.MapMmio(0x100000, 0x1000, new DelegateRegisterHandler(null, null), "on RAM"));
        }

        [Fact]
        public void TraceAnswersWhetherSomethingHappenedAfterSomethingElse()
        {
            var platform = new FakePlatform();
            platform.MapPorts(0x1F0, 8, null, null, "ata0");
            platform.Ports.Write8(0x1F7, 0xEC);
            long mark = platform.Trace.Mark;
            platform.Ports.Read8(0x1F7);
            platform.Ports.Write8(0x1F6, 0xA0);
            List<FakeAccess> after = platform.Trace.Since(mark);
            Assert.Equal(2, after.Count);
            Assert.DoesNotContain(after, a => a.IsWrite && a.Address == 0x1F7);
            Assert.Contains(after, a => a.IsWrite && a.Address == 0x1F6 && a.Target == "ata0");
            Assert.Equal("#0 PortWrite 0x1f7/1 = 0xec (ata0)", platform.Trace.Accesses[0].ToString());
        }

        [Fact]
        public void LogKeepsLines()
        {
            var platform = new FakePlatform();
            var echoed = new List<string>();
            platform.Log.Echo = echoed.Add;
            ((EclipseOS.Hal.IPlatform)platform).Log.WriteLine("virtio 00:04.0: 2048 sectors");
            Assert.True(platform.Log.Contains("2048 sectors"));
            Assert.Equal(platform.Log.Lines, echoed);
        }

        [Fact]
        public void UnmappedRangesStopDecodingAndMissingDelegatesFloat()
        {
            var platform = new FakePlatform();
            RegisterRange range = platform.MapPorts(0x170, 8, null, null, "ata1");
            Assert.Equal(0xFF, platform.Ports.Read8(0x177)); // no read delegate: reads float
            Assert.Equal(0, platform.Counters.UnhandledAccesses);
            platform.Unmap(range);
            platform.Ports.Read8(0x177);
            Assert.Equal(1, platform.Counters.UnhandledAccesses);
            Assert.Throws<InvalidOperationException>(() => platform.Unmap(range));
        }

        [Fact]
        public void ConfigurationDataPortsNeedTheEnableBit()
        {
            var platform = new FakePlatform();
            platform.AddPciFunction(new EclipseOS.Hal.Pci.PciAddress(0, 1, 0), new EclipseOS.Platform.Fake.Pci.FakePciFunction(0x8086, 0x7000, 0x06, 0x01));
            platform.Ports.Write32(0xCF8, 0x00000800); // bus 0 device 1, enable bit clear
            Assert.Equal(0xFFFFFFFFu, platform.Ports.Read32(0xCFC));
            platform.Ports.Write32(0xCF8, 0x80000800);
            Assert.Equal(0x70008086u, platform.Ports.Read32(0xCFC));
            Assert.Equal(0x7000, platform.Ports.Read16(0xCFE));
            Assert.Equal(2, platform.Counters.ConfigReads); // the read with the enable bit clear never reached configuration space
        }
    }
}
