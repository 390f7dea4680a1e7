using EclipseOS.Hal.Text;
using EclipseOS.Drivers.VirtIO.Device;
using EclipseOS.Hal;

namespace EclipseOS.Drivers.VirtIO.Transport
{
    /// <summary>
    /// The legacy virtio PCI interface: one block of I/O ports in BAR0 (VirtIO 1.1 §4.1.4.8).
    /// Transitional devices (1af4:1000–103f) have it; <c>disable-modern=on</c> leaves only it.
    /// </summary>
    public sealed class LegacyPciTransport : IVirtioTransport
    {
        // Register offsets from the start of BAR0 (§4.1.4.8, "Legacy Interfaces: A Note on PCI Device Layout").
        private const ushort DeviceFeatures = 0x00;   // le32, bits 0-31
        private const ushort DriverFeatures = 0x04;   // le32
        private const ushort QueueAddress = 0x08;     // le32, page frame number (physical >> 12)
        private const ushort QueueSize = 0x0C;        // le16, read-only
        private const ushort QueueSelect = 0x0E;      // le16
        private const ushort QueueNotify = 0x10;      // le16
        private const ushort DeviceStatus = 0x12;     // u8
        private const ushort IsrStatus = 0x13;        // u8, read clears
        private const ushort DeviceConfig = 0x14;     // device-specific config when MSI-X is off (it stays off here)

        /// <summary>The legacy ring's page size: the PFN register counts 4096-byte pages (§2.6.2).</summary>
        public const int PageSize = 4096;

        private readonly IPortIO _ports;
        private readonly ushort _base;

        /// <summary>Uses the legacy registers at I/O port <paramref name="ioBase"/>.</summary>
        public LegacyPciTransport(IPortIO ports, ushort ioBase, int deviceType, string location, int interruptLine)
        {
            _ports = ports;
            _base = ioBase;
            DeviceType = deviceType;
            Location = location;
            InterruptLine = interruptLine;
        }

        /// <inheritdoc />
        public string Location { get; }

        /// <inheritdoc />
        public string Kind => "legacy";

        /// <inheritdoc />
        public bool IsLegacy => true;

        /// <inheritdoc />
        public int DeviceType { get; }

        /// <inheritdoc />
        public int InterruptLine { get; }

        /// <inheritdoc />
        public bool QueueSizeIsFixed => true;

        /// <inheritdoc />
        public byte ReadStatus() => _ports.Read8((ushort)(_base + DeviceStatus));

        /// <inheritdoc />
        public void WriteStatus(byte status) => _ports.Write8((ushort)(_base + DeviceStatus), status);

        /// <inheritdoc />
        public ulong ReadDeviceFeatures() => _ports.Read32((ushort)(_base + DeviceFeatures));

        /// <inheritdoc />
        public void WriteDriverFeatures(ulong features) => _ports.Write32((ushort)(_base + DriverFeatures), (uint)(features & VirtioFeatures.LegacyMask));

        /// <inheritdoc />
        public int ReadQueueMaxSize(int queue)
        {
            _ports.Write16((ushort)(_base + QueueSelect), (ushort)queue);
            return _ports.Read16((ushort)(_base + QueueSize));
        }

        /// <inheritdoc />
        public void ActivateQueue(int queue, int size, ulong descriptorTable, ulong availableRing, ulong usedRing)
        {
            if ((descriptorTable & (PageSize - 1)) != 0 || (descriptorTable >> 12) > 0xFFFFFFFFUL)
                throw new VirtioException("virtio " + Location + ": legacy queue at 0x" + Hex.Lower(descriptorTable) + " is not a 4096-aligned address below 16 TiB");
            _ports.Write16((ushort)(_base + QueueSelect), (ushort)queue);
            _ports.Write32((ushort)(_base + QueueAddress), (uint)(descriptorTable >> 12));
        }

        /// <inheritdoc />
        public void Notify(int queue) => _ports.Write16((ushort)(_base + QueueNotify), (ushort)queue);

        /// <inheritdoc />
        public byte ReadInterruptStatus() => _ports.Read8((ushort)(_base + IsrStatus));

        /// <inheritdoc />
        public byte ReadConfigGeneration() => 0;

        /// <inheritdoc />
        public byte ReadConfig8(int offset) => _ports.Read8((ushort)(_base + DeviceConfig + offset));

        /// <inheritdoc />
        public uint ReadConfig32(int offset) => _ports.Read32((ushort)(_base + DeviceConfig + offset));

        /// <inheritdoc />
        public void WriteConfig8(int offset, byte value) => _ports.Write8((ushort)(_base + DeviceConfig + offset), value);
    }
}
