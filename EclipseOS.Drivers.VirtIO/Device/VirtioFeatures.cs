namespace EclipseOS.Drivers.VirtIO.Device
{
    /// <summary>Feature bits, as 64-bit masks (VirtIO 1.1 §6 for the generic ones, §5.2.3 for block).</summary>
    public static class VirtioFeatures
    {
        /// <summary>Block: <c>size_max</c> in config bounds one segment.</summary>
        public const ulong BlockSizeMax = 1UL << 1;
        /// <summary>Block: <c>seg_max</c> in config bounds the segments of one request.</summary>
        public const ulong BlockSegMax = 1UL << 2;
        /// <summary>Block: legacy geometry in config.</summary>
        public const ulong BlockGeometry = 1UL << 4;
        /// <summary>Block: the device is read-only.</summary>
        public const ulong BlockReadOnly = 1UL << 5;
        /// <summary>Block: <c>blk_size</c> in config is the logical block size.</summary>
        public const ulong BlockBlkSize = 1UL << 6;
        /// <summary>Block: the FLUSH command exists (the device has a write cache).</summary>
        public const ulong BlockFlush = 1UL << 9;
        /// <summary>Block: topology in config.</summary>
        public const ulong BlockTopology = 1UL << 10;
        /// <summary>Block: the <c>writeback</c> config byte switches the write cache.</summary>
        public const ulong BlockConfigWce = 1UL << 11;
        /// <summary>Block: several request queues.</summary>
        public const ulong BlockMultiQueue = 1UL << 12;
        /// <summary>Block: the DISCARD command exists.</summary>
        public const ulong BlockDiscard = 1UL << 13;
        /// <summary>Block: the WRITE_ZEROES command exists.</summary>
        public const ulong BlockWriteZeroes = 1UL << 14;

        /// <summary>Descriptors may point at a table of descriptors (§2.6.5.3).</summary>
        public const ulong RingIndirectDesc = 1UL << 28;
        /// <summary>used_event / avail_event notification suppression (§2.6.7, §2.6.8).</summary>
        public const ulong RingEventIdx = 1UL << 29;
        /// <summary>The device follows VirtIO 1.0 or later (must be accepted when offered).</summary>
        public const ulong Version1 = 1UL << 32;
        /// <summary>The device sits behind an IOMMU; not negotiated (we hand it physical addresses).</summary>
        public const ulong AccessPlatform = 1UL << 33;
        /// <summary>Packed virtqueues; not negotiated (this driver uses split rings).</summary>
        public const ulong RingPacked = 1UL << 34;

        /// <summary>Bits 0–31: all a legacy interface can negotiate.</summary>
        public const ulong LegacyMask = 0xFFFFFFFFUL;
    }
}
