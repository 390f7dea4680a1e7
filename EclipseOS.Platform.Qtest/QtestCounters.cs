namespace EclipseOS.Platform.Qtest
{
    /// <summary>
    /// Running totals of what the platform asked QEMU to do, by kind. Benchmarks take a
    /// <see cref="Snapshot"/> before and after a run and report the difference.
    /// </summary>
    public sealed class QtestCounters
    {
        internal long PortReads;
        internal long PortWrites;
        internal long MmioReads;
        internal long MmioWrites;
        internal long RamReads;
        internal long RamWrites;
        internal long BulkBytesRead;
        internal long BulkBytesWritten;
        internal long RoundTrips;
        internal long Commands;

        /// <summary>The totals now.</summary>
        public QtestCounterSnapshot Snapshot() => new QtestCounterSnapshot(
            PortReads, PortWrites, MmioReads, MmioWrites, RamReads, RamWrites,
            BulkBytesRead, BulkBytesWritten, RoundTrips, Commands);
    }

    /// <summary>Counter values at one moment, or the difference between two moments.</summary>
    /// <param name="PortReads">Port reads (<c>inb/inw/inl</c>, one per word of a string read).</param>
    /// <param name="PortWrites">Port writes (<c>outb/outw/outl</c>, one per word of a string write).</param>
    /// <param name="MmioReads">Single reads of addresses outside guest RAM (device registers).</param>
    /// <param name="MmioWrites">Single writes of addresses outside guest RAM.</param>
    /// <param name="RamReads">Single reads of guest RAM (DMA buffers, rings).</param>
    /// <param name="RamWrites">Single writes of guest RAM.</param>
    /// <param name="BulkBytesRead">Bytes read by bulk copies (<c>b64read</c>).</param>
    /// <param name="BulkBytesWritten">Bytes written by bulk copies and fills (<c>b64write</c>, <c>memset</c>).</param>
    /// <param name="RoundTrips">Times the platform waited for QEMU's answers (a pipelined burst counts once).</param>
    /// <param name="Commands">qtest commands sent.</param>
    public readonly record struct QtestCounterSnapshot(
        long PortReads, long PortWrites, long MmioReads, long MmioWrites, long RamReads, long RamWrites,
        long BulkBytesRead, long BulkBytesWritten, long RoundTrips, long Commands)
    {
        /// <summary>Accesses to device registers: port plus MMIO reads and writes (what a VM exit costs on real virtualization).</summary>
        public long DeviceRegisterAccesses => PortReads + PortWrites + MmioReads + MmioWrites;

        /// <summary>The change from <paramref name="earlier"/> to this snapshot.</summary>
        public QtestCounterSnapshot Since(QtestCounterSnapshot earlier) => new QtestCounterSnapshot(
            PortReads - earlier.PortReads, PortWrites - earlier.PortWrites,
            MmioReads - earlier.MmioReads, MmioWrites - earlier.MmioWrites,
            RamReads - earlier.RamReads, RamWrites - earlier.RamWrites,
            BulkBytesRead - earlier.BulkBytesRead, BulkBytesWritten - earlier.BulkBytesWritten,
            RoundTrips - earlier.RoundTrips, Commands - earlier.Commands);

        /// <summary>The difference <paramref name="later"/> minus <paramref name="earlier"/>.</summary>
        public static QtestCounterSnapshot operator -(QtestCounterSnapshot later, QtestCounterSnapshot earlier) => later.Since(earlier);

        /// <summary>One line, e.g. for a benchmark report.</summary>
        public override string ToString() =>
            $"port r/w {PortReads}/{PortWrites}, mmio r/w {MmioReads}/{MmioWrites}, ram r/w {RamReads}/{RamWrites}, " +
            $"bulk r/w {BulkBytesRead}/{BulkBytesWritten} B, round trips {RoundTrips}, commands {Commands}";
    }
}
