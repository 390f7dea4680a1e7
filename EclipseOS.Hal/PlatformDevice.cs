namespace EclipseOS.Hal
{
    /// <summary>
    /// A device that is not discoverable by enumeration and that the board description
    /// (firmware tables, a device tree, the machine's command line) names instead — for
    /// example a virtio-mmio transport window on QEMU's <c>microvm</c>.
    /// </summary>
    public sealed class PlatformDevice
    {
        /// <summary>Creates a description.</summary>
        public PlatformDevice(string kind, ulong baseAddress, uint size, int interruptLine)
        {
            Kind = kind;
            BaseAddress = baseAddress;
            Size = size;
            InterruptLine = interruptLine;
        }

        /// <summary>Kind of device, e.g. <see cref="VirtioMmio"/>.</summary>
        public string Kind { get; }

        /// <summary>Physical address of the register window.</summary>
        public ulong BaseAddress { get; }

        /// <summary>Size of the register window in bytes.</summary>
        public uint Size { get; }

        /// <summary>Interrupt line, or -1 when none is wired.</summary>
        public int InterruptLine { get; }

        /// <summary>The <see cref="Kind"/> of a virtio-mmio transport window.</summary>
        public const string VirtioMmio = "virtio-mmio";
    }
}
