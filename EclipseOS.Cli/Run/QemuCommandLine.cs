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

        /// <summary>The fw_cfg file the kernel reads its boot options from (EclipseOS.Kernel.Core's BootOptionsText.FwCfgName).</summary>
        public const string BootOptionsFwCfgName = "opt/eclipse-os/boot";

        // `-cdrom` is IDE index 2 (secondary master); disks take the other three places.
        private static readonly int[] IdeDiskIndexes = { 0, 1, 3 };

        /// <summary>
        /// Builds the arguments (each one list element, no shell quoting). Disks are raw images
        /// unless their name ends in .qcow2. On <see cref="DiskBus.Both"/> each disk is attached
        /// to virtio read-only and to IDE as a throw-away snapshot with locking off, so QEMU lets
        /// the same file be opened twice and the two drivers never write the same file.
        /// </summary>
        public static List<string> For(VmOptions options)
        {
            Check(options.Disks.Count, options.Bus, options.GdbPort, options.Machine);
            bool virtio = options.Bus == DiskBus.Virtio || options.Bus == DiskBus.Both;
            bool ide = options.Bus == DiskBus.Ide || options.Bus == DiskBus.Both;

            var arguments = new List<string>
            {
                "-machine", options.Machine,
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
            });
            // COM1 to this terminal or to a socket a harness connects to; both keep a copy in the log file.
            string chardev = options.SerialSocket == null
                ? "stdio,id=serial0,signal=on"
                : "socket,id=serial0,path=" + Escape(options.SerialSocket) + ",server=on,wait=on";
            arguments.AddRange(new[] { "-chardev", chardev + ",logfile=" + Escape(options.SerialLog), "-serial", "chardev:serial0" });
            if (!options.Window)
                arguments.AddRange(new[] { "-display", "none", "-monitor", "none" });
            if (options.QmpSocket != null)
                arguments.AddRange(new[] { "-qmp", "unix:" + Escape(options.QmpSocket) + ",server=on,wait=off" });
            if (options.BootOptions.Length > 0)
                arguments.AddRange(new[] { "-fw_cfg", "name=" + BootOptionsFwCfgName + ",string=" + Escape(options.BootOptions) });

            // pc has no AHCI controller of its own; q35's ICH9 AHCI (00:1f.2, bus "ide") holds the CD-ROM on port 2.
            string ahciBus = options.Machine == "q35" ? "ide" : "ahci0";
            if (options.Bus == DiskBus.Ahci && options.Machine != "q35")
                arguments.AddRange(new[] { "-device", "ahci,id=ahci0" });
            for (int i = 0; i < options.Disks.Count; i++)
            {
                string drive = "file=" + Escape(options.Disks[i]) + ",format=" + Format(options.Disks[i]);
                if (i == 0 && options.InjectErrors.Count > 0)
                    drive = InjectedDrive(options);
                if (options.Bus == DiskBus.Nvme)
                {
                    arguments.AddRange(new[] { "-drive", drive + ",if=none,id=nvme" + i });
                    arguments.AddRange(new[] { "-device", "nvme,drive=nvme" + i + ",serial=eclipse" + i + ",addr=" + (EclipseOS.Cli.Boot.QemuCommandLine.FirstNvmeSlot + i).ToString("x", System.Globalization.CultureInfo.InvariantCulture) });
                    continue;
                }
                if (options.Bus == DiskBus.Ahci)
                {
                    arguments.AddRange(new[] { "-drive", drive + ",if=none,id=sata" + i });
                    arguments.AddRange(new[] { "-device", "ide-hd,drive=sata" + i + ",bus=" + ahciBus + "." + IdeDiskIndexes[i] });
                    continue;
                }
                if (virtio && options.VirtioModernOnly)
                {
                    arguments.AddRange(new[] { "-drive", drive + ",if=none,id=vdisk" + i });
                    arguments.AddRange(new[] { "-device", "virtio-blk-pci,drive=vdisk" + i + ",disable-legacy=on" });
                }
                else if (virtio)
                {
                    // On both buses the virtio view is read-only, as `eclipse boot --bus both` has it.
                    arguments.AddRange(new[] { "-drive", drive + ",if=virtio" + (options.Bus == DiskBus.Both ? ",readonly=on" : "") });
                }
                if (ide)
                {
                    string shared = options.Bus == DiskBus.Both ? ",snapshot=on,file.locking=off" : "";
                    arguments.AddRange(new[] { "-drive", drive + ",if=ide,index=" + IdeDiskIndexes[i] + ",media=disk" + shared });
                }
            }

            if (options.GdbPort is int gdb)
            {
                arguments.AddRange(new[] { "-gdb", "tcp:127.0.0.1:" + gdb });
                if (options.WaitForGdb)
                    arguments.Add("-S");
            }
            return arguments;
        }

        /// <summary>
        /// Throws an <see cref="ArgumentException"/> saying what is wrong when the disks do not fit
        /// the bus or board, or the gdb port is not a port, before anything is built or started.
        /// </summary>
        public static void Check(int diskCount, DiskBus bus, int? gdbPort, string machine = "pc")
        {
            if (machine != "pc" && machine != "q35")
                throw new ArgumentException("--machine must be pc or q35, was '" + machine + "'");
            if (bus != DiskBus.Virtio && bus != DiskBus.Nvme && diskCount > IdeDiskIndexes.Length)
                throw new ArgumentException((bus == DiskBus.Ahci ? "AHCI" : "IDE") + " has room for " + IdeDiskIndexes.Length + " disks beside the CD-ROM; " + diskCount + " were given (use --bus virtio for more)");
            if (gdbPort is int port && (port < 1 || port > 65535))
                throw new ArgumentException("--gdb port must be 1-65535, was " + port);
        }

        /// <summary>The configuration file <see cref="VmOptions.InjectErrors"/> are written to, beside the serial log.</summary>
        public static string BlkdebugConfigPath(string serialLog) => serialLog + ".blkdebug.conf";

        // The first disk behind QEMU's blkdebug, its errors reported to the guest (rerror/werror=report).
        private static string InjectedDrive(VmOptions options)
        {
            string image = options.Disks[0];
            if (Format(image) != "raw")
                throw new ArgumentException("--inject-error needs a raw image: " + image);
            return EclipseOS.Platform.Qtest.Options.InjectedError.DriveFile(image, options.InjectErrors, BlkdebugConfigPath(options.SerialLog)) + ",format=raw";
        }

        /// <summary>QEMU option values separate keys with commas; a comma inside a value is written twice.</summary>
        public static string Escape(string value) => value.Replace(",", ",,");

        private static string Format(string image) =>
            Path.GetExtension(image).Equals(".qcow2", StringComparison.OrdinalIgnoreCase) ? "qcow2" : "raw";
    }
}
