namespace EclipseOS.Drivers.VirtIO.Block
{
    /// <summary>Choices the kernel (or a test) makes for every virtio-blk device.</summary>
    public sealed class VirtioBlockOptions
    {
        /// <summary>
        /// Wait for completions on the device's INTx line (reading ISR) instead of polling the
        /// used ring in memory. Falls back to polling when no line is routed.
        /// </summary>
        public bool UseInterrupts { get; set; }

        /// <summary>How long any one wait for the device may take before the requests fail (default 10 s).</summary>
        public long TimeoutMicroseconds { get; set; } = 10000000;

        /// <summary>Largest queue asked for when the device lets the driver choose (default 256).</summary>
        public int MaxQueueSize { get; set; } = 256;

        /// <summary>Largest data transfer of one request (default 1 MiB); SEG_MAX × SIZE_MAX may lower it.</summary>
        public int MaxRequestBytes { get; set; } = 1 << 20;

        /// <summary>Drive transitional PCI devices through the legacy interface instead of the modern one.</summary>
        public bool PreferLegacy { get; set; }

        /// <summary>Use indirect descriptors when the device offers them (default true).</summary>
        public bool UseIndirectDescriptors { get; set; } = true;

        /// <summary>Use EVENT_IDX notification suppression when the device offers it (default true).</summary>
        public bool UseEventIndex { get; set; } = true;
    }
}
