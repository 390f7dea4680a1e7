using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Threading;
using EclipseOS.Cli.Cosmos;
using EclipseOS.Cli.Run;
using EclipseOS.Cli.Setup;

namespace EclipseOS.Cli.Verbs
{
    /// <summary>
    /// <c>eclipse run [--disk IMG]… [--bus virtio|ide|both] [--kvm] [--gdb PORT] [--iso ISO] [--timeout S]</c>:
    /// boots the kernel ISO in QEMU with the disks, COM1 (the kernel log) on the terminal and in
    /// out/run/serial.log.
    /// </summary>
    public sealed class RunVerb : ICliVerb
    {
        /// <inheritdoc />
        public Command Build()
        {
            var disks = new Option<string[]>("--disk") { Description = "A disk image to attach (repeatable; raw, or qcow2 by extension)", AllowMultipleArgumentsPerToken = false };
            var bus = new Option<string>("--bus") { Description = "Where the disks go: virtio, ide or both", DefaultValueFactory = _ => "virtio" };
            bus.AcceptOnlyFromAmong("virtio", "ide", "both");
            var kvm = new Option<bool>("--kvm") { Description = "Use KVM (needs /dev/kvm) instead of QEMU's emulator" };
            var gdb = new Option<int?>("--gdb") { Description = "Open a gdb stub on this TCP port and wait for `target remote :PORT` before the first instruction" };
            var iso = new Option<string?>("--iso") { Description = "Boot this ISO instead of building the kernel's (where the Cosmos kit is not installed)" };
            var serialLog = new Option<string?>("--serial-log") { Description = "Where the copy of the serial log goes (default out/run/serial.log)" };
            var timeout = new Option<int?>("--timeout") { Description = "Stop QEMU after this many seconds (default: run until the machine is shut down or Ctrl-C)" };

            var command = new Command("run", "Boot the Eclipse OS ISO in QEMU with disks; serial log to the terminal and to out/run/serial.log");
            command.Options.Add(disks);
            command.Options.Add(bus);
            command.Options.Add(kvm);
            command.Options.Add(gdb);
            command.Options.Add(iso);
            command.Options.Add(serialLog);
            command.Options.Add(timeout);
            command.SetAction(parseResult => Run(
                parseResult.GetValue(disks) ?? Array.Empty<string>(),
                ParseBus(parseResult.GetValue(bus)!),
                parseResult.GetValue(kvm),
                parseResult.GetValue(gdb),
                parseResult.GetValue(iso),
                parseResult.GetValue(serialLog),
                parseResult.GetValue(timeout)));
            return command;
        }

        /// <summary>The <see cref="DiskBus"/> named on the command line.</summary>
        public static DiskBus ParseBus(string name) => name switch
        {
            "virtio" => DiskBus.Virtio,
            "ide" => DiskBus.Ide,
            "both" => DiskBus.Both,
            _ => throw new ArgumentException("--bus must be virtio, ide or both, was '" + name + "'"),
        };

        private static int Run(string[] disks, DiskBus bus, bool kvm, int? gdbPort, string? givenIso, string? serialLog, int? timeoutSeconds)
        {
            string root = RepositoryRoot.Find();
            try
            {
                QemuCommandLine.Check(disks.Length, bus, gdbPort);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine("run: " + e.Message);
                return 2;
            }
            var fullDisks = new List<string>();
            foreach (string disk in disks)
            {
                string path = Path.GetFullPath(disk);
                if (!File.Exists(path))
                {
                    Console.Error.WriteLine("run: disk image " + path + " does not exist");
                    return 2;
                }
                fullDisks.Add(path);
            }
            if (kvm && !File.Exists("/dev/kvm"))
            {
                Console.Error.WriteLine("run: --kvm needs /dev/kvm, which this machine does not have; run without --kvm to use QEMU's emulator");
                return 2;
            }

            string? iso = givenIso != null ? Path.GetFullPath(givenIso) : KernelIso.Build(root, Console.Out);
            if (iso == null)
            {
                Console.WriteLine("run: no ISO to boot (pass --iso FILE to boot one built elsewhere).");
                return 2;
            }
            if (!File.Exists(iso))
            {
                Console.Error.WriteLine("run: ISO " + iso + " does not exist");
                return 2;
            }
            if (!Prerequisites.Ensure(new[] { ExternalTool.Qemu }, Console.Out))
                return 2;

            string log = serialLog != null ? Path.GetFullPath(serialLog) : Path.Combine(root, "out", "run", "serial.log");
            Directory.CreateDirectory(Path.GetDirectoryName(log)!);
            bool window = OperatingSystem.IsWindows() || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));
            var options = new VmOptions(iso, fullDisks, bus, log) { Kvm = kvm, GdbPort = gdbPort, Window = window };
            List<string> arguments = QemuCommandLine.For(options);

            Console.WriteLine("Serial log: " + options.SerialLog + (window ? "" : " (no display here: the VGA console is not shown)"));
            if (gdbPort is int port)
                Console.WriteLine("Waiting for gdb: target remote localhost:" + port);
            Console.WriteLine("$ " + QemuCommandLine.Program + " " + string.Join(" ", arguments));
            // QEMU owns the terminal until the machine shuts down, Ctrl-C ends it, or --timeout.
            TimeSpan limit = timeoutSeconds is int seconds ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan;
            try
            {
                return ChildProcess.Run(QemuCommandLine.Program, arguments, root, limit);
            }
            catch (TimeoutException)
            {
                Console.WriteLine("run: stopped QEMU after " + timeoutSeconds + " s (--timeout)");
                return 0;
            }
        }
    }
}
