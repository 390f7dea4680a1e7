using System;

namespace EclipseOS.Drivers.Ata.Channel
{
    /// <summary>How an ATA command went wrong.</summary>
    public enum AtaFailureKind
    {
        /// <summary>The device completed the command with ERR or DF set.</summary>
        DeviceError,
        /// <summary>A wait ran out of time (BSY stuck, DRQ never set, no interrupt, DMA never finished).</summary>
        Timeout,
        /// <summary>The bus floats (status 0xFF): the device is gone.</summary>
        Vanished,
        /// <summary>The device broke the protocol (bad byte count, wrong phase) or the controller reported a bus-master error.</summary>
        Protocol,
    }

    /// <summary>
    /// A failed ATA or ATAPI command at channel level. Devices turn it into a
    /// <see cref="EclipseOS.Storage.BlockDeviceException"/> naming the device, the block, the
    /// command and the position.
    /// </summary>
    public sealed class AtaCommandException : Exception
    {
        /// <summary>Creates the error.</summary>
        public AtaCommandException(AtaFailureKind kind, string message, byte status, byte error)
            : base(message)
        {
            Kind = kind;
            Status = status;
            ErrorRegister = error;
        }

        /// <summary>What went wrong.</summary>
        public AtaFailureKind Kind { get; }

        /// <summary>The last status register value seen.</summary>
        public byte Status { get; }

        /// <summary>The error register (for <see cref="AtaFailureKind.DeviceError"/>); for a packet device its high nibble is the sense key.</summary>
        public byte ErrorRegister { get; }
    }
}
