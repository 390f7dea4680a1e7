using System.Collections.Generic;
using EclipseOS.Hal.Dma;
using EclipseOS.Hal.Pci;

namespace EclipseOS.Hal
{
    /// <summary>
    /// Everything a driver may touch of a machine. Implemented by the Cosmos kernel (real
    /// hardware), the QEMU-qtest host platform (QEMU's real device models) and the fake
    /// platform (in-process devices with fault injection).
    /// </summary>
    public interface IPlatform
    {
        /// <summary>Short name for logs ("cosmos", "qtest pc", "fake").</summary>
        string Name { get; }

        /// <summary>Port I/O.</summary>
        IPortIO Ports { get; }

        /// <summary>Physical memory and MMIO.</summary>
        IPhysicalMemory Memory { get; }

        /// <summary>DMA memory.</summary>
        IDma Dma { get; }

        /// <summary>PCI configuration space; a machine without PCI enumerates no functions.</summary>
        IPciConfigSpace Pci { get; }

        /// <summary>Interrupt lines.</summary>
        IInterrupts Interrupts { get; }

        /// <summary>Monotonic clock.</summary>
        IClock Clock { get; }

        /// <summary>Log sink.</summary>
        ILog Log { get; }

        /// <summary>Devices the board describes rather than a bus enumerates (virtio-mmio windows).</summary>
        IReadOnlyList<PlatformDevice> PlatformDevices { get; }

        /// <summary>
        /// A full memory barrier: all memory writes before it are visible to devices before any
        /// after it, and reads after it see what devices wrote before it.
        /// </summary>
        void MemoryBarrier();
    }
}
