namespace EclipseOS.Hal.Interrupts
{
    /// <summary>The masks of a machine's interrupt controller (the two 8259 PICs of a PC): the one thing <see cref="InterruptLines"/> needs of it.</summary>
    public interface IInterruptController
    {
        /// <summary>Number of lines (16 for the cascaded PICs).</summary>
        int LineCount { get; }

        /// <summary>Stops <paramref name="line"/> from interrupting the CPU.</summary>
        void Mask(int line);

        /// <summary>Lets <paramref name="line"/> interrupt the CPU.</summary>
        void Unmask(int line);

        /// <summary>The controller's registers in a few words (requests, in service, masks), for messages.</summary>
        string Describe();
    }
}
