namespace EclipseOS.Hal.Interrupts
{
    /// <summary>One message-signalled interrupt: what a device writes where to raise it.</summary>
    public sealed class MessageInterrupt
    {
        /// <summary>Creates a message the device sends by writing <paramref name="data"/> (32 bits) to <paramref name="address"/>.</summary>
        public MessageInterrupt(ulong address, uint data)
        {
            Address = address;
            Data = data;
        }

        /// <summary>The message address a device writes to (PCI MSI-X table entry, message address).</summary>
        public ulong Address { get; }

        /// <summary>The message data it writes.</summary>
        public uint Data { get; }
    }
}
