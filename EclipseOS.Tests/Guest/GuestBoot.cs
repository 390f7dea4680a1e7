using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EclipseOS.Cli.Guest;
using EclipseOS.Cli.Run;
using Xunit;

namespace EclipseOS.Tests.Guest
{
    /// <summary>
    /// One boot of the real kernel in QEMU (TCG) for a test: waits for the shell, keeps the boot
    /// log as lines, runs commands over COM1 and puts the whole COM1 transcript into every
    /// assertion message, so a failure shows what the guest said.
    /// </summary>
    public sealed class GuestBoot : IDisposable
    {
        /// <summary>Longest wait for the first prompt: TCG on a loaded 2-core machine is slow.</summary>
        public static readonly TimeSpan BootTimeout = TimeSpan.FromMinutes(3);

        /// <summary>Longest wait for one command (a whole-device verify included).</summary>
        public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

        private readonly GuestVm _vm;
        private readonly string _serialLog;

        private GuestBoot(GuestVm vm, string serialLog)
        {
            _vm = vm;
            _serialLog = serialLog;
            _vm.WaitForPrompt(BootTimeout);
            Log = _vm.BootLog.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        }

        /// <summary>The kernel's log up to the first prompt, one entry per line.</summary>
        public List<string> Log { get; }

        /// <summary>The machine, for what the boot does not cover (QMP, exit).</summary>
        public GuestVm Vm => _vm;

        /// <summary>Boots the test ISO with <paramref name="disks"/> on <paramref name="bus"/>; <paramref name="configure"/> adjusts the rest.</summary>
        public static GuestBoot Start(DiskBus bus, IReadOnlyList<string> disks, Func<VmOptions, VmOptions>? configure = null)
        {
            string iso = GuestKernel.Iso;
            string log = Path.Combine(Path.GetTempPath(), "eclipse-guest-" + Guid.NewGuid().ToString("N") + ".log");
            var options = new VmOptions(iso, disks, bus, log) { Window = false };
            if (configure != null)
                options = configure(options);
            GuestVm vm = GuestVm.Start(options);
            try
            {
                return new GuestBoot(vm, log);
            }
            catch
            {
                vm.Dispose();
                File.Delete(log);
                throw;
            }
        }

        /// <summary>Runs <paramref name="command"/> and asserts it succeeded (or failed, when <paramref name="expectSuccess"/> is false); returns its output lines.</summary>
        public string[] Run(string command, bool expectSuccess = true)
        {
            GuestCommand result = _vm.Run(command, CommandTimeout);
            Assert.True(result.Succeeded == expectSuccess, "'" + command + "' " + (result.Succeeded ? "succeeded" : "failed") + " in the guest:\n" + result.Transcript);
            return result.Output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
        }

        /// <summary>Asserts the boot log holds <paramref name="expected"/> in this order (other lines between).</summary>
        public void AssertLogInOrder(params string[] expected)
        {
            int at = 0;
            foreach (string line in expected)
            {
                int found = Log.IndexOf(line, at);
                Assert.True(found >= 0, "log line '" + line + "' missing after line " + at + " of the guest's boot log:\n" + string.Join("\n", Log));
                at = found + 1;
            }
        }

        /// <summary>Asserts some boot-log line starts with <paramref name="prefix"/> (and ends with <paramref name="endsWith"/>, when given) and returns it; a failure shows the whole boot log.</summary>
        public string AssertLogLine(string prefix, string? endsWith = null)
        {
            string? line = Log.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            Assert.True(line != null, "no boot-log line starts with '" + prefix + "':\n" + string.Join("\n", Log));
            // The whole log: a line that ends otherwise (a driver that fell back to polling, say) is explained by the lines before it.
            Assert.True(endsWith == null || line!.EndsWith(endsWith, StringComparison.Ordinal),
                "the boot-log line '" + line + "' does not end with '" + endsWith + "':\n" + string.Join("\n", Log));
            return line!;
        }

        /// <summary>Asserts the kernel's <c>[PCI]</c> lines list exactly the functions QEMU has (QMP query-pci), in order.</summary>
        public void AssertPciMatchesQemu()
        {
            List<string> qemu = _vm.QemuPciFunctions().Select(f => "[PCI] " + f).ToList();
            List<string> kernel = Log.Where(l => l.StartsWith("[PCI] ", StringComparison.Ordinal) && l.Contains(" class ", StringComparison.Ordinal))
                .Select(l => l.Substring(0, l.IndexOf(" irq ", StringComparison.Ordinal))).ToList();
            Assert.True(qemu.SequenceEqual(kernel), "QEMU has:\n" + string.Join("\n", qemu) + "\nthe kernel found:\n" + string.Join("\n", kernel));
            Assert.Contains("[PCI] " + qemu.Count + " functions", Log);
        }

        /// <summary>
        /// The lines about disks and partitions (hd*, vd*, sd*, nvme*, ram*: drivers, manager, filesystem),
        /// PCI addresses masked: what a hosted boot of the same disks prints too. CD lines are
        /// left out (the hosted machine has no CD-ROM), and so is ATA's "no drives" line.
        /// </summary>
        public static List<string> DeviceLines(IEnumerable<string> log)
        {
            string[] prefixes = { "hd", "vd", "sd", "nvme", "ram", "[ATA] hd", "[VirtIO] vd", "[AHCI] sd", "[NVMe] nvme", "[FS] hd", "[FS] vd", "[FS] sd", "[FS] nvme", "[FS] ram" };
            return log.Where(l => prefixes.Any(p => l.StartsWith(p, StringComparison.Ordinal)))
                .Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"\b[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]\b", "bb:dd.f"))
                .ToList();
        }

        /// <summary>Boots <paramref name="hosted"/> on the qtest platform (after the guest is gone: QEMU locks the images) and asserts it prints <paramref name="guest"/>'s device lines.</summary>
        public static void AssertSameDeviceLinesAsHosted(List<string> guest, EclipseOS.Cli.Boot.HostedKernelOptions hosted)
        {
            var log = new EclipseOS.Cli.Boot.TextWriterOutput(null, keep: true);
            List<string> lines;
            using (EclipseOS.Cli.Boot.HostedKernel.Start(hosted, log))
                lines = DeviceLines(log.Lines);
            Assert.True(lines.Count >= 3, "too few device lines in the hosted boot:\n" + string.Join("\n", log.Lines));
            Assert.True(lines.SequenceEqual(guest), "the hosted boot printed:\n" + string.Join("\n", lines) + "\nthe guest printed:\n" + string.Join("\n", guest));
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _vm.Dispose();
            File.Delete(_serialLog);
            File.Delete(EclipseOS.Cli.Run.QemuCommandLine.BlkdebugConfigPath(_serialLog));
        }
    }
}
