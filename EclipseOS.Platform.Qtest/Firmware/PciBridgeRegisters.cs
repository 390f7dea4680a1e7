namespace EclipseOS.Platform.Qtest.Firmware
{
    /// <summary>Type 1 (PCI-to-PCI bridge) header offsets firmware programs (PCI-to-PCI Bridge Architecture Specification 1.2, §3.2).</summary>
    public static class PciBridgeRegisters
    {
        /// <summary>Primary bus number (8 bits): the bus the bridge sits on.</summary>
        public const byte PrimaryBus = 0x18;
        /// <summary>Secondary bus number (8 bits): the bus directly behind the bridge.</summary>
        public const byte SecondaryBus = 0x19;
        /// <summary>Subordinate bus number (8 bits): the highest bus behind the bridge.</summary>
        public const byte SubordinateBus = 0x1A;
        /// <summary>I/O base (8 bits): address bits 15:12 in bits 7:4; 4 KiB granularity.</summary>
        public const byte IoBase = 0x1C;
        /// <summary>I/O limit (8 bits): address bits 15:12 of the last 4 KiB block.</summary>
        public const byte IoLimit = 0x1D;
        /// <summary>Memory base (16 bits): address bits 31:20 in bits 15:4; 1 MiB granularity.</summary>
        public const byte MemoryBase = 0x20;
        /// <summary>Memory limit (16 bits): address bits 31:20 of the last 1 MiB block.</summary>
        public const byte MemoryLimit = 0x22;
        /// <summary>Prefetchable memory base (16 bits).</summary>
        public const byte PrefetchableBase = 0x24;
        /// <summary>Prefetchable memory limit (16 bits).</summary>
        public const byte PrefetchableLimit = 0x26;
        /// <summary>Prefetchable base, upper 32 bits.</summary>
        public const byte PrefetchableBaseUpper = 0x28;
        /// <summary>Prefetchable limit, upper 32 bits.</summary>
        public const byte PrefetchableLimitUpper = 0x2C;
        /// <summary>I/O base, upper 16 bits.</summary>
        public const byte IoBaseUpper = 0x30;
        /// <summary>I/O limit, upper 16 bits.</summary>
        public const byte IoLimitUpper = 0x32;

        /// <summary>Granularity of the I/O window.</summary>
        public const ulong IoGranularity = 0x1000;
        /// <summary>Granularity of the memory windows.</summary>
        public const ulong MemoryGranularity = 0x100000;
    }
}
