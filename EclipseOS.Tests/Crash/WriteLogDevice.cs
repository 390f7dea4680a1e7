using System;
using EclipseOS.Storage;

namespace EclipseOS.Tests.Crash
{
    /// <summary>
    /// A block device in memory that records every write (with a copy of its data), every flush and
    /// every mark the test makes, in order — the dm-log-writes target of CrashMonkey-style testing.
    /// Reads see every write at once, as a device's cache does; what a power cut could have left on
    /// the medium is <see cref="CrashStates"/>' job, computed afterwards from <see cref="WriteLog"/>.
    /// </summary>
    public sealed class WriteLogDevice : IBlockDevice
    {
        private readonly byte[] _initialImage;
        private readonly byte[] _current;

        /// <summary>
        /// A device whose medium starts as a copy of <paramref name="initialImage"/> (a whole number
        /// of <paramref name="blockSize"/>-byte blocks); the caller's array is never touched again.
        /// </summary>
        public WriteLogDevice(byte[] initialImage, int blockSize)
        {
            if (blockSize <= 0) throw new ArgumentOutOfRangeException(nameof(blockSize), "block size must be positive, was " + blockSize);
            if (initialImage == null) throw new ArgumentNullException(nameof(initialImage));
            if (initialImage.Length % blockSize != 0)
                throw new ArgumentException("an image of " + initialImage.Length + " bytes is not a whole number of " + blockSize + "-byte blocks", nameof(initialImage));
            _initialImage = (byte[])initialImage.Clone();
            _current = (byte[])initialImage.Clone();
            BlockSize = blockSize;
            WriteLog = new WriteLog(blockSize);
        }

        /// <inheritdoc />
        public string Name { get; set; } = "writelog";

        /// <inheritdoc />
        public int BlockSize { get; }

        /// <inheritdoc />
        public ulong BlockCount => (ulong)(_current.Length / BlockSize);

        /// <inheritdoc />
        public bool IsReadOnly => false;

        /// <inheritdoc />
        public string Description => "write-logging test device";

        /// <summary>The medium before the first logged write (crash states start from it).</summary>
        public ReadOnlyMemory<byte> InitialImage => _initialImage;

        /// <summary>Every write, flush and mark so far, in order.</summary>
        public WriteLog WriteLog { get; }

        /// <inheritdoc />
        public void Read(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.Check(this, lba, blockCount, buffer, offset);
            Array.Copy(_current, (long)lba * BlockSize, buffer, offset, (long)blockCount * BlockSize);
        }

        /// <inheritdoc />
        public void Write(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            // Checked before it is logged: a refused write never happened, so no crash state may hold it.
            BlockRange.CheckWrite(this, lba, blockCount, buffer, offset);
            Array.Copy(buffer, offset, _current, (long)lba * BlockSize, (long)blockCount * BlockSize);
            WriteLog.AddWrite(lba, blockCount, buffer, offset);
        }

        /// <inheritdoc />
        public void Flush() => WriteLog.AddFlush();

        /// <summary>
        /// Records that the filesystem acknowledged an operation (<paramref name="label"/> says
        /// which, for failure messages) and returns its number: 0 for the first mark, then 1, 2 ….
        /// </summary>
        public int Mark(string label)
        {
            if (label == null) throw new ArgumentNullException(nameof(label));
            return WriteLog.AddMark(label).Operation;
        }

        /// <summary>A copy of the medium as reads see it now (every write applied).</summary>
        public byte[] Snapshot() => (byte[])_current.Clone();
    }
}
