namespace EclipseOS.Storage
{
    /// <summary>What kind of hardware a block device is; decides its name and its place in the device list.</summary>
    public enum DeviceClass
    {
        /// <summary>A virtio-blk disk: <c>vda</c>, <c>vdb</c> … (listed first).</summary>
        VirtIO,

        /// <summary>An ATA (PATA) hard disk: <c>hda</c> … <c>hdd</c> by registration order.</summary>
        Ata,

        /// <summary>An ATAPI optical drive: <c>cd0</c>, <c>cd1</c> … (not scanned for partitions).</summary>
        Atapi,

        /// <summary>A RAM disk: <c>ram0</c>, <c>ram1</c> … (listed last).</summary>
        RamDisk,

        /// <summary>A SATA disk behind an AHCI controller: <c>sda</c>, <c>sdb</c> … (listed after VirtIO, before ATA).</summary>
        Sata,

        /// <summary>A CD/DVD drive behind an AHCI controller: <c>sr0</c>, <c>sr1</c> … (not scanned for partitions).</summary>
        SataAtapi,

        /// <summary>
        /// An NVMe namespace: <c>nvme0n1</c>, <c>nvme0n2</c>, <c>nvme1n1</c> … named by controller index and
        /// namespace ID rather than by registration order (listed after VirtIO, before SATA); register it with
        /// <see cref="BlockDeviceManager.RegisterNamespace"/>. Its partitions are <c>nvme0n1p1</c> ….
        /// </summary>
        Nvme,
    }
}
