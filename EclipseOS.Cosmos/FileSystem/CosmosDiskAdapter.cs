using EclipseOS.Storage;
using CosmosBlockDevice = Cosmos.HAL.BlockDevice.BlockDevice;
using BlockDeviceType = Cosmos.HAL.BlockDevice.BlockDeviceType;

namespace EclipseOS.Cosmos.FileSystem
{
    /// <summary>
    /// One of our disks (driven by our VirtIO or ATA driver) shown to Cosmos as a
    /// <see cref="CosmosBlockDevice"/>, so Cosmos's VFS can scan its partition table and offer
    /// the partitions to the registered filesystem factories.
    /// </summary>
    public sealed class CosmosDiskAdapter : CosmosBlockDevice
    {
        private readonly IBlockDevice _disk;

        /// <summary>Wraps <paramref name="disk"/>.</summary>
        public CosmosDiskAdapter(IBlockDevice disk)
        {
            _disk = disk;
            mBlockCount = disk.BlockCount;
            mBlockSize = (ulong)disk.BlockSize;
        }

        /// <summary>Our disk behind the adapter.</summary>
        public IBlockDevice Disk => _disk;

        /// <inheritdoc />
        public override BlockDeviceType Type => BlockDeviceType.HardDrive;

        /// <inheritdoc />
        public override void ReadBlock(ulong aBlockNo, ulong aBlockCount, ref byte[] aData)
        {
            // Our device checks range and buffer size and throws a BlockDeviceException naming the block.
            _disk.Read(aBlockNo, (int)aBlockCount, aData, 0);
        }

        /// <inheritdoc />
        public override void WriteBlock(ulong aBlockNo, ulong aBlockCount, ref byte[] aData)
        {
            _disk.Write(aBlockNo, (int)aBlockCount, aData, 0);
        }
    }
}
