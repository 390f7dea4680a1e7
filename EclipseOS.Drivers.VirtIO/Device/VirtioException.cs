using System;

namespace EclipseOS.Drivers.VirtIO.Device
{
    /// <summary>
    /// A virtio device could not be set up or broke the protocol (FEATURES_OK refused, no
    /// queue, a used id that was never posted …). The message names the device and the cause.
    /// </summary>
    public class VirtioException : Exception
    {
        /// <summary>Creates an error with a complete message.</summary>
        public VirtioException(string message) : base(message)
        {
        }
    }
}
