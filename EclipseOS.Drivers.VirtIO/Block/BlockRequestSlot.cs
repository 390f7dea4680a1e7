using EclipseOS.Hal.Dma;

namespace EclipseOS.Drivers.VirtIO.Block
{
    /// <summary>
    /// One request the block device has in the queue or just completed: what it asked for, the
    /// caller's buffer shared with the device, and how it ended. Its header and status byte live
    /// in the slot's own piece of DMA memory.
    /// </summary>
    internal sealed class BlockRequestSlot
    {
        public uint Type;
        public ulong Sector;
        public uint SectorCount;   // DISCARD / WRITE_ZEROES range, and IN/OUT length in sectors
        public uint RangeFlags;    // WRITE_ZEROES unmap flag
        public byte[]? Data;
        public int Offset;
        public int Length;
        public ulong DeviceAddress;
        public DmaDirection Direction;
        public bool Shared;
        public bool Busy;          // taken by a caller, until Finish
        public bool InQueue;       // posted, not yet completed
        public bool Completed;     // completed (or failed), waiting for Finish
        public int Attempts;
        public byte Status;
        public uint UsedLength;
        public string? Failure;    // set when the request failed for a reason other than the status byte
    }
}
