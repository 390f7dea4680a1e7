namespace EclipseOS.Drivers.Ahci
{
    /// <summary>How the AHCI driver runs its ports. The defaults suit QEMU and real hardware.</summary>
    public sealed class AhciOptions
    {
        /// <summary>Wait on the HBA's interrupt line instead of polling (the port is polled between waits either way).</summary>
        public bool UseInterrupts { get; set; }

        /// <summary>
        /// Queue the commands of a transfer longer than one command (READ/WRITE FPDMA QUEUED, all
        /// in flight at once) where both the HBA and the disk support NCQ.
        /// </summary>
        public bool UseNcq { get; set; } = true;

        /// <summary>Longest wait for one command, and for a device to leave BSY when its port starts.</summary>
        public long CommandTimeoutMicroseconds { get; set; } = 10000000;
    }
}
