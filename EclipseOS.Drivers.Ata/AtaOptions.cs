namespace EclipseOS.Drivers.Ata
{
    /// <summary>How the ATA driver runs its channels. The defaults suit real hardware and QEMU.</summary>
    public sealed class AtaOptions
    {
        /// <summary>Use bus-master DMA for disks when the PCI IDE function offers it (PIO otherwise, and as fallback).</summary>
        public bool UseDma { get; set; } = true;

        /// <summary>
        /// Wait on IRQ 14/15 (nIEN cleared) instead of polling the status register. If the first
        /// command on a channel raises no interrupt, that channel falls back to polling.
        /// </summary>
        public bool UseInterrupts { get; set; } = true;

        /// <summary>Longest wait for one step of a command (BSY clear, DRQ, interrupt, DMA end). ATA allows devices seconds to spin up.</summary>
        public long CommandTimeoutMicroseconds { get; set; } = 10000000;

        /// <summary>Longest wait for BSY to clear after a software reset (ATA/ATAPI-6 §9.2 allows up to 31 s).</summary>
        public long ResetTimeoutMicroseconds { get; set; } = 10000000;

        /// <summary>Longest wait for FLUSH CACHE to finish: a full write cache can take long to drain.</summary>
        public long FlushTimeoutMicroseconds { get; set; } = 30000000;
    }
}
