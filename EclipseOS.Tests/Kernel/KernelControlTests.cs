using EclipseOS.Platform.Qtest.Devices;
using EclipseOS.Cli.Boot;
using EclipseOS.Kernel.Core;
using EclipseOS.Kernel.Core.Control;
using EclipseOS.Kernel.Core.Logging;
using EclipseOS.Kernel.Core.Shell;
using EclipseOS.Storage;
using Xunit;

namespace EclipseOS.Tests.Kernel
{
    /// <summary>reboot and halt go through the platform-control interface, and say so when the platform cannot.</summary>
    public sealed class KernelControlTests
    {
        [Fact]
        public void RebootAndHalt_AskThePlatform_AndEndTheShellLoop()
        {
            var log = new KernelLog(null);
            var control = new HostPlatformControl();
            var kernel = new KernelContext(log, control, new BlockDeviceManager(log), new StopwatchClock(null));
            var output = new TextWriterOutput(null, keep: true);

            var shell = new Shell(kernel, output);
            Assert.True(shell.Execute("reboot"));
            Assert.True(shell.ExitRequested);
            Assert.True(control.RebootRequested);
            Assert.False(control.HaltRequested);

            shell = new Shell(kernel, output);
            Assert.True(shell.Execute("halt"));
            Assert.True(control.HaltRequested);
            Assert.Equal(new[] { "[KERNEL] Rebooting...", "[KERNEL] System halted" }, log.Lines());
        }

        [Fact]
        public void APlatformThatCannot_GetsAOneLineError()
        {
            var log = new KernelLog(null);
            var kernel = new KernelContext(log, new Powerless(), new BlockDeviceManager(log), new StopwatchClock(null));
            var output = new TextWriterOutput(null, keep: true);
            var shell = new Shell(kernel, output);
            Assert.False(shell.Execute("reboot"));
            Assert.False(shell.Execute("halt now"));
            Assert.False(shell.ExitRequested);
            Assert.Equal(new[] { "reboot: this platform cannot reboot", "halt: usage: halt" }, output.Lines);
        }

        [Fact]
        public void WithoutARoot_FileCommandsSaySoAndDeviceCommandsWork()
        {
            var log = new KernelLog(null);
            var devices = new BlockDeviceManager(log);
            devices.Register(new RamDisk(512, 8), DeviceClass.RamDisk);
            var kernel = new KernelContext(log, new HostPlatformControl(), devices, new StopwatchClock(null)) { RootError = "test: nothing to mount" };
            var output = new TextWriterOutput(null, keep: true);
            var shell = new Shell(kernel, output);
            Assert.False(shell.Execute("cat /etc/motd"));
            Assert.False(shell.Execute("cd /"));
            Assert.True(shell.Execute("mount"));
            Assert.True(shell.Execute("hexdump ram0 7"));
            Assert.Equal("cat: no root filesystem is mounted (dmesg says why)", output.Lines[0]);
            Assert.Equal("cd: no root filesystem is mounted (dmesg says why)", output.Lines[1]);
            Assert.Equal("(no filesystems mounted: test: nothing to mount)", output.Lines[2]);
            Assert.StartsWith("00000e00  00 00", output.Lines[3]);
        }

        private sealed class Powerless : IPlatformControl
        {
            public bool CanReboot => false;

            public bool CanHalt => false;

            public void Reboot() => Assert.Fail("Reboot called although CanReboot is false");

            public void Halt() => Assert.Fail("Halt called although CanHalt is false");
        }
    }
}
