using EclipseOS.Storage;

namespace EclipseOS.Drivers.Ahci.Port
{
    /// <summary>A command on an AHCI port failed: the device reported an error, the HBA a fatal one, or nothing completed in time.</summary>
    public sealed class AhciCommandException : BlockDeviceException
    {
        /// <summary>Creates the exception for <paramref name="device"/> at <paramref name="lba"/> (ulong.MaxValue: none); <paramref name="timedOut"/> when it never completed (the port has been reset since).</summary>
        public AhciCommandException(string device, ulong lba, string message, bool timedOut)
            : base(device, lba, message, timedOut)
        {
        }
    }
}
