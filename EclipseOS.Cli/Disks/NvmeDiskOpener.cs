using System;
using System.Collections.Generic;
using EclipseOS.Drivers.Nvme;
using EclipseOS.Drivers.Nvme.Devices;
using EclipseOS.Kernel.Core.Logging;
using EclipseOS.Platform.Qtest;
using EclipseOS.Platform.Qtest.Options;
using EclipseOS.Storage;

namespace EclipseOS.Cli.Disks
{
    /// <summary>Attaches an image as namespace 1 of a QEMU NVMe controller and opens it with our NVMe driver.</summary>
    public static class NvmeDiskOpener
    {
        /// <summary>
        /// Starts QEMU (<paramref name="machine"/>: pc or q35; null = pc) with <paramref name="imagePath"/>
        /// on <c>-device nvme</c>, failing where <paramref name="errors"/> say, and returns the
        /// driver's namespace (<c>nvme0n1</c>). <paramref name="polling"/> keeps the driver off
        /// interrupts; otherwise it takes MSI-X.
        /// </summary>
        public static OpenedDisk Open(string imagePath, string? machine, bool polling, IReadOnlyList<InjectedError>? errors = null)
        {
            string board = machine ?? "pc";
            QemuMachine qemuMachine = board switch
            {
                "pc" => QemuMachine.Pc,
                "q35" => QemuMachine.Q35,
                _ => throw new ArgumentException("--bus nvme runs on pc or q35, not '" + board + "'"),
            };
            var options = new QemuOptions { Machine = qemuMachine, MemoryMiB = 256, Qmp = true };
            options.AddDisk(imagePath, DiskBus.Nvme, errors: errors);
            var platform = new QtestPlatform(options);
            try
            {
                var log = new LogCapture();
                var manager = new BlockDeviceManager(log);
                List<NvmeController> controllers = NvmeDriver.Start(new LoggedPlatform(platform, log), manager, new NvmeOptions { UseInterrupts = !polling });
                if (controllers.Count == 0 || controllers[0].Namespaces.Count == 0)
                    throw new InvalidOperationException("the NVMe driver found no namespace on QEMU " + board + log.AsReason());
                NvmeController controller = controllers[0];
                NvmeNamespace ns = controller.Namespaces[0];
                string description = ns.Name + ": " + controller.Function.Address + " \"" + controller.Identify.Model + "\" nsid " + ns.NamespaceId + " on QEMU " + board
                    + ", " + ns.BlockCount + " blocks of " + ns.BlockSize + " bytes, " + controller.Completion;
                return new OpenedDisk(ns, description, platform);
            }
            catch
            {
                platform.Dispose();
                throw;
            }
        }
    }
}
