using EclipseOS.Drivers.Ahci;
using EclipseOS.Drivers.Ata;
using EclipseOS.Drivers.Nvme;
using EclipseOS.Drivers.VirtIO.Block;
using EclipseOS.EclipseFS;

namespace EclipseOS.Kernel.Core.Boot
{
    /// <summary>How <see cref="BootSequence"/> runs the drivers and builds the simulated disk.</summary>
    public sealed class BootOptions
    {
        /// <summary>Options of the VirtIO-blk driver.</summary>
        public VirtioBlockOptions Virtio { get; set; } = new VirtioBlockOptions();

        /// <summary>Options of the NVMe driver (interrupts or polling, MSI-X where the platform has it).</summary>
        public NvmeOptions Nvme { get; set; } = new NvmeOptions();

        /// <summary>Options of the AHCI driver (interrupts or polling).</summary>
        public AhciOptions Ahci { get; set; } = new AhciOptions();

        /// <summary>Options of the ATA driver (DMA or PIO, interrupts or polling).</summary>
        public AtaOptions Ata { get; set; } = new AtaOptions();

        /// <summary>Timestamps of the simulated disk's files, Unix seconds (the HAL has no wall clock).</summary>
        public ulong SimulatedDiskTime { get; set; }

        /// <summary>
        /// The wall clock read-write filesystems take the times of changes from: the RTC in the
        /// guest, the host's clock hosted. Null: changed nodes get time 0.
        /// </summary>
        public IUnixClock? WallClock { get; set; }
    }
}
