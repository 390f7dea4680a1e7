using System;
using System.CommandLine;
using System.IO;
using EclipseOS.Cli.Lspci;
using EclipseOS.Hal;
using EclipseOS.Platform.Qtest;
using EclipseOS.Platform.Qtest.Options;
using EclipseOS.Platform.Qtest.Protocol;

namespace EclipseOS.Cli.Verbs
{
    /// <summary>
    /// <c>eclipse lspci [--machine pc|q35|microvm] [--disk IMG]... [--bus virtio|virtio-modern|ide] [--plain]</c>:
    /// starts that QEMU machine under qtest, lets the platform's firmware assign BARs and route
    /// interrupts, and prints every PCI function (and, on microvm, the virtio-mmio windows).
    /// </summary>
    public sealed class LspciVerb : ICliVerb
    {
        /// <inheritdoc />
        public Command Build()
        {
            var machine = new Option<string>("--machine") { Description = "QEMU board", DefaultValueFactory = _ => "pc" };
            machine.AcceptOnlyFromAmong("pc", "q35", "microvm");
            var disks = new Option<string[]>("--disk") { Description = "Raw disk image to attach (repeatable)" };
            var bus = new Option<string>("--bus") { Description = "How --disk images are attached", DefaultValueFactory = _ => "virtio" };
            bus.AcceptOnlyFromAmong("virtio", "virtio-modern", "ide", "ahci", "nvme");
            var plain = new Option<bool>("--plain") { Description = "One line per function even on a terminal (the format used when output is redirected)" };
            var command = new Command("lspci", "List the PCI functions of a QEMU machine after the qtest platform's firmware set-up");
            command.Options.Add(machine);
            command.Options.Add(disks);
            command.Options.Add(bus);
            command.Options.Add(plain);
            command.SetAction(parseResult =>
            {
                bool table = !parseResult.GetValue(plain) && !Console.IsOutputRedirected;
                return Run(parseResult.GetValue(machine)!, parseResult.GetValue(disks) ?? Array.Empty<string>(), parseResult.GetValue(bus)!, table, Console.Out, Console.Error);
            });
            return command;
        }

        /// <summary>Runs lspci; returns the exit code. Plain lines go to <paramref name="output"/> unless <paramref name="table"/>.</summary>
        public static int Run(string machine, string[] disks, string bus, bool table, TextWriter output, TextWriter error)
        {
            var options = new QemuOptions
            {
                Machine = machine == "q35" ? QemuMachine.Q35 : machine == "microvm" ? QemuMachine.Microvm : QemuMachine.Pc,
                MemoryMiB = 64,
            };
            DiskBus diskBus = bus switch
            {
                "ide" => DiskBus.Ide,
                "ahci" => DiskBus.Ahci,
                "nvme" => DiskBus.Nvme,
                "virtio-modern" => DiskBus.VirtioModern,
                _ => DiskBus.Virtio,
            };
            foreach (string disk in disks)
            {
                if (!File.Exists(disk))
                {
                    error.WriteLine("lspci: disk image not found: " + disk);
                    return 2;
                }
                options.AddDisk(Path.GetFullPath(disk), diskBus);
            }
            try
            {
                using var platform = new QtestPlatform(options);
                if (table) LspciReport.WriteTable(platform.PciFunctions, "PCI functions of QEMU " + machine);
                else LspciReport.WritePlain(platform.PciFunctions, output);
                foreach (PlatformDevice device in platform.PlatformDevices)
                {
                    uint deviceId = platform.Memory.Read32(device.BaseAddress + 8);
                    output.WriteLine(device.Kind + " 0x" + device.BaseAddress.ToString("x") + "+0x" + device.Size.ToString("x") +
                        " irq=" + device.InterruptLine + " device-id=" + deviceId);
                }
                return 0;
            }
            catch (Exception e) when (e is QtestException || e is ArgumentException || e is InvalidOperationException)
            {
                error.WriteLine("lspci: " + e.Message);
                return 1;
            }
        }
    }
}
