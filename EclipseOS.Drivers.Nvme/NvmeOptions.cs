namespace EclipseOS.Drivers.Nvme
{
    /// <summary>How the NVMe driver runs its controllers. The defaults suit QEMU and real hardware.</summary>
    public sealed class NvmeOptions
    {
        /// <summary>
        /// Wait for interrupts instead of polling: MSI-X where the platform offers message interrupts
        /// (and <see cref="UseMessageInterrupts"/> allows them), else the PCI INTx line. The completion
        /// queues are polled between waits either way.
        /// </summary>
        public bool UseInterrupts { get; set; }

        /// <summary>With <see cref="UseInterrupts"/>, prefer MSI-X when the platform and the controller have it; false keeps INTx.</summary>
        public bool UseMessageInterrupts { get; set; } = true;

        /// <summary>Longest wait for one command; after it the controller is reset and the command reported failed.</summary>
        public long CommandTimeoutMicroseconds { get; set; } = 10000000;

        /// <summary>Entries of the I/O queue pair (at most what CAP.MQES allows); one less than this many commands are in flight at most.</summary>
        public int IoQueueEntries { get; set; } = 64;
    }
}
