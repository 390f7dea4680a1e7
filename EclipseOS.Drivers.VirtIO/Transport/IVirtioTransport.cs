namespace EclipseOS.Drivers.VirtIO.Transport
{
    /// <summary>
    /// How a driver reaches one virtio device's registers: legacy PCI (I/O ports), modern PCI
    /// (capabilities into memory BARs) or virtio-mmio. Everything above this interface — the
    /// initialisation sequence, the virtqueues, the block device — is the same for all three.
    /// </summary>
    public interface IVirtioTransport
    {
        /// <summary>Where the device is, e.g. <c>00:04.0</c> or <c>mmio 0xfeb00000</c>.</summary>
        string Location { get; }

        /// <summary>Transport name for logs: <c>legacy</c>, <c>modern</c>, <c>mmio v1</c>, <c>mmio v2</c>.</summary>
        string Kind { get; }

        /// <summary>
        /// Whether this is a legacy interface (VirtIO 1.1 §4.1.4.8, §4.2.4): only feature bits
        /// 0–31, no FEATURES_OK step, the queue given as one page-aligned region.
        /// </summary>
        bool IsLegacy { get; }

        /// <summary>Virtio device type (2 = block; 0 = nothing there).</summary>
        int DeviceType { get; }

        /// <summary>Interrupt line the device raises, or -1 when none is routed.</summary>
        int InterruptLine { get; }

        /// <summary>Reads the device status byte.</summary>
        byte ReadStatus();

        /// <summary>Writes the device status byte (0 resets the device).</summary>
        void WriteStatus(byte status);

        /// <summary>Reads all feature bits the device offers (bits 32–63 read 0 on a legacy interface).</summary>
        ulong ReadDeviceFeatures();

        /// <summary>Writes the feature bits the driver accepts.</summary>
        void WriteDriverFeatures(ulong features);

        /// <summary>Largest size queue <paramref name="queue"/> may have; 0 when the queue does not exist.</summary>
        int ReadQueueMaxSize(int queue);

        /// <summary>
        /// Whether the queue size is fixed at <see cref="ReadQueueMaxSize"/> (legacy PCI) rather
        /// than chosen by the driver up to that maximum.
        /// </summary>
        bool QueueSizeIsFixed { get; }

        /// <summary>
        /// Tells the device where queue <paramref name="queue"/> of <paramref name="size"/>
        /// entries lives and enables it. On a legacy interface the three parts must form the
        /// one 4096-aligned region of §2.6.2 (descriptor table first).
        /// </summary>
        void ActivateQueue(int queue, int size, ulong descriptorTable, ulong availableRing, ulong usedRing);

        /// <summary>Notifies the device that queue <paramref name="queue"/> has new buffers (one register write).</summary>
        void Notify(int queue);

        /// <summary>
        /// Reads and acknowledges the interrupt status: bit 0 = a used ring changed, bit 1 =
        /// the configuration changed. 0 means the interrupt was not this device's.
        /// </summary>
        byte ReadInterruptStatus();

        /// <summary>Configuration generation counter (always 0 on a legacy interface, which has none).</summary>
        byte ReadConfigGeneration();

        /// <summary>Reads a byte of device-specific configuration.</summary>
        byte ReadConfig8(int offset);

        /// <summary>Reads a little-endian 32-bit field of device-specific configuration.</summary>
        uint ReadConfig32(int offset);

        /// <summary>Writes a byte of device-specific configuration.</summary>
        void WriteConfig8(int offset, byte value);
    }
}
