using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Threading;
using ExecScript = EclipseOS.Cli.Boot.ExecScript;
using EclipseOS.Cli.Cosmos;
using EclipseOS.Cli.Guest;
using EclipseOS.Cli.Run;
using EclipseOS.Cli.Setup;

namespace EclipseOS.Cli.Verbs
{
    /// <summary>
    /// <c>eclipse run [--disk IMG]… [--bus virtio|ide|both] [--machine pc|q35] [--virtio-modern]
    /// [--boot-option K=V]… [--exec "CMD; CMD"] [--kvm] [--gdb PORT] [--iso ISO] [--timeout S] [--boot-timeout S]</c>:
    /// boots the kernel ISO in QEMU with the disks. Interactive: COM1 (the kernel's log and its
    /// shell) on the terminal. With <c>--exec</c>: the commands are typed into the shell over COM1,
    /// everything COM1 shows is printed, and the exit code says whether the root was mounted and
    /// every command succeeded (the same contract as <c>eclipse boot --exec</c>).
    /// </summary>
    public sealed class RunVerb : ICliVerb
    {
        /// <summary>Longest wait for the first prompt (unless <c>--boot-timeout</c>) or for one command (unless <c>--timeout</c>) with <c>--exec</c>.</summary>
        public const int DefaultExecTimeoutSeconds = 300;

        /// <inheritdoc />
        public Command Build()
        {
            var disks = new Option<string[]>("--disk") { Description = "A disk image to attach (repeatable; raw, or qcow2 by extension)", AllowMultipleArgumentsPerToken = false };
            var bus = new Option<string>("--bus") { Description = "Where the disks go: virtio, ide (on q35: its AHCI), ahci, nvme or both", DefaultValueFactory = _ => "virtio" };
            bus.AcceptOnlyFromAmong("virtio", "ide", "ahci", "nvme", "both");
            var machine = new Option<string>("--machine") { Description = "QEMU board: pc (i440FX, PIIX IDE) or q35 (ICH9)", DefaultValueFactory = _ => "pc" };
            machine.AcceptOnlyFromAmong("pc", "q35");
            var modern = new Option<bool>("--virtio-modern") { Description = "Virtio disks as modern-only devices (disable-legacy=on) instead of transitional ones" };
            var bootOptions = new Option<string[]>("--boot-option") { Description = "A kernel boot option KEY=VALUE (repeatable), passed in fw_cfg: " + EclipseOS.Kernel.Core.Boot.BootOptionsText.Help, AllowMultipleArgumentsPerToken = false };
            var exec = new Option<string?>("--exec") { Description = "Run these shell commands (separated by ;) over COM1, print the output and exit: 0 when the root was mounted and all succeeded" };
            var kvm = new Option<bool>("--kvm") { Description = "Use KVM (needs /dev/kvm) instead of QEMU's emulator" };
            var gdb = new Option<int?>("--gdb") { Description = "Open a gdb stub on this TCP port and wait for `target remote :PORT` before the first instruction" };
            var iso = new Option<string?>("--iso") { Description = "Boot this ISO instead of building the kernel's (where the Cosmos kit is not installed)" };
            var serialLog = new Option<string?>("--serial-log") { Description = "Where the copy of the serial log goes (default out/run/serial.log)" };
            var timeout = new Option<int?>("--timeout") { Description = "Interactive: stop QEMU after this many seconds. With --exec: longest wait for each command (default " + DefaultExecTimeoutSeconds + ")" };
            var bootTimeout = new Option<int?>("--boot-timeout") { Description = "With --exec: longest wait for the shell's first prompt (default " + DefaultExecTimeoutSeconds + ")" };

            var command = new Command("run", "Boot the Eclipse OS ISO in QEMU with disks; its shell on the terminal (COM1), or run --exec commands through it");
            var injectError = new Option<string[]>("--inject-error") { Description = "Make QEMU fail reads or writes of these sectors of the first disk (blkdebug, reported to the kernel): read|write:SECTOR[:COUNT] or flush, repeatable", AllowMultipleArgumentsPerToken = false };
            foreach (Option option in new Option[] { disks, bus, machine, modern, bootOptions, exec, kvm, gdb, iso, serialLog, timeout, bootTimeout, injectError })
                command.Options.Add(option);
            command.SetAction(parseResult =>
            {
                var request = new RunRequest
                {
                    Disks = parseResult.GetValue(disks) ?? Array.Empty<string>(),
                    Bus = ParseBus(parseResult.GetValue(bus)!),
                    Machine = parseResult.GetValue(machine)!,
                    VirtioModernOnly = parseResult.GetValue(modern),
                    BootOptions = string.Join(" ", parseResult.GetValue(bootOptions) ?? Array.Empty<string>()),
                    InjectErrors = parseResult.GetValue(injectError) ?? Array.Empty<string>(),
                    Exec = parseResult.GetValue(exec),
                    Kvm = parseResult.GetValue(kvm),
                    GdbPort = parseResult.GetValue(gdb),
                    Iso = parseResult.GetValue(iso),
                    SerialLog = parseResult.GetValue(serialLog),
                    TimeoutSeconds = parseResult.GetValue(timeout),
                    BootTimeoutSeconds = parseResult.GetValue(bootTimeout),
                };
                return Run(request);
            });
            return command;
        }

        /// <summary>The <see cref="DiskBus"/> named on the command line.</summary>
        public static DiskBus ParseBus(string name) => name switch
        {
            "virtio" => DiskBus.Virtio,
            "ide" => DiskBus.Ide,
            "both" => DiskBus.Both,
            "ahci" => DiskBus.Ahci,
            "nvme" => DiskBus.Nvme,
            _ => throw new ArgumentException("--bus must be virtio, ide, ahci, nvme or both, was '" + name + "'"),
        };

        private static List<EclipseOS.Platform.Qtest.Options.InjectedError> ParseErrors(string[] texts)
        {
            var errors = new List<EclipseOS.Platform.Qtest.Options.InjectedError>();
            foreach (string text in texts)
                errors.Add(EclipseOS.Platform.Qtest.Options.InjectedError.Parse(text));
            return errors;
        }

        private sealed class RunRequest
        {
            public string[] Disks = Array.Empty<string>();
            public DiskBus Bus;
            public string Machine = "pc";
            public bool VirtioModernOnly;
            public string BootOptions = "";
            public string[] InjectErrors = Array.Empty<string>();
            public string? Exec;
            public bool Kvm;
            public int? GdbPort;
            public string? Iso;
            public string? SerialLog;
            public int? TimeoutSeconds;
            public int? BootTimeoutSeconds;
        }

        private static int Run(RunRequest request)
        {
            string root = RepositoryRoot.Find();
            List<EclipseOS.Platform.Qtest.Options.InjectedError> errors;
            try
            {
                QemuCommandLine.Check(request.Disks.Length, request.Bus, request.GdbPort, request.Machine);
                errors = ParseErrors(request.InjectErrors);
                if (errors.Count > 0 && (request.Disks.Length == 0 || request.Bus == DiskBus.Both))
                    throw new ArgumentException("--inject-error needs a --disk on one bus (virtio, ide, ahci or nvme)");
                CheckTimeouts(request);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine("run: " + e.Message);
                return 2;
            }
            var fullDisks = new List<string>();
            foreach (string disk in request.Disks)
            {
                string path = Path.GetFullPath(disk);
                if (!File.Exists(path))
                {
                    Console.Error.WriteLine("run: disk image " + path + " does not exist");
                    return 2;
                }
                fullDisks.Add(path);
            }
            if (request.Kvm && !File.Exists("/dev/kvm"))
            {
                Console.Error.WriteLine("run: --kvm needs /dev/kvm, which this machine does not have; run without --kvm to use QEMU's emulator");
                return 2;
            }

            string? iso = request.Iso != null ? Path.GetFullPath(request.Iso) : KernelIso.Build(root, Console.Out);
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

            string log = request.SerialLog != null ? Path.GetFullPath(request.SerialLog) : Path.Combine(root, "out", "run", "serial.log");
            Directory.CreateDirectory(Path.GetDirectoryName(log)!);
            bool window = request.Exec == null && (OperatingSystem.IsWindows() || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY")));
            var options = new VmOptions(iso, fullDisks, request.Bus, log)
            {
                Machine = request.Machine,
                VirtioModernOnly = request.VirtioModernOnly,
                BootOptions = request.BootOptions,
                InjectErrors = errors,
                Kvm = request.Kvm,
                GdbPort = request.GdbPort,
                Window = window,
            };
            return request.Exec != null
                ? RunCommands(options, ExecScript.Split(request.Exec), TimeSpan.FromSeconds(request.BootTimeoutSeconds ?? DefaultExecTimeoutSeconds),
                    TimeSpan.FromSeconds(request.TimeoutSeconds ?? DefaultExecTimeoutSeconds))
                : RunInteractive(root, options, request.TimeoutSeconds);
        }

        /// <summary>
        /// Refuses a limit that could never be met (zero or negative seconds) and a boot limit
        /// without <c>--exec</c>: an interactive run has no prompt to wait for, and silently
        /// ignoring the option would let a user believe the boot is bounded when it is not.
        /// </summary>
        private static void CheckTimeouts(RunRequest request)
        {
            if (request.TimeoutSeconds is int timeout && timeout <= 0)
                throw new ArgumentException("--timeout must be a positive number of seconds, was " + timeout);
            if (request.BootTimeoutSeconds is int boot && boot <= 0)
                throw new ArgumentException("--boot-timeout must be a positive number of seconds, was " + boot);
            if (request.BootTimeoutSeconds != null && request.Exec == null)
                throw new ArgumentException("--boot-timeout bounds the wait for the shell's first prompt, which only --exec waits for; interactively, --timeout S stops QEMU after S seconds");
        }

        private static int RunInteractive(string root, VmOptions options, int? timeoutSeconds)
        {
            List<string> arguments = QemuCommandLine.For(options);
            Console.WriteLine("Serial log: " + options.SerialLog + (options.Window ? "" : " (no display here: the VGA console is not shown)"));
            if (options.GdbPort is int port)
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

        /// <summary>
        /// Boots, waits up to <paramref name="bootTimeout"/> for the first prompt, then runs each
        /// command with up to <paramref name="commandTimeout"/>: separate limits, because a boot
        /// under TCG on a loaded machine takes a minute or more, while a command that should answer
        /// in seconds is better given seconds.
        /// </summary>
        private static int RunCommands(VmOptions options, IReadOnlyList<string> commands, TimeSpan bootTimeout, TimeSpan commandTimeout)
        {
            Console.WriteLine("Serial log: " + options.SerialLog);
            using GuestVm guest = GuestVm.Start(options, text => Console.Write(text));
            try
            {
                guest.WaitForPrompt(bootTimeout);
                bool ok = true;
                foreach (string command in commands)
                {
                    ok &= guest.Run(command, commandTimeout).Succeeded;
                    if (guest.Exited)
                        break;
                }
                // Stop QEMU (and the live echo) before the last words, so they follow the last prompt.
                guest.Dispose();
                Console.WriteLine();
                if (!guest.RootMounted)
                {
                    Console.WriteLine("run: the kernel started without a root filesystem (its log above says why)");
                    return 1;
                }
                return ok ? 0 : 1;
            }
            catch (GuestHangException e)
            {
                Console.WriteLine();
                Console.WriteLine("run: " + e.Message);
                return 1;
            }
        }
    }
}
