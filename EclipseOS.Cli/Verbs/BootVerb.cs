using System;
using System.CommandLine;
using System.IO;
using EclipseOS.Cli.Boot;
using EclipseOS.Cli.Setup;
using EclipseOS.Platform.Qtest.Options;
using EclipseOS.Platform.Qtest.Protocol;

namespace EclipseOS.Cli.Verbs
{
    /// <summary>
    /// <c>eclipse boot [--disk IMG]… [--bus virtio|ide|both|none] [--machine pc|q35] [--exec "CMD; CMD"]</c>:
    /// runs the kernel core on QEMU's real devices (qtest), then its shell — interactive, or the
    /// <c>--exec</c> commands and exit. Without <c>--disk</c> it boots the sample disk built from <c>rootfs/</c>.
    /// </summary>
    public sealed class BootVerb : ICliVerb
    {
        /// <inheritdoc />
        public Command Build()
        {
            var disks = new Option<string[]>("--disk")
            {
                Description = "Disk image to attach (repeatable). Default: the sample root disk built from rootfs/ (out/disks/sample.img)",
                AllowMultipleArgumentsPerToken = false,
            };
            var bus = new Option<string>("--bus")
            {
                Description = "Where the disks go: virtio, ide (at most 4; on q35 its AHCI), ahci (at most 6), nvme (a controller each), both (each disk on virtio and IDE), none (no disks: simulated disk)",
                DefaultValueFactory = _ => "virtio",
            };
            bus.AcceptOnlyFromAmong("virtio", "ide", "ahci", "nvme", "both", "none");
            var injectError = new Option<string[]>("--inject-error")
            {
                Description = "Make QEMU fail reads or writes of these sectors of the first disk (its blkdebug driver, reported to the kernel): read|write:SECTOR[:COUNT], repeatable",
                AllowMultipleArgumentsPerToken = false,
            };
            var machine = new Option<string>("--machine")
            {
                Description = "QEMU board: pc (i440FX, legacy IDE) or q35 (ICH9: --bus ide puts the disks on its AHCI controller)",
                DefaultValueFactory = _ => "pc",
            };
            machine.AcceptOnlyFromAmong("pc", "q35");
            var exec = new Option<string?>("--exec")
            {
                Description = "Run these shell commands (separated by ';') after boot, then exit; non-zero exit when boot or a command failed",
            };
            var command = new Command("boot", "Boot the Eclipse OS kernel core on QEMU's real devices (qtest) and run its shell");
            command.Options.Add(disks);
            command.Options.Add(bus);
            command.Options.Add(machine);
            command.Options.Add(exec);
            command.Options.Add(injectError);
            command.SetAction(parseResult => Run(
                parseResult.GetValue(disks) ?? Array.Empty<string>(),
                parseResult.GetValue(bus)!,
                parseResult.GetValue(machine)!,
                parseResult.GetValue(exec),
                parseResult.GetValue(injectError) ?? Array.Empty<string>()));
            return command;
        }

        private static int Run(string[] disks, string bus, string machine, string? exec, string[] injectErrors)
        {
            var options = new HostedKernelOptions
            {
                Bus = ParseBus(bus),
                Machine = machine == "q35" ? QemuMachine.Q35 : QemuMachine.Pc,
            };
            try
            {
                foreach (string text in injectErrors)
                    options.InjectErrors.Add(InjectedError.Parse(text));
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine("eclipse boot: " + e.Message);
                return 2;
            }
            options.Boot.SimulatedDiskTime = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            foreach (string disk in disks)
            {
                if (!File.Exists(disk))
                {
                    Console.Error.WriteLine("eclipse boot: disk image " + disk + " does not exist");
                    return 2;
                }
                options.Disks.Add(Path.GetFullPath(disk));
            }

            if (options.Disks.Count == 0 && options.Bus != BootBus.None)
            {
                string root = RepositoryRoot.Find();
                string image = SampleRootDisk.Ensure(root, out bool rebuilt);
                Console.WriteLine((rebuilt ? "Built the sample root disk " : "Sample root disk ") + Path.GetRelativePath(root, image)
                    + (rebuilt ? " from rootfs/ (GPT, EclipseFS at 513 MiB)" : " is up to date with rootfs/"));
                options.Disks.Add(image);
            }

            var output = new TextWriterOutput(Console.Out, keep: false);
            Func<HostedKernel> boot;
            if (Prerequisites.Ensure(new[] { ExternalTool.Qemu }, Console.Out))
            {
                boot = () => HostedKernel.Start(options, output);
            }
            else
            {
                Console.WriteLine("QEMU is not installed and cannot be installed from here: booting on the kernel's simulated disk, with no real devices.");
                boot = () => HostedKernel.StartWithoutHardware(options.Boot, output);
            }

            var session = new BootSession(boot, output);
            try
            {
                return exec != null
                    ? session.RunCommands(ExecScript.Split(exec))
                    : session.RunInteractive(Console.In, Console.Out, Console.IsInputRedirected);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine("eclipse boot: " + e.Message);
                return 2;
            }
            catch (QtestException e)
            {
                Console.Error.WriteLine("eclipse boot: QEMU failed: " + e.Message);
                return 1;
            }
        }

        private static BootBus ParseBus(string bus)
        {
            switch (bus)
            {
                case "ide": return BootBus.Ide;
                case "both": return BootBus.Both;
                case "ahci": return BootBus.Ahci;
                case "nvme": return BootBus.Nvme;
                case "none": return BootBus.None;
                default: return BootBus.Virtio;
            }
        }
    }
}
