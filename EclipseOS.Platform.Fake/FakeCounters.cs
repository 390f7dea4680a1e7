using System.Threading;

namespace EclipseOS.Platform.Fake
{
    /// <summary>
    /// Counts of what the driver did through the platform, by kind — the same figures the qtest
    /// platform keeps, so a test or benchmark can say "one port write per sector" or "no MMIO
    /// reads in the fast path".
    /// </summary>
    public sealed class FakeCounters
    {
        private long _portReads, _portWrites, _portStringReads, _portStringWrites, _portStringWords;
        private long _mmioReads, _mmioWrites, _ramReads, _ramWrites, _ramBulkBytes;
        private long _configReads, _configWrites, _barriers, _irqRaises;
        private long _dmaAllocations, _dmaShares, _dmaUnshares, _unhandled;

        /// <summary>Single port reads (<c>in</c>).</summary>
        public long PortReads => Interlocked.Read(ref _portReads);
        /// <summary>Single port writes (<c>out</c>).</summary>
        public long PortWrites => Interlocked.Read(ref _portWrites);
        /// <summary>String port reads (<c>rep insw</c> calls).</summary>
        public long PortStringReads => Interlocked.Read(ref _portStringReads);
        /// <summary>String port writes (<c>rep outsw</c> calls).</summary>
        public long PortStringWrites => Interlocked.Read(ref _portStringWrites);
        /// <summary>16-bit words moved by string port transfers, both ways.</summary>
        public long PortStringWords => Interlocked.Read(ref _portStringWords);
        /// <summary>Reads of memory-mapped registers.</summary>
        public long MmioReads => Interlocked.Read(ref _mmioReads);
        /// <summary>Writes to memory-mapped registers.</summary>
        public long MmioWrites => Interlocked.Read(ref _mmioWrites);
        /// <summary>8–64-bit reads of RAM through physical memory.</summary>
        public long RamReads => Interlocked.Read(ref _ramReads);
        /// <summary>8–64-bit writes of RAM through physical memory.</summary>
        public long RamWrites => Interlocked.Read(ref _ramWrites);
        /// <summary>Bytes moved by bulk physical-memory copies, both ways.</summary>
        public long RamBulkBytes => Interlocked.Read(ref _ramBulkBytes);
        /// <summary>PCI configuration reads.</summary>
        public long ConfigReads => Interlocked.Read(ref _configReads);
        /// <summary>PCI configuration writes.</summary>
        public long ConfigWrites => Interlocked.Read(ref _configWrites);
        /// <summary>Calls to <c>MemoryBarrier</c>.</summary>
        public long Barriers => Interlocked.Read(ref _barriers);
        /// <summary>Interrupt lines raised by devices (rising edges).</summary>
        public long IrqRaises => Interlocked.Read(ref _irqRaises);
        /// <summary>DMA buffers allocated.</summary>
        public long DmaAllocations => Interlocked.Read(ref _dmaAllocations);
        /// <summary>Buffers shared with devices.</summary>
        public long DmaShares => Interlocked.Read(ref _dmaShares);
        /// <summary>Buffers unshared.</summary>
        public long DmaUnshares => Interlocked.Read(ref _dmaUnshares);
        /// <summary>Port or MMIO accesses that no device decoded (they read all ones).</summary>
        public long UnhandledAccesses => Interlocked.Read(ref _unhandled);

        internal void PortRead() => Interlocked.Increment(ref _portReads);
        internal void PortWrite() => Interlocked.Increment(ref _portWrites);
        internal void PortString(bool read, int words)
        {
            Interlocked.Increment(ref read ? ref _portStringReads : ref _portStringWrites);
            Interlocked.Add(ref _portStringWords, words);
        }
        internal void MmioRead() => Interlocked.Increment(ref _mmioReads);
        internal void MmioWrite() => Interlocked.Increment(ref _mmioWrites);
        internal void RamRead() => Interlocked.Increment(ref _ramReads);
        internal void RamWrite() => Interlocked.Increment(ref _ramWrites);
        internal void RamBulk(int bytes) => Interlocked.Add(ref _ramBulkBytes, bytes);
        internal void ConfigRead() => Interlocked.Increment(ref _configReads);
        internal void ConfigWrite() => Interlocked.Increment(ref _configWrites);
        internal void Barrier() => Interlocked.Increment(ref _barriers);
        internal void IrqRaise() => Interlocked.Increment(ref _irqRaises);
        internal void DmaAllocation() => Interlocked.Increment(ref _dmaAllocations);
        internal void DmaShare() => Interlocked.Increment(ref _dmaShares);
        internal void DmaUnshare() => Interlocked.Increment(ref _dmaUnshares);
        internal void Unhandled() => Interlocked.Increment(ref _unhandled);
    }
}
