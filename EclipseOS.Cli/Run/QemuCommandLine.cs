using System;
using System.Collections.Generic;
using System.IO;

namespace EclipseOS.Cli.Run
{
    /// <summary>The <c>qemu-system-x86_64</c> arguments that boot the kernel ISO with the given disks.</summary>
    public static class QemuCommandLine
    {
        /// <summary>The emulator <c>eclipse run</c> starts.</summary>
        public const string Program = "qemu-system-x86_64";

        // `-cdrom` is IDE index 2 (secondary master); disks take the other three places.
        private static readonly int[] IdeDiskIndexes = { 0, 1, 3 };

        /// <summary>
        /// Builds the arguments (each one list element, no shell quoting). Disks are raw images
        /// unless their name ends in .qcow2. On <see cref="DiskBus.Both"/> each disk is also
        /// attached to IDE as a throw-away snapshot with locking off, so QEMU lets the same file
        /// be opened twice and the two drivers never write the same file.
        /// </summary>
        public static List<string> For(VmOptions options)
        {
            Check(options.Disks.Count, options.Bus, options.GdbPort);
            bool virtio = options.Bus != DiskBus.Ide;
            bool ide = options.Bus != DiskBus.Virtio;

            var arguments = new List<string>
            {
                "-machine", "pc",
                "-accel", options.Kvm ? "kvm" : "tcg",
            };
            if (options.Kvm)
                arguments.AddRange(new[] { "-cpu", "host" });
            arguments.AddRange(new[]
            {
                "-m", options.MemoryMiB.ToString(),
                "-name", "Eclipse OS",
                "-cdrom", options.Iso,
                "-boot", "d",
                // COM1 to this terminal and, through the chardev's log, to a file.
                "-chardev", "stdio,id=serial0,signal=on,logfile=" + Escape(options.SerialLog),
                "-serial", "chardev:serial0",
            });
            if (!options.Window)
                arguments.AddRange(new[] { "-display", "none", "-monitor", "none" });

            for (int i = 0; i < options.Disks.Count; i++)
            {
                string drive = "file=" + Escape(options.Disks[i]) + ",format=" + Format(options.Disks[i]);
                if (virtio)
                    arguments.AddRange(new[] { "-drive", drive + ",if=virtio" });
                if (ide)
                {
                    string shared = options.Bus == DiskBus.Both ? ",snapshot=on,file.locking=off" : "";
                    arguments.AddRange(new[] { "-drive", drive + ",if=ide,index=" + IdeDiskIndexes[i] + ",media=disk" + shared });
                }
            }

            if (options.GdbPort is int gdb)
                arguments.AddRange(new[] { "-gdb", "tcp::" + gdb, "-S" });
            return arguments;
        }

        /// <summary>
        /// Throws an <see cref="ArgumentException"/> saying what is wrong when the disks do not fit
        /// the bus or the gdb port is not a port, before anything is built or started.
        /// </summary>
        public static void Check(int diskCount, DiskBus bus, int? gdbPort)
        {
            if (bus != DiskBus.Virtio && diskCount > IdeDiskIndexes.Length)
                throw new ArgumentException("IDE has room for " + IdeDiskIndexes.Length + " disks beside the CD-ROM; " + diskCount + " were given (use --bus virtio for more)");
            if (gdbPort is int port && (port < 1 || port > 65535))
                throw new ArgumentException("--gdb port must be 1-65535, was " + port);
        }

        /// <summary>QEMU option values separate keys with commas; a comma inside a value is written twice.</summary>
        public static string Escape(string value) => value.Replace(",", ",,");

        private static string Format(string image) =>
            Path.GetExtension(image).Equals(".qcow2", StringComparison.OrdinalIgnoreCase) ? "qcow2" : "raw";
    }
}
