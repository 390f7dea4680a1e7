namespace EclipseOS.Platform.Qtest.Options
{
    /// <summary>The QEMU x86 boards the qtest platform knows how to play firmware for.</summary>
    public enum QemuMachine
    {
        /// <summary><c>pc</c>: i440FX host bridge + PIIX3 (legacy IDE at 0x1F0/0x170), PCI.</summary>
        Pc,

        /// <summary><c>q35</c>: Q35 host bridge + ICH9 (AHCI, LPC), PCI Express.</summary>
        Q35,

        /// <summary><c>microvm</c>: no PCI; virtio-mmio transports at 0xFEB00000.</summary>
        Microvm,
    }
}
