using System;
using System.Diagnostics;
using EclipseOS.Drivers.Ata;
using EclipseOS.Drivers.Ata.Devices;
using EclipseOS.Drivers.Ata.Registers;
using EclipseOS.Platform.Fake;
using EclipseOS.Storage;
using Xunit;

namespace EclipseOS.Tests.Ata
{
    /// <summary>Faults QEMU's IDE will not produce, on <see cref="FakeAtaDisk"/>: every one a clear error, fast.</summary>
    public sealed class AtaFaultTests
    {
        private const long Timeout = 200000; // 200 ms of fake time

        private static (FakePlatform platform, FakeAtaDisk disk, AtaDevice device) Setup(int sectors = 4096)
        {
            var platform = new FakePlatform();
            var disk = new FakeAtaDisk(platform, sectors);
            for (int i = 0; i < disk.Sectors.Length; i++) disk.Sectors[i] = (byte)(i * 7 + i / 512);
            var options = new AtaOptions { UseInterrupts = false, UseDma = false, CommandTimeoutMicroseconds = Timeout, ResetTimeoutMicroseconds = Timeout, FlushTimeoutMicroseconds = Timeout };
            AtaController controller = AtaController.Probe(platform, options);
            Assert.Empty(controller.Failures);
            var device = Assert.IsType<AtaDevice>(Assert.Single(controller.Devices));
            return (platform, disk, device);
        }

        [Fact]
        public void Probe_IdentifiesTheFakeDisk_AndSkipsTheFloatingSecondaryChannel()
        {
            var (platform, disk, device) = Setup(1000);
            Assert.Equal("FAKE ATA DISK", device.Identify.Model);
            Assert.Equal("FAKE0001", device.Identify.Serial);
            Assert.Equal("1.0", device.Identify.Firmware);
            Assert.Equal(1000UL, device.BlockCount);
            Assert.Equal(0, device.PositionIndex);
            Assert.True(device.Identify.SupportsLba48);
            // Nothing decodes 0x170-0x177: the secondary channel is recognised as floating in a handful of reads, no reset.
            Assert.DoesNotContain(platform.Trace.Accesses, a => a.Address == AtaRegisters.SecondaryControlPort && a.Kind == FakeAccessKind.PortWrite);
        }

        [Fact]
        public void Pio_ReadAndWrite_RoundTrip_WithNothingOnTopOfOneStatusReadPerSector()
        {
            var (platform, disk, device) = Setup();
            var data = new byte[20 * 512];
            new Random(5).NextBytes(data);
            device.Write(100, 20, data, 0);
            Assert.Equal(data, disk.Sectors.AsSpan(100 * 512, data.Length).ToArray());
            Assert.Equal(AtaCommands.FlushCacheExt, disk.LastCommand);

            long reads = platform.Counters.PortReads, writes = platform.Counters.PortWrites, words = platform.Counters.PortStringWords;
            var back = new byte[data.Length];
            device.Read(100, 20, back, 0);
            Assert.Equal(data, back);
            // Polling: one status read per sector (the DRQ wait) after the 400 ns (4 alternate-status
            // reads) a device has to raise BSY, + one status read before the command; 6 task-file writes (LBA28).
            Assert.Equal(20 * 256, platform.Counters.PortStringWords - words);
            Assert.Equal(20 * (1 + 4) + 1, platform.Counters.PortReads - reads);
            Assert.Equal(6, platform.Counters.PortWrites - writes);
        }

        [Fact]
        public void BsyNeverClears_TimesOut_NamingDeviceBlockAndBsy()
        {
            var (platform, disk, device) = Setup();
            disk.Fault = FakeAtaFault.BusyForever;
            var watch = Stopwatch.StartNew();
            var e = Assert.Throws<BlockDeviceException>(() => device.Read(42, 3, new byte[3 * 512], 0));
            Assert.Equal(42UL, e.Lba);
            Assert.Contains("READ SECTORS", e.Message);
            Assert.Contains("timed out after 200 ms waiting for BSY", e.Message);
            Assert.Contains("primary master", e.Message);
            Assert.True(watch.ElapsedMilliseconds < 5000, "fake time, not real time");
            Assert.True(platform.FakeClock!.Now >= Timeout);
        }

        [Fact]
        public void DrqNeverSet_TimesOut_WaitingForDrq()
        {
            var (_, disk, device) = Setup();
            disk.Fault = FakeAtaFault.NoDataRequest;
            var e = Assert.Throws<BlockDeviceException>(() => device.Write(7, 2, new byte[2 * 512], 0));
            Assert.Equal(7UL, e.Lba);
            Assert.Contains("WRITE SECTORS", e.Message);
            Assert.Contains("waiting for DRQ", e.Message);
        }

        [Theory]
        [InlineData(AtaRegisters.ErrorInterfaceCrc, "ICRC")]
        [InlineData(AtaRegisters.ErrorUncorrectable, "UNC: uncorrectable data error")]
        [InlineData(AtaRegisters.ErrorMediaChanged, "MC: media changed")]
        [InlineData(AtaRegisters.ErrorIdNotFound, "IDNF")]
        [InlineData(AtaRegisters.ErrorMediaChangeRequest, "MCR")]
        [InlineData(AtaRegisters.ErrorAborted, "ABRT: command aborted")]
        [InlineData(AtaRegisters.ErrorTrack0NotFound, "TK0NF")]
        [InlineData(AtaRegisters.ErrorAddressMarkNotFound, "AMNF")]
        public void ErrorBit_IsDecodedIntoTheMessage(byte bit, string expected)
        {
            var (_, disk, device) = Setup();
            disk.Fault = FakeAtaFault.Error;
            disk.FaultError = bit;
            var e = Assert.Throws<BlockDeviceException>(() => device.Read(300, 1, new byte[512], 0));
            Assert.Equal(300UL, e.Lba);
            Assert.Contains("error 0x" + bit.ToString("X2"), e.Message);
            Assert.Contains(expected, e.Message);
            Assert.Contains("ERR", e.Message);
            // A device error is a clean completion: the next command works without a reset.
            disk.Fault = FakeAtaFault.None;
            device.Read(300, 1, new byte[512], 0);
        }

        [Fact]
        public void DeviceFault_IsReported()
        {
            var (_, disk, device) = Setup();
            disk.Fault = FakeAtaFault.DeviceFault;
            var e = Assert.Throws<BlockDeviceException>(() => device.Write(9, 1, new byte[512], 0));
            Assert.Contains("device fault (DF)", e.Message);
            Assert.Equal(9UL, e.Lba);
        }

        [Fact]
        public void DeviceVanishingMidTransfer_IsReportedAtTheSectorWhereTheBusFloated()
        {
            var (_, disk, device) = Setup();
            disk.Fault = FakeAtaFault.Vanish;
            disk.VanishAfterSectors = 3;
            var watch = Stopwatch.StartNew();
            var e = Assert.Throws<BlockDeviceException>(() => device.Read(50, 8, new byte[8 * 512], 0));
            Assert.Equal(53UL, e.Lba);
            Assert.Contains("the bus floats (status 0xFF)", e.Message);
            Assert.Contains("channel reset failed", e.Message);
            Assert.True(watch.ElapsedMilliseconds < 5000);
            // And every later command fails at once with the same clear cause.
            var again = Assert.Throws<BlockDeviceException>(() => device.Read(0, 1, new byte[512], 0));
            Assert.Contains("the bus floats", again.Message);
        }

        [Fact]
        public void ReadPastTheEnd_IsRefusedBeforeTouchingTheDevice()
        {
            var (_, disk, device) = Setup(100);
            int commands = disk.Commands;
            var e = Assert.Throws<BlockDeviceException>(() => device.Read(99, 2, new byte[1024], 0));
            Assert.Contains("past the end", e.Message);
            Assert.Equal(commands, disk.Commands);
        }

        [Fact]
        public void NoDevicesAtAll_ProbesQuicklyAndFindsNothing()
        {
            var platform = new FakePlatform();
            AtaController controller = AtaController.Probe(platform, new AtaOptions { UseInterrupts = false });
            Assert.Empty(controller.Devices);
            Assert.Empty(controller.Failures);
            Assert.True(platform.Counters.PortReads < 100, "a floating bus is recognised in a few reads, not by timing out");
        }
    }
}
