using EclipseOS.Storage;

namespace EclipseOS.Drivers.Nvme
{
    /// <summary>An NVMe command failed: the controller returned an error status, reported a fatal error, or did not answer in time.</summary>
    public sealed class NvmeCommandException : BlockDeviceException
    {
        /// <summary>An error of <paramref name="device"/> at <paramref name="lba"/> (<see cref="BlockDeviceException.NoBlock"/>: none) with the completion's <paramref name="status"/> (0 when there was none).</summary>
        public NvmeCommandException(string device, ulong lba, string cause, ushort status, bool timedOut)
            : base(device, lba, cause, timedOut)
        {
            Status = status;
        }

        /// <summary>An error of <paramref name="device"/> that concerns no block (an admin command, a flush).</summary>
        public NvmeCommandException(string device, string cause, ushort status, bool timedOut)
            : base(device, NoBlock, cause, timedOut)
        {
            Status = status;
        }

        /// <summary>The error for <paramref name="lba"/>, or for no block when it is <see cref="BlockDeviceException.NoBlock"/>.</summary>
        public static NvmeCommandException For(string device, ulong lba, string cause, ushort status, bool timedOut) =>
            lba == NoBlock ? new NvmeCommandException(device, cause, status, timedOut) : new NvmeCommandException(device, lba, cause, status, timedOut);

        /// <summary>The completion's status field: type in bits 10:8, code in 7:0 (see <see cref="Commands.NvmeStatus"/>); 0 when no completion came.</summary>
        public ushort Status { get; }

    }
}
