namespace EclipseOS.Tests.Kernel
{
    /// <summary>The seed kernel's boot-log lines (the original Eclipse OS's), which the hosted and the guest boot both print in this order.</summary>
    public static class SeedLog
    {
        /// <summary>The driver start lines.</summary>
        public static readonly string[] Drivers = { "Initializing VirtIO driver...", "Initializing ATA driver..." };

        /// <summary>The root mount lines, from the filesystem subsystem to success.</summary>
        public static readonly string[] Mount =
        {
            "Initializing filesystem subsystem...",
            "[KERNEL] Attempting to mount root filesystem...",
            "[FS] Attempting to mount eclipsefs...",
            "[FS] Reading superblock from block device...",
            "[FS] EclipseFS signature found",
            "[FS] Filesystem mounted successfully",
        };

        /// <summary>The simulated-disk lines, when no device holds EclipseFS.</summary>
        public static readonly string[] Simulated = { "[VirtIO] No real device found, using simulated disk", "[VirtIO] Simulated disk initialized with EclipseFS header" };
    }
}
