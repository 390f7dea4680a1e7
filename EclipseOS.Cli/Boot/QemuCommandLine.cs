using System;
using System.Collections.Generic;
using EclipseOS.Platform.Qtest.Options;

namespace EclipseOS.Cli.Boot
{
    /// <summary>Turns <see cref="HostedKernelOptions"/> into the QEMU machine and disk arguments.</summary>
    public static class QemuCommandLine
    {
        /// <summary>IDE positions on the two legacy channels.</summary>
        public const int IdePositions = 4;

        /// <summary>
        /// NVMe controllers sit at 00:10.0, 00:11.0 … here and in <c>eclipse run</c>, so a hosted
        /// boot and the booted kernel see the same slots and so the same INTx lines.
        /// </summary>
        public const int FirstNvmeSlot = 0x10;

        /// <summary>The QEMU options for <paramref name="options"/>; throws <see cref="ArgumentException"/> for a combination QEMU or the board cannot do.</summary>
        public static QemuOptions For(HostedKernelOptions options)
        {
            var qemu = new QemuOptions { Machine = options.Machine, MemoryMiB = options.MemoryMiB };
            bool ide = options.Bus == BootBus.Ide || options.Bus == BootBus.Both;
            if (options.Bus == BootBus.None && options.Disks.Count > 0)
                throw new ArgumentException("--bus none attaches no disks, but " + options.Disks.Count + " --disk option(s) were given");
            // On q35 the same -drive if=ide positions are ports of the ICH9 AHCI controller (the AHCI driver's).
            if (ide && options.Machine == QemuMachine.Microvm)
                throw new ArgumentException("microvm has no IDE or AHCI controller: use --bus virtio");
            if (ide && options.Disks.Count > IdePositions)
                throw new ArgumentException("at most " + IdePositions + " IDE disks (two channels, master and slave); " + options.Disks.Count + " given");
            if ((options.Bus == BootBus.Ahci || options.Bus == BootBus.Nvme) && options.Machine == QemuMachine.Microvm)
                throw new ArgumentException("microvm has no PCI bus for AHCI or NVMe: use --bus virtio");
            if (options.Bus == BootBus.Ahci && options.Disks.Count > QemuOptions.AhciPorts)
                throw new ArgumentException("at most " + QemuOptions.AhciPorts + " AHCI disks (the controller's ports); " + options.Disks.Count + " given");
            if (options.InjectErrors.Count > 0 && (options.Bus == BootBus.Both || options.Disks.Count == 0))
                throw new ArgumentException("--inject-error needs a disk on one bus (virtio, ide, ahci or nvme)");

            for (int i = 0; i < options.Disks.Count; i++)
            {
                string disk = options.Disks[i];
                List<InjectedError>? errors = i == 0 ? options.InjectErrors : null;
                switch (options.Bus)
                {
                    case BootBus.Virtio:
                        qemu.AddDisk(disk, DiskBus.Virtio, errors: errors);
                        break;
                    case BootBus.Ide:
                        qemu.AddDisk(disk, DiskBus.Ide, errors: errors);
                        break;
                    case BootBus.Ahci:
                        qemu.AddDisk(disk, DiskBus.Ahci, errors: errors);
                        break;
                    case BootBus.Nvme:
                        qemu.AddDisk(disk, DiskBus.Nvme, pciSlot: FirstNvmeSlot + i, errors: errors);
                        break;
                    case BootBus.Both:
                        // One image on two controllers: QEMU's image locking allows it only when
                        // neither side writes the file, so virtio is read-only and the IDE side
                        // writes into a temporary overlay (snapshot=on).
                        // AddDisk has already refused a path with a ',', which -drive cannot take.
                        qemu.AddDisk(disk, DiskBus.Virtio, readOnly: true);
                        qemu.Add("-drive", "file=" + disk + ",format=raw,if=ide,index=" + i + ",snapshot=on");
                        break;
                }
            }
            return qemu;
        }

        /// <summary>The <c>--machine</c> spelling of <paramref name="machine"/>.</summary>
        public static string MachineName(QemuMachine machine)
        {
            return machine == QemuMachine.Q35 ? "q35" : machine == QemuMachine.Microvm ? "microvm" : "pc";
        }
    }
}
