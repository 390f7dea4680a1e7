using EclipseOS.Kernel.Core;
using EclipseOS.Kernel.Core.Boot;
using EclipseOS.Kernel.Core.Logging;
using System;
using System.Collections.Generic;
using EclipseOS.Kernel.Core.Console;
using EclipseOS.Kernel.Core.Shell;
using EclipseOS.Cosmos.FileSystem;
using EclipseOS.Cosmos.Platform;
using EclipseOS.Hal.Interrupts;
using EclipseOS.Hal.Serial;
using EclipseOS.Kernel.Cosmos.Shell;
using Sys = Cosmos.System;
using CPU = Cosmos.Core.CPU;
using HalGlobal = Cosmos.HAL.Global;

namespace EclipseOS.Kernel.Cosmos
{
    /// <summary>
    /// The Cosmos kernel class IL2CPU boots. Cosmos's own disk and network drivers are kept off
    /// (<see cref="CosmosStartup"/>) so the disks are left to ours. After start-up it runs the platform-neutral kernel core — the same
    /// boot sequence and shell the host tests run on QEMU's devices — on <see cref="CosmosPlatform"/>.
    /// </summary>
    public sealed class Kernel : Sys.Kernel
    {
        private ShellConsole? _console;
        private InterruptLines? _interrupts;

        /// <inheritdoc />
        /// <remarks>No exception may leave the kernel's overrides (see <see cref="FatalReport"/>).</remarks>
        protected override void OnBoot()
        {
            try
            {
                CosmosStartup.Init(GetTextScreen());
            }
            catch (Exception e)
            {
                // Our drivers need little of Cosmos's HAL: say what failed and boot on.
                FatalReport.Write("Cosmos start-up failed; carrying on", e);
            }
        }

        /// <inheritdoc />
        protected override void BeforeRun()
        {
            try
            {
                StartKernel();
            }
            catch (Exception e)
            {
                FatalReport.Write("start-up failed; the shell cannot start", e);
                _console = null;
            }
        }

        /// <summary>The platform, the boot sequence and the shell.</summary>
        private void StartKernel()
        {
            // Cosmos turns interrupts on only after BeforeRun returns, but the platform's clock
            // calibrates against PIT interrupts, and drivers wait for their devices' interrupts.
            HalGlobal.EnableInterrupts();
            var platform = new CosmosPlatform();
            _interrupts = platform.Interrupts;
            var clock = (CosmosClock)platform.Clock;
            BootBanner.Write(platform, "TSC " + clock.TicksPerMicrosecond + " MHz" + (clock.Calibrated ? "" : ", assumed: the PIT did not answer"));

            var log = new KernelLog(platform.Log);
            // Inside the guest the drivers wait for their devices' interrupts (and fall back to
            // polling when a line stays silent); fw_cfg boot options may say otherwise.
            var wallClock = new RtcUnixClock();
            var options = new BootOptions { SimulatedDiskTime = wallClock.UnixSeconds, WallClock = wallClock };
            options.Virtio.UseInterrupts = true;
            options.Ahci.UseInterrupts = true;
            options.Nvme.UseInterrupts = true;
            // A harness (eclipse run --boot-option, the guest tests) passes options through QEMU's fw_cfg.
            BootOptionsText.ApplyFromFwCfg(platform.Ports, options, log);
            KernelContext kernel = BootSequence.Run(platform, log, new CosmosPlatformControl(), options);
            // System.IO writes through the kernel's own volumes: one volume per device.
            CosmosVfsBridge.Start(kernel.Devices, kernel.Volumes, log);

            // The shell reads the keyboard and COM1 alike; a byte arriving on COM1 raises IRQ 4,
            // which only wakes the CPU from its halt in Run (the port is polled).
            var terminals = new List<IConsoleTerminal> { new VgaKeyboardTerminal() };
            if (platform.Serial != null)
            {
                terminals.Add(new SerialTerminal(platform.Serial));
                platform.Interrupts.Attach(Uart16550.Com1Irq, WakeOnly);
                platform.Serial.EnableReceiveInterrupt(true);
            }
            _console = new ShellConsole(kernel, terminals);
            // Commands that go through System.IO exist only where Cosmos's VFS does.
            _console.Shell.Commands.Add(new SystemIoCatCommand());
            _console.Shell.Commands.Add(new SystemIoLsCommand());
            _console.Shell.Commands.Add(new SystemIoSumCommand());
            _console.Shell.Commands.Add(new SystemIoWriteCommand());
            _console.Shell.Commands.Add(new SystemIoAppendCommand());
            _console.Shell.Commands.Add(new SystemIoRmCommand());
            _console.Shell.Commands.Add(new SystemIoMkdirCommand());
            _console.Shell.Commands.Add(new SystemIoRmdirCommand());
            _console.Shell.Commands.Add(new SystemIoMvCommand());
            _console.Shell.Commands.Add(new SystemIoDfCommand());
            _console.WriteLine("Type help for the commands.");
            _console.Start();
        }

        private static void WakeOnly(int line)
        {
        }

        /// <inheritdoc />
        protected override void Run()
        {
            try
            {
                // Idle (nothing typed) or after a reboot/halt that did not take the machine down:
                // halt until the next interrupt (timer, keyboard, COM1) rather than spin. A PIC
                // line left in service would keep that halt from ever ending (line 0 holds back
                // every interrupt), so stranded lines are ended first; every wake-up passes here
                // before the next halt.
                if (_console == null || _console.ExitRequested || !_console.Poll())
                {
                    _interrupts?.EndStranded();
                    CPU.Halt();
                }
            }
            catch (Exception e)
            {
                // The shell reports a command's exceptions itself; this is the console loop failing.
                FatalReport.Write("shell loop", e);
            }
        }
    }
}
