using System;
using EclipseOS.Hal.Dma;
using EclipseOS.Platform.Fake;
using EclipseOS.Platform.Fake.Memory;
using Xunit;

namespace EclipseOS.Tests.Fake
{
    public class FakeDmaTests
    {
        [Fact]
        public void AllocationsAreAlignedZeroedDisjointAndReusable()
        {
            var platform = new FakePlatform();
            IDmaBuffer ring = platform.Dma.Allocate(100, 4096);
            IDmaBuffer table = platform.Dma.Allocate(64, 16);
            Assert.Equal(0UL, ring.PhysicalAddress % 4096);
            Assert.Equal(0UL, table.PhysicalAddress % 16);
            Assert.True(table.PhysicalAddress >= ring.PhysicalAddress + 100 || table.PhysicalAddress + 64 <= ring.PhysicalAddress);
            ring.Write32(96, 0xDEADBEEF);
            Assert.Equal(0xDEADBEEFu, platform.DmaMemory.Read32(ring.PhysicalAddress + 96));
            Assert.Equal(0xDEADBEEFu, platform.Memory.Read32(ring.PhysicalAddress + 96));
            ring.Free();
            IDmaBuffer again = platform.Dma.Allocate(100, 4096);
            Assert.Equal(ring.PhysicalAddress, again.PhysicalAddress);
            Assert.Equal(0u, again.Read32(96));
            Assert.Equal(2, platform.Dma.LiveAllocations);
        }

        [Fact]
        public void BufferMisuseThrows()
        {
            var platform = new FakePlatform();
            IDmaBuffer buffer = platform.Dma.Allocate(16, 8);
            Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Read64(12));
            buffer.Free();
            Assert.Throws<InvalidOperationException>(() => buffer.Read8(0));
            Assert.Throws<InvalidOperationException>(() => buffer.Free());
            Assert.Throws<ArgumentOutOfRangeException>(() => platform.Dma.Allocate(16, 3));
            Assert.Throws<InvalidOperationException>(() => platform.Dma.Allocate(FakeDmaMemory.DefaultSize + 1, 8));
        }

        [Fact]
        public void ShareBounceCopiesSoTheDriverSeesStaleBytesUntilUnshare()
        {
            var platform = new FakePlatform();
            var sector = new byte[512];
            sector[0] = 1;
            ulong address = platform.Dma.Share(sector, 0, 512, DmaDirection.DeviceToDriver);
            Assert.Equal(FakeDma.Poison, platform.DmaMemory.Read8(address));
            platform.DmaMemory.Write8(address, 0x55);
            Assert.Equal(1, sector[0]); // not yet visible: the driver must unshare first
            platform.Dma.Unshare(address, sector, 0, 512, DmaDirection.DeviceToDriver);
            Assert.Equal(0x55, sector[0]);
            Assert.Equal(0, platform.Dma.OutstandingShares);
            Assert.Empty(platform.DmaMemory.Violations);
        }

        [Fact]
        public void DriverToDeviceShareCarriesDataAndRefusesDeviceWrites()
        {
            var platform = new FakePlatform();
            var data = new byte[] { 9, 8, 7, 6 };
            ulong address = platform.Dma.Share(data, 1, 3, DmaDirection.DriverToDevice);
            var seen = new byte[3];
            platform.DmaMemory.Read(address, seen, 0, 3);
            Assert.Equal(new byte[] { 8, 7, 6 }, seen);
            platform.DmaMemory.Write8(address, 0);
            Assert.Single(platform.DmaMemory.Violations);
            Assert.Contains("DriverToDevice", platform.DmaMemory.Violations[0]);
            Assert.Equal(8, platform.DmaMemory.Read8(address));
            platform.Dma.Unshare(address, data, 1, 3, DmaDirection.DriverToDevice);
            Assert.Equal(new byte[] { 9, 8, 7, 6 }, data);
        }

        [Fact]
        public void UnshareMustMatchShare()
        {
            var platform = new FakePlatform();
            var data = new byte[16];
            ulong address = platform.Dma.Share(data, 0, 16, DmaDirection.Both);
            Assert.Throws<InvalidOperationException>(() => platform.Dma.Unshare(address, data, 0, 8, DmaDirection.Both));
            Assert.Throws<InvalidOperationException>(() => platform.Dma.Unshare(address, new byte[16], 0, 16, DmaDirection.Both));
            Assert.Throws<InvalidOperationException>(() => platform.Dma.Unshare(address + 8, data, 0, 16, DmaDirection.Both));
            platform.Dma.Unshare(address, data, 0, 16, DmaDirection.Both);
            Assert.Throws<InvalidOperationException>(() => platform.Dma.Unshare(address, data, 0, 16, DmaDirection.Both));
        }

        [Fact]
        public void DeviceAccessOutsideLiveRegionsIsAViolation()
        {
            var platform = new FakePlatform();
            IDmaBuffer buffer = platform.Dma.Allocate(64, 64);
            ulong stale = buffer.PhysicalAddress;
            buffer.Free();
            Assert.Equal(0xFFFFFFFFu, platform.DmaMemory.Read32(stale));
            platform.DmaMemory.Write32(0x10, 1); // below RAM
            Assert.Equal(2, platform.DmaMemory.Violations.Count);
            Assert.Contains("outside every live", platform.DmaMemory.Violations[0]);
            Assert.Contains("outside RAM", platform.DmaMemory.Violations[1]);
        }

        [Fact]
        public void ReservedRegionsAreDeviceVisibleUntilReleased()
        {
            var platform = new FakePlatform(ramSize: 1 << 16);
            ulong address = platform.DmaMemory.Reserve(256, 256);
            platform.DmaMemory.Write32(address + 4, 42);
            Assert.Equal(42u, platform.Memory.Read32(address + 4));
            platform.DmaMemory.Release(address);
            platform.DmaMemory.Write32(address + 4, 1);
            Assert.Single(platform.DmaMemory.Violations);
            Assert.Throws<InvalidOperationException>(() => platform.DmaMemory.Release(address));
            platform.DmaMemory.CheckDeviceAccess = false;
            platform.DmaMemory.Write32(address + 4, 7); // unchecked: any RAM will do
            Assert.Equal(7u, platform.Memory.Read32(address + 4));
            Assert.Single(platform.DmaMemory.Violations);
        }
    }
}
