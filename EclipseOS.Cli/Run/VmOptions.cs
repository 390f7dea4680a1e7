using System.Collections.Generic;

namespace EclipseOS.Cli.Run
{
    /// <summary>What <c>eclipse run</c> boots: the ISO, the disks and how QEMU is set up.</summary>
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

        /// <summary>Use KVM instead of QEMU's emulator.</summary>
        public bool Kvm { get; init; }

        /// <summary>Open a gdb stub on this TCP port and wait for the debugger before the first instruction.</summary>
        public int? GdbPort { get; init; }

        /// <summary>Guest memory in MiB.</summary>
        public int MemoryMiB { get; init; } = 512;

        /// <summary>Show QEMU's window (the VGA console); without a display only the serial log is seen.</summary>
        public bool Window { get; init; } = true;
    }
}
