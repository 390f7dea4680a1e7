using System;
using System.Diagnostics;
using EclipseOS.Platform.Qtest;
using EclipseOS.Platform.Qtest.Options;
using EclipseOS.Platform.Qtest.Process;
using EclipseOS.Platform.Qtest.Protocol;
using Xunit;

namespace EclipseOS.Tests.Qtest
{
    /// <summary>QEMU dying, wedging and being disposed: clear errors, bounded waits, no survivors.</summary>
    public sealed class QemuLifecycleTests
    {
        [Fact]
        public void A_killed_QEMU_gives_a_clear_error_quickly()
        {
            using var platform = new QtestPlatform(QemuOptions.Pc(32));
            using (Process qemu = Process.GetProcessById(platform.QemuProcessId))
            {
                qemu.Kill();
                qemu.WaitForExit();
            }
            var clock = Stopwatch.StartNew();
            var e = Assert.Throws<QtestException>(() => platform.Ports.Read8(0x80));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), clock.Elapsed.ToString());
            Assert.Contains("pid " + platform.QemuProcessId, e.Message);
            Assert.Contains("exited", e.Message);
            // Every later exchange fails the same way at once.
            Assert.Throws<QtestException>(() => platform.Memory.Read8(0));
        }

        [Fact]
        public void A_stopped_QEMU_times_out_with_a_clear_error()
        {
            using var platform = new QtestPlatform(QemuOptions.Pc(32));
            // Short only now: start-up on a loaded machine may take longer than this per exchange.
            platform.Qtest.Timeout = TimeSpan.FromMilliseconds(500);
            Signal(platform.QemuProcessId, "STOP");
            var clock = Stopwatch.StartNew();
            var e = Assert.Throws<QtestException>(() => platform.Ports.Read32(0xCFC));
            Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(3));
            Assert.Contains("did not answer 'inl 0xcfc'", e.Message);
            Assert.Contains("wedged", e.Message);
        }

        [Fact]
        public void Dispose_kills_QEMU_and_unregisters_it()
        {
            var platform = new QtestPlatform(QemuOptions.Q35(32));
            int pid = platform.QemuProcessId;
            Assert.Contains(pid, QemuProcessRegistry.LiveProcessIds);
            platform.Dispose();
            Assert.DoesNotContain(pid, QemuProcessRegistry.LiveProcessIds);
            Assert.True(platform.QemuHasExited);
            Assert.False(IsAlive(pid), "QEMU pid " + pid + " survived Dispose");
            Assert.Throws<QtestException>(() => platform.Ports.Read8(0x80));
        }

        [Fact]
        public void A_bad_command_line_reports_QEMUs_complaint()
        {
            var options = QemuOptions.Pc(32).Add("-device", "no-such-device");
            var e = Assert.Throws<QtestException>(() => new QtestPlatform(options));
            Assert.Contains("no-such-device", e.Message);
        }

        [Fact]
        public void Invalid_options_are_refused_before_QEMU_starts()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new QtestPlatform(QemuOptions.Pc(4096)));
            Assert.Throws<ArgumentException>(() => QemuOptions.Microvm().AddDisk("/tmp/x.img", DiskBus.Ide).BuildArguments());
        }

        private static bool IsAlive(int pid)
        {
            try
            {
                using Process p = Process.GetProcessById(pid);
                return !p.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        private static void Signal(int pid, string signal)
        {
            using Process kill = Process.Start("kill", "-" + signal + " " + pid)!;
            kill.WaitForExit();
            Assert.Equal(0, kill.ExitCode);
        }
    }
}
