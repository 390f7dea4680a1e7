namespace EclipseOS.Hal
{
    /// <summary>Called when an interrupt line is asserted. Runs in interrupt context inside a kernel.</summary>
    /// <param name="line">The interrupt line (ISA IRQ number or I/O APIC pin).</param>
    public delegate void InterruptHandler(int line);

    /// <summary>
    /// Interrupt lines. PCI INTx lines are level-triggered and may be shared: a handler must
    /// check its own device's status and return quietly when the interrupt is not its own.
    /// </summary>
    public interface IInterrupts
    {
        /// <summary>Calls <paramref name="handler"/> whenever <paramref name="line"/> is asserted, and unmasks the line.</summary>
        void Attach(int line, InterruptHandler handler);

        /// <summary>Stops calling <paramref name="handler"/> for <paramref name="line"/>.</summary>
        void Detach(int line, InterruptHandler handler);

        /// <summary>
        /// Waits until <paramref name="line"/> is asserted (attached handlers run first) or
        /// <paramref name="timeoutMicroseconds"/> pass. Returns whether the line was asserted.
        /// A line that is already asserted returns at once.
        /// </summary>
        bool Wait(int line, long timeoutMicroseconds);

        /// <summary>
        /// What the platform knows of <paramref name="line"/>, for a message about an interrupt
        /// that did not come: how often it was raised, and the interrupt controller's state.
        /// </summary>
        string Describe(int line);
    }
}
