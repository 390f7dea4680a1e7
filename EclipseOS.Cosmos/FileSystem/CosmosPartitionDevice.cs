using EclipseOS.Storage;
using Partition = Cosmos.HAL.BlockDevice.Partition;

namespace EclipseOS.Cosmos.FileSystem
{
    /// <summary>
    /// A Cosmos <see cref="Partition"/> as our <see cref="IBlockDevice"/>, so the EclipseFS reader
    /// can mount what Cosmos's VFS hands a factory. Bounds are checked here, since Cosmos's own
    /// partition range check is disabled.
    /// </summary>
    public sealed class CosmosPartitionDevice : IBlockDevice
    {
        private readonly Partition _partition;

        /// <summary>Wraps <paramref name="partition"/>.</summary>
        public CosmosPartitionDevice(Partition partition, string name)
        {
            _partition = partition;
            Name = name;
        }

        /// <inheritdoc />
        public string Name { get; set; }

        /// <inheritdoc />
        public int BlockSize => (int)_partition.BlockSize;

        /// <inheritdoc />
        public ulong BlockCount => _partition.BlockCount;

        /// <inheritdoc />
        public bool IsReadOnly => true;

        /// <inheritdoc />
        public string Description => "Cosmos partition at sector " + _partition.StartingSector;

        /// <inheritdoc />
        public void Read(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.Check(this, lba, blockCount, buffer, offset);
            if (blockCount == 0)
                return;
            // Cosmos reads whole arrays of exactly blockCount blocks.
            byte[] data = offset == 0 && buffer.Length == blockCount * BlockSize ? buffer : new byte[blockCount * BlockSize];
            _partition.ReadBlock(lba, (ulong)blockCount, ref data);
            if (data != buffer)
            {
                for (int i = 0; i < data.Length; i++)
                    buffer[offset + i] = data[i];
            }
        }

        /// <inheritdoc />
        public void Write(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.CheckWrite(this, lba, blockCount, buffer, offset);
        }

        /// <inheritdoc />
        public void Flush()
        {
        }
    }
}
