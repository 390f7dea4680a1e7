namespace EclipseOS.Cli.Run
{
    /// <summary>Where <c>eclipse run</c> attaches the disks.</summary>
    public enum DiskBus
    {
        /// <summary>virtio-blk on PCI (the kernel's VirtIO driver).</summary>
        Virtio,

        /// <summary>The PIIX IDE controller (the kernel's ATA driver).</summary>
        Ide,

        /// <summary>Every disk on both: VirtIO wins the root, ATA still lists the disks.</summary>
        Both,

        /// <summary>SATA disks on an AHCI controller (the AHCI driver): on pc an added <c>-device ahci</c>, on q35 its own ICH9 AHCI.</summary>
        Ahci,

        /// <summary>Each disk as an NVMe controller of its own (namespace 1): the NVMe driver.</summary>
        Nvme,
    }
}
