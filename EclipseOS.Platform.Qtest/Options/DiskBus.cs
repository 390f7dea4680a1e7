namespace EclipseOS.Platform.Qtest.Options
{
    /// <summary>How a disk image is attached to the machine.</summary>
    public enum DiskBus
    {
        /// <summary>
        /// virtio-blk: on <c>pc</c>/<c>q35</c> a transitional <c>virtio-blk-pci</c> (1af4:1001,
        /// legacy I/O BAR0 plus modern capabilities); on <c>microvm</c> a legacy virtio-mmio
        /// <c>virtio-blk-device</c>.
        /// </summary>
        Virtio,

        /// <summary>
        /// Modern-only virtio-blk: on <c>pc</c>/<c>q35</c> <c>virtio-blk-pci,disable-legacy=on</c>
        /// (1af4:1042); on <c>microvm</c> a virtio-mmio version 2 transport.
        /// </summary>
        VirtioModern,

        /// <summary>
        /// An IDE position (<c>if=ide,index=N</c>): on <c>pc</c> the PIIX3 legacy channels
        /// (index 0/1 primary master/slave at 0x1F0, 2/3 secondary at 0x170); on <c>q35</c> an
        /// ICH9 AHCI port instead. Not available on <c>microvm</c>.
        /// </summary>
        Ide,
        /// <summary>
        /// A SATA disk on an AHCI port (<c>-device ide-hd,bus=…</c>): on <c>q35</c> a port of its
        /// ICH9 AHCI (00:1f.2); on <c>pc</c> a port of an added <c>-device ahci</c>. Six ports.
        /// </summary>
        Ahci,
        /// <summary>An NVMe controller of its own (<c>-device nvme</c>) with the image as namespace 1.</summary>
        Nvme,
    }
}
