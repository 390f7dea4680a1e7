using Sys = Cosmos.System;
using CPU = Cosmos.Core.CPU;
using HalGlobal = Cosmos.HAL.Global;

namespace EclipseOS.Kernel.Cosmos
{
    /// <summary>
    /// The Cosmos kernel class IL2CPU boots. Cosmos's own IDE driver is kept off so the disks
    /// are left to ours; everything after start-up runs on <see cref="CosmosPlatform"/>.
    /// </summary>
    public sealed class Kernel : Sys.Kernel
    {
        private CosmosPlatform? _platform;

        /// <inheritdoc />
        protected override void OnBoot()
        {
            Sys.Global.Init(GetTextScreen(), ideInit: false);
        }

        /// <inheritdoc />
        protected override void BeforeRun()
        {
            // Cosmos turns interrupts on only after BeforeRun returns, but the platform's clock
            // calibrates against PIT interrupts, and drivers wait for their devices' interrupts.
            HalGlobal.EnableInterrupts();
            _platform = new CosmosPlatform();
            var clock = (CosmosClock)_platform.Clock;
            BootBanner.Write(_platform, "TSC " + clock.TicksPerMicrosecond + " MHz");
        }

        /// <inheritdoc />
        protected override void Run()
        {
            // Nothing runs after the banner yet: sleep until the next interrupt.
            CPU.Halt();
        }
    }
}
