namespace EclipseOS.Hal.Dma
{
    /// <summary>
    /// DMA memory, the way rcore's virtio-drivers <c>Hal</c> models it: drivers allocate
    /// long-lived regions (rings), and <em>share</em> a caller's buffer with the device for
    /// one transfer. Inside Cosmos sharing is free (no paging, the GC never moves arrays, so
    /// an array's address is physical); a hosted platform bounce-copies, so a driver that
    /// touches the data before <see cref="Unshare"/> sees stale bytes there as it would on
    /// an IOMMU machine.
    /// </summary>
    public interface IDma
    {
        /// <summary>
        /// Allocates a zeroed, physically contiguous buffer of <paramref name="size"/> bytes
        /// whose physical address is a multiple of <paramref name="alignment"/> (a power of two).
        /// </summary>
        IDmaBuffer Allocate(int size, int alignment);

        /// <summary>
        /// Makes <paramref name="length"/> bytes of <paramref name="buffer"/> at
        /// <paramref name="offset"/> visible to the device and returns the address the device
        /// uses. For <see cref="DmaDirection.DriverToDevice"/> and <see cref="DmaDirection.Both"/>
        /// the device sees the buffer's current bytes. The caller keeps <paramref name="buffer"/>
        /// referenced until <see cref="Unshare"/>.
        /// </summary>
        ulong Share(byte[] buffer, int offset, int length, DmaDirection direction);

        /// <summary>
        /// Ends a transfer started by <see cref="Share"/> with the same arguments; for
        /// <see cref="DmaDirection.DeviceToDriver"/> and <see cref="DmaDirection.Both"/> the
        /// device's bytes are in <paramref name="buffer"/> afterwards.
        /// </summary>
        void Unshare(ulong deviceAddress, byte[] buffer, int offset, int length, DmaDirection direction);
    }
}
