namespace EclipseOS.Storage.Partitions
{
    /// <summary>
    /// A partition table is damaged or inconsistent. The message names the device, the block
    /// the bad structure was read from, and the field and entry at fault.
    /// </summary>
    public class PartitionTableException : BlockDeviceException
    {
        /// <summary>Creates an error about the structure at <paramref name="lba"/> of <paramref name="device"/>.</summary>
        public PartitionTableException(string device, ulong lba, string cause)
            : base(device, lba, cause)
        {
        }
    }
}
