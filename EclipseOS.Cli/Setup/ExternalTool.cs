namespace EclipseOS.Cli.Setup
{
    /// <summary>A program the tests or a verb run, and the Debian/Ubuntu package that installs it.</summary>
    /// <param name="Command">The executable's name on PATH.</param>
    /// <param name="AptPackage">The apt package that provides it.</param>
    /// <param name="Purpose">What it is needed for, in a few words (printed when it is missing).</param>
    public sealed record ExternalTool(string Command, string AptPackage, string Purpose)
    {
        /// <summary>QEMU: the real devices the qtest platform drives, and the VM of <c>eclipse run</c>.</summary>
        public static readonly ExternalTool Qemu = new("qemu-system-x86_64", "qemu-system-x86", "QEMU's real devices (qtest platform, run)");

        /// <summary>sgdisk: partitions GPT test images the way users' disks are partitioned.</summary>
        public static readonly ExternalTool Sgdisk = new("sgdisk", "gdisk", "GPT images made by a real tool");

        /// <summary>sfdisk: partitions MBR test images.</summary>
        public static readonly ExternalTool Sfdisk = new("sfdisk", "fdisk", "MBR images made by a real tool");

        /// <summary>xorriso: ISO 9660 images (ATAPI tests, the Cosmos ISO).</summary>
        public static readonly ExternalTool Xorriso = new("xorriso", "xorriso", "ISO images");

        /// <summary>tar: archives compared with what <c>eclipse extract</c> writes.</summary>
        public static readonly ExternalTool Tar = new("tar", "tar", "archives");

        /// <summary>gdb: where a hung guest kernel is (its call chain through QEMU's gdb stub).</summary>
        public static readonly ExternalTool Gdb = new("gdb", "gdb", "the call chain of a hung guest kernel");

        /// <summary>Everything the test suite runs.</summary>
        public static readonly ExternalTool[] ForTests = { Qemu, Sgdisk, Sfdisk, Xorriso, Tar, Gdb };
    }
}
