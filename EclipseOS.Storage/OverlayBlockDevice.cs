using System.Collections.Generic;

namespace EclipseOS.Storage
{
    /// <summary>
    /// A block device whose writes stay in memory over a base device that is never written:
    /// reads see the written blocks, everything else comes from the base. A read-only mount uses
    /// it to replay a filesystem's log without changing the disk (a CD, a write-protected image).
    /// </summary>
    public sealed class OverlayBlockDevice : IBlockDevice
    {
        private readonly IBlockDevice _base;
        private readonly Dictionary<ulong, byte[]> _written = new Dictionary<ulong, byte[]>();

        /// <summary>An overlay over <paramref name="baseDevice"/>, empty at first.</summary>
        public OverlayBlockDevice(IBlockDevice baseDevice)
        {
            _base = baseDevice;
        }

        /// <inheritdoc />
        public string Name { get => _base.Name; set => _base.Name = value; }

        /// <inheritdoc />
        public int BlockSize => _base.BlockSize;

        /// <inheritdoc />
        public ulong BlockCount => _base.BlockCount;

        /// <summary>Always false: the overlay takes writes (in memory).</summary>
        public bool IsReadOnly => false;

        /// <inheritdoc />
        public string Description => _base.Description;

        /// <summary>Blocks held in memory.</summary>
        public int WrittenBlocks => _written.Count;

        /// <inheritdoc />
        public void Read(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.Check(this, lba, blockCount, buffer, offset);
            _base.Read(lba, blockCount, buffer, offset);
            if (_written.Count == 0)
                return;
            for (int i = 0; i < blockCount; i++)
            {
                byte[]? block;
                if (_written.TryGetValue(lba + (ulong)i, out block))
                    System.Array.Copy(block, 0, buffer, offset + i * BlockSize, BlockSize);
            }
        }

        /// <inheritdoc />
        public void Write(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.Check(this, lba, blockCount, buffer, offset);
            for (int i = 0; i < blockCount; i++)
            {
                var block = new byte[BlockSize];
                System.Array.Copy(buffer, offset + i * BlockSize, block, 0, BlockSize);
                _written[lba + (ulong)i] = block;
            }
        }

        /// <summary>Nothing to flush: the written blocks live in memory only.</summary>
        public void Flush()
        {
        }
    }
}
