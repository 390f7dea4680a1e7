namespace EclipseOS.Kernel.Core.Control
{
    /// <summary>
    /// What the shell's <c>reboot</c> and <c>halt</c> ask of the machine. Cosmos resets or stops
    /// the CPU; the hosted boot ends (or restarts) its QEMU session.
    /// </summary>
    public interface IPlatformControl
    {
        /// <summary>Whether <see cref="Reboot"/> can do anything on this platform.</summary>
        bool CanReboot { get; }

        /// <summary>Whether <see cref="Halt"/> can do anything on this platform.</summary>
        bool CanHalt { get; }

        /// <summary>Restarts the machine. May return (hosted) after arranging the restart.</summary>
        void Reboot();

        /// <summary>Stops the machine. May return (hosted) after arranging the stop.</summary>
        void Halt();
    }
}
