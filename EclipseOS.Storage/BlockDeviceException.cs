using System;

namespace EclipseOS.Storage
{
    /// <summary>A block-device operation failed; the message names the device, the block and the cause.</summary>
    public class BlockDeviceException : Exception
    {
        /// <summary>Creates an error about <paramref name="device"/> at <paramref name="lba"/> (<see cref="NoBlock"/>: none in particular).</summary>
        public BlockDeviceException(string device, ulong lba, string cause)
            : base(device + (lba == NoBlock ? "" : ": block " + lba) + ": " + cause)
        {
            Device = device;
            Lba = lba;
            Cause = cause;
        }

        /// <summary>
        /// Creates an error about <paramref name="device"/> at <paramref name="lba"/> (<see cref="NoBlock"/>:
        /// none in particular); <paramref name="timedOut"/> when the device never answered.
        /// </summary>
        public BlockDeviceException(string device, ulong lba, string cause, bool timedOut)
            : this(device, lba, cause)
        {
            TimedOut = timedOut;
        }

        /// <summary>Creates an error about <paramref name="device"/> that concerns no block in particular.</summary>
        public BlockDeviceException(string device, string cause)
            : base(device + ": " + cause)
        {
            Device = device;
            Lba = NoBlock;
            Cause = cause;
        }

        /// <summary>The <see cref="Lba"/> of an error that concerns no block.</summary>
        public const ulong NoBlock = ulong.MaxValue;

        /// <summary>Device name.</summary>
        public string Device { get; }

        /// <summary>The block concerned, or <see cref="NoBlock"/>.</summary>
        public ulong Lba { get; }

        /// <summary>
        /// Whether the device never answered (and was reset): then running the request again, or
        /// parts of it, costs another timeout. False for an error the device reported.
        /// </summary>
        public bool TimedOut { get; }

        /// <summary>What went wrong, without the device and block.</summary>
        public string Cause { get; }
    }
}
