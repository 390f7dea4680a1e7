using System.Collections.Generic;
using EclipseOS.Hal;
using EclipseOS.Hal.Interrupts;
using EclipseOS.Hal.Dma;
using EclipseOS.Hal.Pci;
using EclipseOS.Hal.Serial;

namespace EclipseOS.Cosmos.Platform
{
    /// <summary>
    /// The hardware abstraction inside the Cosmos kernel: the adapter between Cosmos's core and
    /// HAL and the platform-neutral drivers. PCI configuration goes through mechanism #1 on our
    /// own port I/O (<see cref="PortPciConfigSpace"/>, the code the host tests exercise) rather
    /// than Cosmos's PCIDevice list, so capability walks and BAR decoding are the tested ones.
    /// </summary>
    public sealed class CosmosPlatform : IPlatform
    {
        private static readonly PlatformDevice[] NoPlatformDevices = new PlatformDevice[0];

        /// <summary>Builds the platform; call after Cosmos's start-up (<see cref="CosmosStartup"/>).</summary>
        public CosmosPlatform()
        {
            Ports = new CosmosPortIO();
            Memory = new CosmosPhysicalMemory();
            Dma = new CosmosDma();
            Pci = new PortPciConfigSpace(Ports);
            Clock = new CosmosClock();
            Serial = Uart16550.Open(Ports, Clock, Uart16550.Com1Base, SerialBaud);
            Log = new CosmosLog(Serial);
            Interrupts = CosmosInterrupts.Install(Clock, Log);
        }

        // What QEMU, Bochs and most serial consoles expect.
        private const uint SerialBaud = 115200;

        /// <inheritdoc />
        public string Name => "cosmos";

        /// <summary>COM1, where the log goes and the shell reads from too; null when the machine has none.</summary>
        public Uart16550? Serial { get; }

        /// <inheritdoc />
        public IPortIO Ports { get; }

        /// <inheritdoc />
        public IPhysicalMemory Memory { get; }

        /// <inheritdoc />
        public IDma Dma { get; }

        /// <inheritdoc />
        public IPciConfigSpace Pci { get; }

        /// <summary>The kernel's lines on the PICs; the kernel's idle loop ends stranded ones (<see cref="InterruptLines.EndStranded"/>).</summary>
        public InterruptLines Interrupts { get; }

        IInterrupts IPlatform.Interrupts => Interrupts;

        /// <inheritdoc />
        public IClock Clock { get; }

        /// <inheritdoc />
        public ILog Log { get; }

        /// <inheritdoc />
        /// <remarks>A PC describes no devices outside PCI that the drivers use.</remarks>
        public IReadOnlyList<PlatformDevice> PlatformDevices => NoPlatformDevices;

        /// <inheritdoc />
        /// <remarks>
        /// Nothing to emit: x86 keeps stores in order and DMA is cache-coherent, device registers
        /// are uncached (accesses to them are not reordered around other memory accesses) or
        /// port I/O (serialising), and IL2CPU does not reorder memory accesses.
        /// </remarks>
        public void MemoryBarrier()
        {
        }
    }
}
