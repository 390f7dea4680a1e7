using EclipseOS.Hal.Dma;

namespace EclipseOS.Drivers.VirtIO.Block
{
    /// <summary>
    /// One request the block device has in the queue or just completed: what it asked for, the
    /// caller's buffer shared with the device, and how it ended. Its header and status byte live
    /// in the slot's own piece of DMA memory (<see cref="VirtioBlockRequestSlots"/>).
    /// </summary>
    internal sealed class BlockRequestSlot
    {
        /// <summary>A status value the device never writes (§5.2.6): preset, so a completion that did not write one is seen.</summary>
        public const byte StatusNotWritten = 0xFF;

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

        /// <summary>
        /// Why the completed request failed — the driver's reason (a timeout, a reset), the status
        /// byte, or a short transfer — with what it asked for; null when it succeeded.
        /// </summary>
        public string? DescribeFailure()
        {
            string what = VirtioBlockRequestType.Name(Type);
            string where = Type == VirtioBlockRequestType.Flush || Type == VirtioBlockRequestType.GetId
                ? what
                : what + " of " + SectorCount + " sector(s) at sector " + Sector;
            if (Failure != null)
                return where + ": " + Failure;
            switch (Status)
            {
                case VirtioBlockRequestType.StatusOk:
                    break;
                case VirtioBlockRequestType.StatusIoError:
                    return where + ": device reported an I/O error (VIRTIO_BLK_S_IOERR)";
                case VirtioBlockRequestType.StatusUnsupported:
                    return where + ": device does not support the request (VIRTIO_BLK_S_UNSUPP)";
                case StatusNotWritten:
                    return where + ": device completed the request without writing its status byte";
                default:
                    return where + ": device returned unknown status " + Status;
            }
            uint expected = 1;
            if (Type == VirtioBlockRequestType.In) expected += (uint)Length;
            else if (Type == VirtioBlockRequestType.GetId) expected += VirtioBlockRequestType.IdSize;
            if (Type == VirtioBlockRequestType.In && UsedLength < expected)
                return where + ": device wrote " + UsedLength + " bytes, expected " + expected + " (data and status)";
            return null;
        }
    }
}
