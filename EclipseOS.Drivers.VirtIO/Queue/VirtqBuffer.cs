namespace EclipseOS.Drivers.VirtIO.Queue
{
    /// <summary>One buffer of a request: where it is (device address), how long, and which way the data goes.</summary>
    public struct VirtqBuffer
    {
        /// <summary>Device address of the first byte.</summary>
        public ulong Address;

        /// <summary>Length in bytes.</summary>
        public uint Length;

        /// <summary>Whether the device writes it (otherwise the device only reads it).</summary>
        public bool DeviceWritable;

        /// <summary>Describes a buffer.</summary>
        public VirtqBuffer(ulong address, uint length, bool deviceWritable)
        {
            Address = address;
            Length = length;
            DeviceWritable = deviceWritable;
        }
    }
}
