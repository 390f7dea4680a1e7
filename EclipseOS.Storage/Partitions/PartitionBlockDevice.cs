namespace EclipseOS.Storage.Partitions
{
    /// <summary>
    /// A partition as a block device: a window of its parent disk. Every request is checked
    /// against the partition's own bounds first (errors name the partition and the block in
    /// it), so a filesystem on <c>vda1</c> can never reach <c>vda2</c>.
    /// </summary>
    public sealed class PartitionBlockDevice : IBlockDevice
    {
        /// <summary>A window of <paramref name="info"/>'s blocks on <paramref name="parent"/>.</summary>
        public PartitionBlockDevice(IBlockDevice parent, PartitionInfo info)
        {
            if (info.BlockCount == 0 || info.FirstLba > parent.BlockCount || info.BlockCount > parent.BlockCount - info.FirstLba)
                throw new BlockDeviceException(parent.Name, info.FirstLba, "partition " + info.Number + " (" + info.BlockCount + " blocks) does not fit the disk (" + parent.BlockCount + " blocks)");
            Parent = parent;
            Info = info;
            Name = parent.Name + "#" + info.Number;
        }

        /// <summary>The disk the partition lies on.</summary>
        public IBlockDevice Parent { get; }

        /// <summary>The table entry the partition comes from.</summary>
        public PartitionInfo Info { get; }

        /// <summary>First block on the parent.</summary>
        public ulong FirstLba => Info.FirstLba;

        /// <inheritdoc />
        public string Name { get; set; }

        /// <inheritdoc />
        public int BlockSize => Parent.BlockSize;

        /// <inheritdoc />
        public ulong BlockCount => Info.BlockCount;

        /// <inheritdoc />
        public bool IsReadOnly => Parent.IsReadOnly;

        /// <inheritdoc />
        public string Description => Info.Name.Length > 0 ? Info.Name : "partition " + Info.Number + " of " + Parent.Name;

        /// <inheritdoc />
        public void Read(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.Check(this, lba, blockCount, buffer, offset);
            Parent.Read(Info.FirstLba + lba, blockCount, buffer, offset);
        }

        /// <inheritdoc />
        public void Write(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.CheckWrite(this, lba, blockCount, buffer, offset);
            Parent.Write(Info.FirstLba + lba, blockCount, buffer, offset);
        }

        /// <inheritdoc />
        public void Flush() => Parent.Flush();
    }
}
