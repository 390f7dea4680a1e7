using System;
using EclipseOS.Storage;

namespace EclipseOS.Tests.EclipseFS
{
    /// <summary>An image held in memory behind IBlockDevice, with any block size; counts requests.</summary>
    internal sealed class MemoryBlockDevice : IBlockDevice
    {
        private readonly byte[] _data;

        public MemoryBlockDevice(byte[] image, int blockSize)
        {
            BlockSize = blockSize;
            BlockCount = (ulong)((image.Length + blockSize - 1) / blockSize);
            _data = new byte[(long)BlockCount * blockSize];
            Array.Copy(image, _data, image.Length);
        }

        public string Name { get; set; } = "mem0";
        public int BlockSize { get; }
        public ulong BlockCount { get; }
        public bool IsReadOnly => true;
        public string Description => "test image in memory";
        public int Requests { get; private set; }
        public long BytesRead { get; private set; }
        public int LargestRequestBlocks { get; private set; }

        public void Read(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.Check(this, lba, blockCount, buffer, offset);
            Requests++;
            BytesRead += (long)blockCount * BlockSize;
            LargestRequestBlocks = Math.Max(LargestRequestBlocks, blockCount);
            Array.Copy(_data, (long)lba * BlockSize, buffer, offset, (long)blockCount * BlockSize);
        }

        public void Write(ulong lba, int blockCount, byte[] buffer, int offset) => BlockRange.CheckWrite(this, lba, blockCount, buffer, offset);
        public void Flush() { }
    }
}
