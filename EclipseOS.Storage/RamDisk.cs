using System;

namespace EclipseOS.Storage
{
    /// <summary>A block device held in a byte array: the kernel's fallback disk and a test double for real disks.</summary>
    public sealed class RamDisk : IBlockDevice
    {
        private readonly byte[] _data;

        /// <summary>A zeroed RAM disk of <paramref name="blockCount"/> blocks of <paramref name="blockSize"/> bytes.</summary>
        public RamDisk(int blockSize, int blockCount)
            : this(NewStore(blockSize, blockCount), blockSize, false)
        {
        }

        /// <summary>A RAM disk over <paramref name="data"/> (not copied; its length must be a whole number of blocks).</summary>
        public RamDisk(byte[] data, int blockSize, bool readOnly)
        {
            if (blockSize <= 0) throw new ArgumentOutOfRangeException(nameof(blockSize), "block size must be positive, was " + blockSize);
            if (data == null) throw new ArgumentNullException(nameof(data));
            if (data.Length % blockSize != 0)
                throw new ArgumentException("RAM disk data of " + data.Length + " bytes is not a whole number of " + blockSize + "-byte blocks", nameof(data));
            _data = data;
            BlockSize = blockSize;
            IsReadOnly = readOnly;
        }

        /// <inheritdoc />
        public string Name { get; set; } = "ramdisk";

        /// <inheritdoc />
        public int BlockSize { get; }

        /// <inheritdoc />
        public ulong BlockCount => (ulong)(_data.Length / BlockSize);

        /// <inheritdoc />
        public bool IsReadOnly { get; }

        /// <inheritdoc />
        public string Description => "RAM disk";

        /// <summary>The backing array (tests corrupt or inspect it directly).</summary>
        public byte[] Data => _data;

        /// <inheritdoc />
        public void Read(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.Check(this, lba, blockCount, buffer, offset);
            Array.Copy(_data, (long)lba * BlockSize, buffer, offset, (long)blockCount * BlockSize);
        }

        /// <inheritdoc />
        public void Write(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.CheckWrite(this, lba, blockCount, buffer, offset);
            Array.Copy(buffer, offset, _data, (long)lba * BlockSize, (long)blockCount * BlockSize);
        }

        /// <inheritdoc />
        public void Flush()
        {
            // Nothing is cached between the caller and the array.
        }

        private static byte[] NewStore(int blockSize, int blockCount)
        {
            if (blockSize <= 0) throw new ArgumentOutOfRangeException(nameof(blockSize), "block size must be positive, was " + blockSize);
            if (blockCount < 0 || (ulong)blockSize * (ulong)blockCount > int.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(blockCount), blockCount + " blocks of " + blockSize + " bytes do not fit one array");
            return new byte[blockSize * blockCount];
        }
    }
}
