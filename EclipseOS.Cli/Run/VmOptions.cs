using System.Collections.Generic;

namespace EclipseOS.Cli.Run
{
    /// <summary>What <c>eclipse run</c> (and the guest tests) boot: the ISO, the disks and how QEMU is set up.</summary>
    public sealed class VmOptions
    {
        /// <summary>Creates options; see the properties.</summary>
        public VmOptions(string iso, IReadOnlyList<string> disks, DiskBus bus, string serialLog)
        {
            Iso = iso;
            Disks = disks;
            Bus = bus;
            SerialLog = serialLog;
        }

        /// <summary>The bootable ISO (the CD-ROM, secondary IDE master).</summary>
        public string Iso { get; }

        /// <summary>Disk image files, in order.</summary>
        public IReadOnlyList<string> Disks { get; }

        /// <summary>Where the disks go.</summary>
        public DiskBus Bus { get; }

        /// <summary>The file that receives a copy of the serial port (COM1, the kernel's log).</summary>
        public string SerialLog { get; }

        /// <summary>QEMU's board: <c>pc</c> (i440FX, PIIX IDE) or <c>q35</c> (ICH9; its disks are AHCI, so IDE is refused there).</summary>
        public string Machine { get; init; } = "pc";

        /// <summary>Attach virtio disks as modern-only devices (<c>disable-legacy=on</c>: device ID 1042, BARs in memory space) instead of transitional ones.</summary>
        public bool VirtioModernOnly { get; init; }

        /// <summary>Kernel boot options (<c>ata.dma=off …</c>), handed over in fw_cfg as <c>opt/eclipse-os/boot</c>; empty for none.</summary>
        public string BootOptions { get; init; } = "";

        /// <summary>
        /// Errors QEMU's blkdebug injects into the first disk (its configuration is written next
        /// to <see cref="SerialLog"/> as <c>….blkdebug.conf</c>).
        /// </summary>
        public IReadOnlyList<EclipseOS.Platform.Qtest.Options.InjectedError> InjectErrors { get; init; } = System.Array.Empty<EclipseOS.Platform.Qtest.Options.InjectedError>();

        /// <summary>
        /// COM1 on this Unix socket (QEMU listens and waits for one connection before the CPU
        /// starts), for a program driving the shell; null: COM1 on this terminal.
        /// </summary>
        public string? SerialSocket { get; init; }

        /// <summary>QEMU's machine protocol (QMP) on this Unix socket, for a program asking QEMU what it has; null: none.</summary>
        public string? QmpSocket { get; init; }

        /// <summary>Use KVM instead of QEMU's emulator.</summary>
        public bool Kvm { get; init; }

        /// <summary>Open a gdb stub on this TCP port (localhost).</summary>
        public int? GdbPort { get; init; }

        /// <summary>With <see cref="GdbPort"/>: hold the CPU until gdb continues (<c>-S</c>).</summary>
        public bool WaitForGdb { get; init; } = true;

        /// <summary>Guest memory in MiB.</summary>
        public int MemoryMiB { get; init; } = 512;

        /// <summary>Show QEMU's window (the VGA console); without a display only the serial log is seen.</summary>
        public bool Window { get; init; } = true;
    }
}
