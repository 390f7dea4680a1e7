using System.Diagnostics;
using EclipseOS.Storage;

namespace EclipseOS.Benchmarks.EclipseFS
{
    /// <summary>
    /// A block device that passes every request to the one beneath it and counts it (requests,
    /// bytes, flushes, time inside the device): the write benchmark's measure of what the
    /// filesystem asks of a disk, independent of how fast the disk is.
    /// </summary>
    public sealed class CountingBlockDevice : IBlockDevice
    {
        private readonly IBlockDevice _inner;
        private long _reads, _readBytes, _writes, _writeBytes, _singleBlockWrites, _flushes, _ticks, _flushTicks;

        /// <summary>Counts the requests made of <paramref name="inner"/>.</summary>
        public CountingBlockDevice(IBlockDevice inner)
        {
            _inner = inner;
        }

        /// <summary>Everything counted since this wrapper was made.</summary>
        public DeviceCounts Counts => new DeviceCounts(_reads, _readBytes, _writes, _writeBytes, _singleBlockWrites, _flushes,
            Stopwatch.GetElapsedTime(0, _ticks), Stopwatch.GetElapsedTime(0, _flushTicks));

        /// <inheritdoc />
        public string Name
        {
            get => _inner.Name;
            set => _inner.Name = value;
        }

        /// <inheritdoc />
        public int BlockSize => _inner.BlockSize;

        /// <inheritdoc />
        public ulong BlockCount => _inner.BlockCount;

        /// <inheritdoc />
        public bool IsReadOnly => _inner.IsReadOnly;

        /// <inheritdoc />
        public string Description => _inner.Description;

        /// <inheritdoc />
        public void Read(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            long start = Stopwatch.GetTimestamp();
            _inner.Read(lba, blockCount, buffer, offset);
            _ticks += Stopwatch.GetTimestamp() - start;
            _reads++;
            _readBytes += (long)blockCount * _inner.BlockSize;
        }

        /// <inheritdoc />
        public void Write(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            long start = Stopwatch.GetTimestamp();
            _inner.Write(lba, blockCount, buffer, offset);
            _ticks += Stopwatch.GetTimestamp() - start;
            _writes++;
            _writeBytes += (long)blockCount * _inner.BlockSize;
            if (blockCount == 1)
                _singleBlockWrites++;
        }

        /// <inheritdoc />
        public void Flush()
        {
            long start = Stopwatch.GetTimestamp();
            _inner.Flush();
            long took = Stopwatch.GetTimestamp() - start;
            _ticks += took;
            _flushTicks += took;
            _flushes++;
        }
    }
}
