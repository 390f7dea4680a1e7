using System;
using EclipseOS.Hal.Dma;
using EclipseOS.Platform.Qtest;
using EclipseOS.Platform.Qtest.Protocol;
using Xunit;

namespace EclipseOS.Tests.Qtest
{
    /// <summary>Guest memory, DMA buffers and the pipelined protocol on the shared pc machine.</summary>
    public sealed class GuestMemoryTests : IClassFixture<PcFixture>
    {
        private readonly QtestPlatform _platform;

        public GuestMemoryTests(PcFixture fixture)
        {
            _platform = fixture.Platform;
        }

        [Fact]
        public void Single_accesses_of_every_width_round_trip()
        {
            IDmaBuffer buffer = _platform.Dma.Allocate(64, 8);
            try
            {
                ulong a = buffer.PhysicalAddress;
                _platform.Memory.Write8(a, 0xA5);
                _platform.Memory.Write16(a + 2, 0xBEEF);
                _platform.Memory.Write32(a + 4, 0xDEADC0DE);
                _platform.Memory.Write64(a + 8, 0x0123456789ABCDEF);
                Assert.Equal(0xA5, _platform.Memory.Read8(a));
                Assert.Equal(0xBEEF, _platform.Memory.Read16(a + 2));
                Assert.Equal(0xDEADC0DEu, _platform.Memory.Read32(a + 4));
                Assert.Equal(0x0123456789ABCDEFul, buffer.Read64(8));
                // Little-endian, as the guest sees it.
                Assert.Equal(0xEF, buffer.Read8(8));
                Assert.Equal(0xCDEF, buffer.Read16(8));
            }
            finally
            {
                buffer.Free();
            }
        }

        [Theory]
        [InlineData(1)]
        [InlineData(4093)]
        [InlineData(3 * 1024 * 1024 + 17)]
        public void Bulk_copies_round_trip(int size)
        {
            var data = new byte[size];
            new Random(size).NextBytes(data);
            IDmaBuffer buffer = _platform.Dma.Allocate(size + 8, 4096);
            try
            {
                QtestCounterSnapshot before = _platform.Counters.Snapshot();
                buffer.Write(3, data, 0, size);
                var back = new byte[size + 2];
                buffer.Read(3, back, 1, size);
                Assert.True(data.AsSpan().SequenceEqual(back.AsSpan(1, size)));
                QtestCounterSnapshot delta = _platform.Counters.Snapshot() - before;
                Assert.Equal(size, delta.BulkBytesWritten);
                Assert.Equal(size, delta.BulkBytesRead);
                Assert.Equal(0, delta.DeviceRegisterAccesses);
            }
            finally
            {
                buffer.Free();
            }
        }

        [Fact]
        public void Allocate_returns_zeroed_aligned_memory()
        {
            IDmaBuffer dirty = _platform.Dma.Allocate(8192, 4096);
            var ones = new byte[8192];
            Array.Fill(ones, (byte)0xFF);
            dirty.Write(0, ones, 0, ones.Length);
            dirty.Free();
            IDmaBuffer clean = _platform.Dma.Allocate(8192, 4096);
            try
            {
                Assert.Equal(0ul, clean.PhysicalAddress % 4096);
                var read = new byte[8192];
                clean.Read(0, read, 0, read.Length);
                Assert.All(read, b => Assert.Equal(0, b));
            }
            finally
            {
                clean.Free();
            }
        }

        [Fact]
        public void Share_bounce_copies_by_direction()
        {
            var toDevice = new byte[] { 1, 2, 3, 4, 5 };
            ulong a = _platform.Dma.Share(toDevice, 1, 3, DmaDirection.DriverToDevice);
            Assert.Equal(0x040302u, _platform.Memory.Read32(a) & 0xFFFFFF);
            _platform.Memory.Write8(a, 9);
            _platform.Dma.Unshare(a, toDevice, 1, 3, DmaDirection.DriverToDevice);
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, toDevice); // the device's bytes are not copied back

            var fromDevice = new byte[4];
            ulong b = _platform.Dma.Share(fromDevice, 0, 4, DmaDirection.DeviceToDriver);
            _platform.Memory.Write32(b, 0x11223344);
            _platform.Dma.Unshare(b, fromDevice, 0, 4, DmaDirection.DeviceToDriver);
            Assert.Equal(new byte[] { 0x44, 0x33, 0x22, 0x11 }, fromDevice);
            Assert.Throws<InvalidOperationException>(() => _platform.Dma.Unshare(b, fromDevice, 0, 4, DmaDirection.DeviceToDriver));
        }

        [Fact]
        public void Buffer_accesses_outside_the_buffer_are_refused()
        {
            IDmaBuffer buffer = _platform.Dma.Allocate(16, 16);
            Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Read32(14));
            buffer.Free();
            Assert.Throws<InvalidOperationException>(() => buffer.Read8(0));
            Assert.Throws<InvalidOperationException>(() => buffer.Free());
        }

        [Fact]
        public void A_refused_pipelined_command_is_reported_naming_it()
        {
            _platform.Qtest.Send("no_such_command 1");
            var e = Assert.Throws<QtestException>(() => _platform.Qtest.Drain());
            Assert.Contains("no_such_command 1", e.Message);
            // The connection stays usable after a refused command.
            Assert.Equal(0x8086, new EclipseOS.Hal.Pci.PciFunction(_platform.Pci, new EclipseOS.Hal.Pci.PciAddress(0, 0, 0)).VendorId);
        }

        [Fact]
        public void A_refused_write_is_reported_by_the_read_that_follows_it()
        {
            _platform.Qtest.Send("no_such_write 2");
            var e = Assert.Throws<QtestException>(() => _platform.Memory.Read32(0x100000));
            Assert.Contains("no_such_write 2", e.Message);
            Assert.Equal(0x8086, _platform.Pci.Read16(new EclipseOS.Hal.Pci.PciAddress(0, 0, 0), 0));
        }

        [Fact]
        public void Writes_are_pipelined_and_reads_wait()
        {
            IDmaBuffer buffer = _platform.Dma.Allocate(4096, 8);
            try
            {
                QtestCounterSnapshot before = _platform.Counters.Snapshot();
                for (int i = 0; i < 500; i++) buffer.Write64(8 * i, (ulong)i);
                Assert.Equal(499ul, buffer.Read64(8 * 499));
                QtestCounterSnapshot delta = _platform.Counters.Snapshot() - before;
                Assert.Equal(500, delta.RamWrites);
                Assert.Equal(1, delta.RamReads);
                Assert.True(delta.RoundTrips == 1, delta.ToString()); // the read travels behind the writes
            }
            finally
            {
                buffer.Free();
            }
        }
    }
}
