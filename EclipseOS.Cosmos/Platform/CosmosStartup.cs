using ACPI = Cosmos.Core.ACPI;
using CoreGlobal = Cosmos.Core.Global;
using HalGlobal = Cosmos.HAL.Global;
using PCI = Cosmos.HAL.PCI;
using SysConsole = Cosmos.System.Console;
using SysGlobal = Cosmos.System.Global;
using TextScreenBase = Cosmos.HAL.TextScreenBase;

namespace EclipseOS.Cosmos.Platform
{
    /// <summary>
    /// Cosmos's start-up (what <c>Cosmos.System.Global.Init</c> does) without Cosmos's own disk
    /// and network drivers: the console, the core (PIC, interrupts), PCI, ACPI and the PS/2
    /// keyboard. <c>Global.Init</c> cannot leave out Cosmos's AHCI driver, which claims the SATA
    /// disks our drivers own and throws IndexOutOfRangeException on QEMU's q35 board, aborting the
    /// rest of the start-up (docs/kernel.md). The IDE driver and networking are left out as well:
    /// the disks are ours, and a NIC sharing a PCI interrupt line with a disk must stay quiet.
    /// The PIT ticks periodically (<see cref="IdleTickHz"/>) instead of Cosmos's one-shot.
    /// </summary>
    public static class CosmosStartup
    {
        /// <summary>Brings up what the kernel uses of Cosmos, on <paramref name="textScreen"/>.</summary>
        public static void Init(TextScreenBase textScreen)
        {
            SysGlobal.Console = new SysConsole(textScreen);
            HalGlobal.TextScreen = textScreen;
            CoreGlobal.Init();
            PCI.Setup();
            ACPI.Start();
            // The keyboard; the PS/2 mouse's scroll wheel as Cosmos's default start-up has it.
            HalGlobal.PS2Controller.Initialize(true);
            // Cosmos leaves the PIT in one-shot mode, so an idle `hlt` can sleep for ever when the
            // interrupt meant to end it came just before it (the shell's wait for COM1 lost a
            // keystroke that way: the UART's edge-triggered IRQ 4 fires once per burst). A
            // periodic tick bounds every such sleep to one period.
            HalGlobal.PIT.T0RateGen = true;
            HalGlobal.PIT.T0Frequency = IdleTickHz;
        }

        /// <summary>The PIT's periodic tick: the longest an idle halt lasts when a wake-up interrupt was missed.</summary>
        public const uint IdleTickHz = 100;
    }
}
