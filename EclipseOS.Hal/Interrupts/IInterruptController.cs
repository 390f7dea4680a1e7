namespace EclipseOS.Hal.Interrupts
{
    /// <summary>The masks and in-service state of a machine's interrupt controller (the two 8259 PICs of a PC): what <see cref="InterruptLines"/> needs of it.</summary>
    public interface IInterruptController
    {
        /// <summary>Number of lines (16 for the cascaded PICs).</summary>
        int LineCount { get; }

        /// <summary>Stops <paramref name="line"/> from interrupting the CPU.</summary>
        void Mask(int line);

        /// <summary>Lets <paramref name="line"/> interrupt the CPU.</summary>
        void Unmask(int line);

        /// <summary>
        /// The lines the controller holds in service (bit n = line n): acknowledged by the CPU,
        /// their end of interrupt not yet written. While a line is in service the controller
        /// delivers no line of the same or lower priority.
        /// </summary>
        int InService();

        /// <summary>Ends the in-service state of <paramref name="line"/> alone (a specific end of interrupt).</summary>
        void EndOfInterrupt(int line);

        /// <summary>The controller's registers in a few words (requests, in service, masks), for messages.</summary>
        string Describe();
    }
}
