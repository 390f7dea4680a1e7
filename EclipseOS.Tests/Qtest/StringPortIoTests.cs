using System;
using System.Text;
using EclipseOS.Hal;
using EclipseOS.Platform.Qtest;
using Xunit;

namespace EclipseOS.Tests.Qtest
{
    /// <summary>
    /// String port I/O (<c>rep insw/outsw</c>) against QEMU's PIIX IDE primary channel, register by
    /// register (ATA/ATAPI-6 §7: IDENTIFY DEVICE 0xEC, READ SECTORS 0x20, WRITE SECTORS 0x30).
    /// </summary>
    public sealed class StringPortIoTests : IClassFixture<PcFixture>
    {
        private const ushort Data = 0x1F0, SectorCount = 0x1F2, LbaLow = 0x1F3, LbaMid = 0x1F4, LbaHigh = 0x1F5, Drive = 0x1F6, Command = 0x1F7;
        private const byte Busy = 0x80, DataRequest = 0x08, Error = 0x01;
        private readonly PcFixture _fixture;
        private readonly QtestPlatform _platform;

        public StringPortIoTests(PcFixture fixture)
        {
            _fixture = fixture;
            _platform = fixture.Platform;
        }

        [Fact]
        public void Identify_is_one_burst_of_256_reads()
        {
            _platform.Ports.Write8(Drive, 0xA0);
            _platform.Ports.Write8(Command, 0xEC);
            WaitFor(DataRequest);
            var identify = new byte[512];
            QtestCounterSnapshot before = _platform.Counters.Snapshot();
            _platform.Ports.ReadString16(Data, identify, 0, 256);
            QtestCounterSnapshot delta = _platform.Counters.Snapshot() - before;
            Assert.Equal(256, delta.PortReads);
            Assert.Equal(1, delta.RoundTrips);
            // Model number: words 27-46, each word's bytes swapped (ATA string convention).
            var model = new StringBuilder();
            for (int i = 54; i < 94; i += 2) model.Append((char)identify[i + 1]).Append((char)identify[i]);
            Assert.StartsWith("QEMU HARDDISK", model.ToString());
            // Words 60-61: user-addressable LBA28 sectors.
            Assert.Equal(64u, BitConverter.ToUInt32(identify, 120));
        }

        [Fact]
        public void Sector_written_with_outsw_reads_back_with_insw()
        {
            var sector = new byte[512];
            new Random(7).NextBytes(sector);
            Issue(0x30, lba: 5);
            WaitFor(DataRequest);
            _platform.Ports.WriteString16(Data, sector, 0, 256);
            WaitFor(0);
            Issue(0x20, lba: 5);
            WaitFor(DataRequest);
            var back = new byte[514];
            _platform.Ports.ReadString16(Data, back, 2, 256);
            Assert.Equal(sector, back.AsSpan(2, 512).ToArray());

            Issue(0x20, lba: 0);
            WaitFor(DataRequest);
            _platform.Ports.ReadString16(Data, back, 0, 256);
            Assert.Equal(_fixture.Ide.Sector(0), back.AsSpan(0, 512).ToArray());
        }

        [Fact]
        public void String_transfers_outside_the_buffer_are_refused()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => _platform.Ports.ReadString16(Data, new byte[511], 0, 256));
            Assert.Throws<ArgumentOutOfRangeException>(() => _platform.Ports.WriteString16(Data, new byte[512], 2, 256));
        }

        private void Issue(byte command, uint lba)
        {
            _platform.Ports.Write8(Drive, (byte)(0xE0 | (lba >> 24)));
            _platform.Ports.Write8(SectorCount, 1);
            _platform.Ports.Write8(LbaLow, (byte)lba);
            _platform.Ports.Write8(LbaMid, (byte)(lba >> 8));
            _platform.Ports.Write8(LbaHigh, (byte)(lba >> 16));
            _platform.Ports.Write8(Command, command);
        }

        private void WaitFor(byte bits)
        {
            Deadline deadline = Deadline.After(_platform.Clock, 5_000_000);
            while (true)
            {
                byte status = _platform.Ports.Read8(Command);
                Assert.True((status & Error) == 0, "ATA error, status 0x" + status.ToString("x2"));
                if ((status & Busy) == 0 && (status & bits) == bits) return;
                Assert.False(deadline.Expired, "ATA status stuck at 0x" + status.ToString("x2"));
            }
        }
    }
}
