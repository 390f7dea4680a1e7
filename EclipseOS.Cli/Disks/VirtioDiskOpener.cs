using System;
using System.Collections.Generic;
using EclipseOS.Drivers.VirtIO;
using EclipseOS.Drivers.VirtIO.Block;
using EclipseOS.Kernel.Core.Logging;
using EclipseOS.Platform.Qtest;
using EclipseOS.Platform.Qtest.Options;

namespace EclipseOS.Cli.Disks
{
    /// <summary>
    /// Attaches an image as a virtio-blk disk of a QEMU machine and opens it with our VirtIO driver.
    /// Transports: <c>legacy</c> (legacy-only PCI device, or mmio v1 on microvm), <c>modern</c>
    /// (modern-only PCI device, or mmio v2), <c>mmio</c> (microvm, v2); none = a transitional PCI
    /// device driven through its modern interface.
    /// </summary>
    public static class VirtioDiskOpener
    {
        /// <summary>Transport names accepted by <see cref="Open"/>.</summary>
        public static readonly string[] Transports = { "legacy", "modern", "mmio" };

        /// <summary>
        /// Starts QEMU (<paramref name="machine"/>: pc, q35, microvm; null = pc, or microvm for
        /// mmio) with <paramref name="imagePath"/> (failing where <paramref name="errors"/> say) and
        /// returns the driver's device. Throws
        /// <see cref="ArgumentException"/> for a combination QEMU cannot build.
        /// </summary>
        public static OpenedDisk Open(string imagePath, string? machine, string? transport, bool readOnly, IReadOnlyList<InjectedError>? errors = null)
        {
            if (transport != null && Array.IndexOf(Transports, transport) < 0)
                throw new ArgumentException("unknown virtio transport '" + transport + "' (legacy, modern or mmio)");
            string board = machine ?? (transport == "mmio" ? "microvm" : "pc");
            QemuMachine qemuMachine = board switch
            {
                "pc" => QemuMachine.Pc,
                "q35" => QemuMachine.Q35,
                "microvm" => QemuMachine.Microvm,
                _ => throw new ArgumentException("unknown machine '" + board + "' (pc, q35 or microvm)"),
            };
            if (transport == "mmio" && qemuMachine != QemuMachine.Microvm)
                throw new ArgumentException("--transport mmio needs --machine microvm (pc and q35 have virtio on PCI)");

            var options = new QemuOptions { Machine = qemuMachine, MemoryMiB = 256, Qmp = true };
            if (qemuMachine == QemuMachine.Microvm)
                options.AddDisk(imagePath, transport == "legacy" || transport == null ? DiskBus.Virtio : DiskBus.VirtioModern, readOnly, errors: errors);
            else if (transport == "legacy")
                options.AddDisk(imagePath, DiskBus.Virtio, readOnly, pciSlot: 4, deviceProperties: "disable-modern=on", errors: errors);
            else if (transport == "modern")
                options.AddDisk(imagePath, DiskBus.VirtioModern, readOnly, pciSlot: 4, errors: errors);
            else
                options.AddDisk(imagePath, DiskBus.Virtio, readOnly, pciSlot: 4, errors: errors);

            var platform = new QtestPlatform(options);
            try
            {
                var log = new LogCapture();
                List<VirtioBlockDevice> devices = VirtioBlockDriver.FindDevices(new LoggedPlatform(platform, log), new VirtioBlockOptions());
                if (devices.Count == 0)
                    throw new InvalidOperationException("the VirtIO driver found no usable disk on QEMU " + board + log.AsReason());
                VirtioBlockDevice device = devices[0];
                device.Name = "vda";
                string description = "vda: virtio " + device.Transport.Location + " " + device.Transport.Kind + " on QEMU " + board
                    + ", " + device.BlockCount + " blocks of " + device.BlockSize + " bytes"
                    + (device.Serial.Length > 0 ? ", serial \"" + device.Serial + "\"" : "") + (device.IsReadOnly ? ", read-only" : "");
                return new OpenedDisk(device, description, platform);
            }
            catch
            {
                platform.Dispose();
                throw;
            }
        }
    }
}
