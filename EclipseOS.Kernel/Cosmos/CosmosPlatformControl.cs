using EclipseOS.Kernel.Core.Control;
using Sys = Cosmos.System;

namespace EclipseOS.Kernel.Cosmos
{
    /// <summary>The shell's <c>reboot</c> and <c>halt</c> on real hardware: Cosmos's keyboard-controller/CPU reset and its shutdown.</summary>
    public sealed class CosmosPlatformControl : IPlatformControl
    {
        /// <inheritdoc />
        public bool CanReboot => true;

        /// <inheritdoc />
        public bool CanHalt => true;

        /// <inheritdoc />
        public void Reboot() => Sys.Power.Reboot();

        /// <inheritdoc />
        public void Halt() => Sys.Power.Shutdown();
    }
}
