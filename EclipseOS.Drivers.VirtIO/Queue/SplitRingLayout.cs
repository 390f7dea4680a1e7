namespace EclipseOS.Drivers.VirtIO.Queue
{
    /// <summary>
    /// Where the three parts of a split virtqueue sit in its one memory region, laid out as the
    /// legacy interface requires (VirtIO 1.1 §2.6.2): descriptor table, available ring, padding
    /// to the next 4096-byte boundary, used ring. Modern devices accept the same layout, so one
    /// layout serves every transport.
    /// </summary>
    public static class SplitRingLayout
    {
        /// <summary>Alignment of the region and of the used ring (§2.6.2, legacy).</summary>
        public const int Alignment = 4096;

        /// <summary>Bytes per descriptor: le64 addr, le32 len, le16 flags, le16 next (§2.6.5).</summary>
        public const int DescriptorSize = 16;

        /// <summary>Offset of <c>idx</c> in the available ring (after le16 flags).</summary>
        public const int AvailIdx = 2;
        /// <summary>Offset of <c>ring[0]</c> in the available ring.</summary>
        public const int AvailRing = 4;
        /// <summary>Offset of <c>idx</c> in the used ring (after le16 flags).</summary>
        public const int UsedIdx = 2;
        /// <summary>Offset of <c>ring[0]</c> in the used ring; each element is le32 id, le32 len.</summary>
        public const int UsedRing = 4;
        /// <summary>Bytes per used element.</summary>
        public const int UsedElementSize = 8;

        /// <summary>Descriptor flag: the chain continues at <c>next</c>.</summary>
        public const ushort DescNext = 1;
        /// <summary>Descriptor flag: the device writes this buffer.</summary>
        public const ushort DescWrite = 2;
        /// <summary>Descriptor flag: the buffer is a table of descriptors (§2.6.5.3).</summary>
        public const ushort DescIndirect = 4;

        /// <summary>Available-ring flag: the driver wants no interrupts (ignored by the device with EVENT_IDX).</summary>
        public const ushort AvailNoInterrupt = 1;
        /// <summary>Used-ring flag: the device wants no notifications (not used with EVENT_IDX).</summary>
        public const ushort UsedNoNotify = 1;

        /// <summary>Offset of the available ring.</summary>
        public static int AvailOffset(int size) => DescriptorSize * size;

        /// <summary>Offset of <c>used_event</c>, the last field of the available ring (§2.6.7).</summary>
        public static int UsedEventOffset(int size) => AvailOffset(size) + AvailRing + 2 * size;

        /// <summary>Offset of the used ring: after the available ring, rounded up to <see cref="Alignment"/>.</summary>
        public static int UsedOffset(int size) => Align(AvailOffset(size) + AvailRing + 2 * size + 2);

        /// <summary>Offset of <c>avail_event</c>, the last field of the used ring (§2.6.8).</summary>
        public static int AvailEventOffset(int size) => UsedOffset(size) + UsedRing + UsedElementSize * size;

        /// <summary>Bytes of the whole region.</summary>
        public static int TotalSize(int size) => UsedOffset(size) + Align(UsedRing + UsedElementSize * size + 2);

        private static int Align(int value) => (value + Alignment - 1) & ~(Alignment - 1);
    }
}
