using System;
using System.Collections.Generic;
using EclipseOS.Drivers.Ahci;
using EclipseOS.Drivers.Ahci.Devices;
using EclipseOS.Kernel.Core.Logging;
using EclipseOS.Platform.Qtest;
using EclipseOS.Platform.Qtest.Options;
using EclipseOS.Storage;

namespace EclipseOS.Cli.Disks
{
    /// <summary>
    /// Attaches an image as a SATA disk on port 0 of an AHCI controller — q35's own ICH9 AHCI, or
    /// an added <c>-device ahci</c> on pc — and opens it with our AHCI driver.
    /// </summary>
    public static class AhciDiskOpener
    {
        /// <summary>
        /// Starts QEMU (<paramref name="machine"/>: pc or q35; null = q35, whose disks are AHCI)
        /// with <paramref name="imagePath"/>, failing where <paramref name="errors"/> say, and
        /// returns the driver's disk (<c>sda</c>). <paramref name="polling"/> keeps the driver off
        /// the interrupt line.
        /// </summary>
        public static OpenedDisk Open(string imagePath, string? machine, bool polling, IReadOnlyList<InjectedError>? errors = null)
        {
            string board = machine ?? "q35";
            QemuMachine qemuMachine = board switch
            {
                "pc" => QemuMachine.Pc,
                "q35" => QemuMachine.Q35,
                _ => throw new ArgumentException("--bus ahci runs on pc (an added AHCI controller) or q35 (its ICH9 AHCI), not '" + board + "'"),
            };
            var options = new QemuOptions { Machine = qemuMachine, MemoryMiB = 256, Qmp = true };
            options.AddDisk(imagePath, DiskBus.Ahci, errors: errors);
            var platform = new QtestPlatform(options);
            try
            {
                var log = new LogCapture();
                var manager = new BlockDeviceManager(log);
                List<AhciController> controllers = AhciDriver.Start(new LoggedPlatform(platform, log), manager, new AhciOptions { UseInterrupts = !polling });
                if (controllers.Count == 0 || controllers[0].Devices.Count == 0 || !(controllers[0].Devices[0] is AhciDisk disk))
                    throw new InvalidOperationException("the AHCI driver found no disk on QEMU " + board + log.AsReason());
                string description = disk.Name + ": " + controllers[0].Function.Address + " port " + disk.Port.Index + " \"" + disk.Identify.Model + "\" on QEMU " + board
                    + ", " + (disk.Identify.SupportsLba48 ? "LBA48, " : "LBA28, ") + disk.BlockCount + " sectors, " + disk.Completion;
                return new OpenedDisk(disk, description, platform);
            }
            catch
            {
                platform.Dispose();
                throw;
            }
        }
    }
}
