namespace EclipseOS.Storage
{
    /// <summary>
    /// A disk, partition, CD or RAM disk: an array of equal-sized logical blocks. Reads and
    /// writes move whole blocks; every call is bounds-checked and every failure is a
    /// <see cref="BlockDeviceException"/> naming the device, the block and the cause.
    /// </summary>
    public interface IBlockDevice
    {
        /// <summary>
        /// The name the manager gave the device (<c>vda</c>, <c>hda1</c>, <c>cd0</c> …); a
        /// driver's provisional name (<c>virtio 00:04.0</c>) until it is registered.
        /// </summary>
        string Name { get; set; }

        /// <summary>Logical block size in bytes (512, 2048, 4096 …).</summary>
        int BlockSize { get; }

        /// <summary>Number of logical blocks.</summary>
        ulong BlockCount { get; }

        /// <summary>Whether writes are refused.</summary>
        bool IsReadOnly { get; }

        /// <summary>Model, serial or other identity the hardware reports ("" when none).</summary>
        string Description { get; }

        /// <summary>
        /// Reads <paramref name="blockCount"/> blocks starting at <paramref name="lba"/> into
        /// <paramref name="buffer"/> at <paramref name="offset"/>.
        /// </summary>
        void Read(ulong lba, int blockCount, byte[] buffer, int offset);

        /// <summary>
        /// Writes <paramref name="blockCount"/> blocks starting at <paramref name="lba"/> from
        /// <paramref name="buffer"/> at <paramref name="offset"/>.
        /// </summary>
        void Write(ulong lba, int blockCount, byte[] buffer, int offset);

        /// <summary>Makes every completed write durable (a device cache flush).</summary>
        void Flush();
    }
}
