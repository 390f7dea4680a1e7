namespace EclipseOS.Drivers.VirtIO.Transport
{
    /// <summary>PCI identities of virtio devices (VirtIO 1.1 §4.1.2).</summary>
    public static class VirtioPciIds
    {
        /// <summary>Vendor ID of every virtio PCI device.</summary>
        public const ushort Vendor = 0x1AF4;
        /// <summary>Transitional block device (legacy I/O BAR0 plus modern capabilities).</summary>
        public const ushort TransitionalBlock = 0x1001;
        /// <summary>First transitional device ID.</summary>
        public const ushort FirstTransitional = 0x1000;
        /// <summary>Last transitional device ID.</summary>
        public const ushort LastTransitional = 0x103F;
        /// <summary>Modern device IDs are this plus the virtio device type.</summary>
        public const ushort ModernBase = 0x1040;
        /// <summary>Last modern device ID.</summary>
        public const ushort LastModern = 0x107F;
        /// <summary>Virtio device type of a block device (§5).</summary>
        public const int DeviceTypeBlock = 2;
    }
}
