using EclipseOS.Kernel.Core.Control;

namespace EclipseOS.Cli.Boot
{
    /// <summary>
    /// <c>reboot</c> and <c>halt</c> for a hosted kernel: the QEMU session is the machine, so a
    /// request is recorded and the boot loop ends the session (and starts a new one to reboot).
    /// </summary>
    public sealed class HostPlatformControl : IPlatformControl
    {
        /// <inheritdoc />
        public bool CanReboot => true;

        /// <inheritdoc />
        public bool CanHalt => true;

        /// <summary>Whether <c>reboot</c> was asked for.</summary>
        public bool RebootRequested { get; private set; }

        /// <summary>Whether <c>halt</c> was asked for.</summary>
        public bool HaltRequested { get; private set; }

        /// <inheritdoc />
        public void Reboot() => RebootRequested = true;

        /// <inheritdoc />
        public void Halt() => HaltRequested = true;
    }
}
