using EclipseOS.Drivers.VirtIO.Device;

namespace EclipseOS.Drivers.VirtIO.Queue
{
    /// <summary>The device broke the virtqueue protocol (a used id it was never given, a length beyond the buffers …).</summary>
    public sealed class VirtQueueException : VirtioException
    {
        /// <summary>Creates an error with a complete message.</summary>
        public VirtQueueException(string message) : base(message)
        {
        }
    }
}
