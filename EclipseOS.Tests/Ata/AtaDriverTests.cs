using System.Collections.Generic;
using System.Diagnostics;
using EclipseOS.Drivers.Ata;
using EclipseOS.Drivers.Ata.Devices;
using EclipseOS.Platform.Fake;
using EclipseOS.Platform.Qtest;
using EclipseOS.Storage;
using Xunit;

namespace EclipseOS.Tests.Ata
{
    /// <summary>The entry point: registration, log lines, failures, interrupt fallback, a machine without drives.</summary>
    public sealed class AtaDriverTests
    {
        private static AtaOptions FakeOptions(bool interrupts) => new AtaOptions
        {
            UseInterrupts = interrupts,
            CommandTimeoutMicroseconds = 100000,
            ResetTimeoutMicroseconds = 100000,
        };

        [Fact]
        public void Start_RegistersTheDiskAsHda_AndLogsIt()
        {
            var platform = new FakePlatform();
            new FakeAtaDisk(platform, 2000) { Lba48 = false };
            var manager = new BlockDeviceManager(platform.Log);
            AtaController controller = AtaDriver.Start(platform, manager, FakeOptions(false));
            IBlockDevice disk = Assert.Single(controller.Devices);
            Assert.Equal("hda", disk.Name);
            Assert.Same(disk, manager.Find("hda"));
            Assert.True(platform.Log.Contains("[ATA] hda: primary master \"FAKE ATA DISK\", LBA28, 2000 sectors, PIO, polling"), platform.Log.ToString());
        }

        [Fact]
        public void DeviceThatCannotBeUsed_IsLoggedAsAFailure_AndNotRegistered()
        {
            var platform = new FakePlatform();
            new FakeAtaDisk(platform, 2000) { Lba = false };
            var manager = new BlockDeviceManager(platform.Log);
            AtaController controller = AtaDriver.Start(platform, manager, FakeOptions(false));
            Assert.Empty(controller.Devices);
            Assert.Empty(manager.Devices);
            Assert.Equal("[ATA] Failed to initialize primary master drive: the device does not support LBA addressing (CHS only)", Assert.Single(controller.Failures));
            Assert.True(platform.Log.Contains("[ATA] Failed to initialize primary master drive"));
        }

        [Fact]
        public void InterruptsThatNeverArrive_FallBackToPolling()
        {
            // The fake disk never raises INTRQ: the CHECK POWER MODE proof times out (in fake time).
            var platform = new FakePlatform();
            var fake = new FakeAtaDisk(platform, 64);
            AtaController controller = AtaController.Probe(platform, FakeOptions(true));
            var disk = Assert.IsType<AtaDevice>(Assert.Single(controller.Devices));
            Assert.False(disk.Channel.InterruptMode);
            Assert.True(platform.Log.Contains("primary channel: interrupts do not work (no interrupt on IRQ 14"), platform.Log.ToString());
            // The message says what the platform knew of the line (here the fake's sources and latch).
            Assert.True(platform.Log.Contains("; IRQ 14: 0 fake source(s) asserting it, no raise latched)"), platform.Log.ToString());
            var buffer = new byte[512];
            disk.Read(5, 1, buffer, 0);
            Assert.Equal(fake.Sectors[5 * 512], buffer[0]);
        }

        [Fact]
        public void QemuWithoutIdeDrives_ProbeFindsNothing_Quickly()
        {
            using var platform = new QtestPlatform(AtaQemu.Options(new Dictionary<int, string>()));
            var watch = Stopwatch.StartNew();
            QtestCounterSnapshot before = platform.Counters.Snapshot();
            AtaController controller = AtaController.Probe(platform, AtaQemu.Driver());
            Assert.Empty(controller.Devices);
            Assert.Empty(controller.Failures);
            Assert.True(watch.ElapsedMilliseconds < 1000, "probe took " + watch.ElapsedMilliseconds + " ms");
            Assert.True((platform.Counters.Snapshot() - before).DeviceRegisterAccesses < 2000);
            Assert.Null(controller.DeviceAt(0));
        }
    }
}
