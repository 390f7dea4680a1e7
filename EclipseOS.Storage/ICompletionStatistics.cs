namespace EclipseOS.Storage
{
    /// <summary>
    /// How a disk's driver learns that requests completed, and how many interrupts it took:
    /// what <c>verify</c> and <c>readspeed</c> report, so a test can see interrupt-driven
    /// completion really happened (a count that grows) rather than assume it.
    /// </summary>
    public interface ICompletionStatistics
    {
        /// <summary>"IRQ 11" while completions are awaited on an interrupt line, "polling" otherwise.</summary>
        string Completion { get; }

        /// <summary>Interrupts the device raised and the driver handled since it started.</summary>
        ulong Interrupts { get; }
    }
}
