namespace EclipseOS.Hal.Interrupts
{
    /// <summary>
    /// Message-signalled interrupts (PCI MSI/MSI-X): an optional capability a platform's
    /// <see cref="IPlatform.Interrupts"/> may also implement. A device signals by writing
    /// <see cref="MessageInterrupt.Data"/> to <see cref="MessageInterrupt.Address"/>; a driver
    /// programs that pair into the device and waits for it. Platforms without it (Cosmos, whose
    /// interrupt code knows only the PIC lines, and the fake platform) leave drivers on INTx or polling.
    /// </summary>
    public interface IMessageInterrupts
    {
        /// <summary>A new message (address/data pair) for one device vector; null when the platform has none left.</summary>
        MessageInterrupt? Allocate();

        /// <summary>
        /// Waits until the device sent <paramref name="message"/> or <paramref name="timeoutMicroseconds"/>
        /// pass; returns whether it was sent, and consumes it so the next wait waits for the next one.
        /// </summary>
        bool Wait(MessageInterrupt message, long timeoutMicroseconds);

        /// <summary>Returns the message to the platform; the device must no longer send it.</summary>
        void Free(MessageInterrupt message);
    }
}
