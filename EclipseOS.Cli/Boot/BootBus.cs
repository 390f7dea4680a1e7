namespace EclipseOS.Cli.Boot
{
    /// <summary>Where <c>eclipse boot</c> attaches its disks.</summary>
    public enum BootBus
    {
        /// <summary>Each disk as a virtio-blk PCI device.</summary>
        Virtio,
        /// <summary>Each disk at an IDE position (primary master first; at most four; <c>pc</c> only).</summary>
        Ide,
        /// <summary>Each disk twice: virtio-blk (read-only) and IDE (writes go to a throw-away overlay).</summary>
        Both,
        /// <summary>Each disk on an AHCI port (q35: its ICH9 AHCI; pc: an added controller; at most six).</summary>
        Ahci,
        /// <summary>Each disk as an NVMe controller of its own (namespace 1).</summary>
        Nvme,
        /// <summary>No disks: the kernel boots on its simulated disk.</summary>
        None,
    }
}
