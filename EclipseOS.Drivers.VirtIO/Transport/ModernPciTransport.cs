using EclipseOS.Hal.Text;
using EclipseOS.Drivers.VirtIO.Device;
using EclipseOS.Hal;

namespace EclipseOS.Drivers.VirtIO.Transport
{
    /// <summary>
    /// The modern (VirtIO 1.0+) PCI interface: common configuration, notification area, ISR
    /// and device configuration in memory BARs found through capabilities (VirtIO 1.1 §4.1.4).
    /// </summary>
    public sealed class ModernPciTransport : IVirtioTransport
    {
        // struct virtio_pci_common_cfg (§4.1.4.3).
        private const int DeviceFeatureSelect = 0x00; // le32
        private const int DeviceFeature = 0x04;       // le32
        private const int DriverFeatureSelect = 0x08; // le32
        private const int DriverFeature = 0x0C;       // le32
        private const int DeviceStatus = 0x14;        // u8
        private const int ConfigGeneration = 0x15;    // u8
        private const int QueueSelect = 0x16;         // le16
        private const int QueueSize = 0x18;           // le16
        private const int QueueEnable = 0x1C;         // le16
        private const int QueueNotifyOff = 0x1E;      // le16
        private const int QueueDesc = 0x20;           // le64 as two le32
        private const int QueueDriver = 0x28;         // le64
        private const int QueueDevice = 0x30;         // le64

        /// <summary>Bytes of common configuration this transport uses (through <c>queue_device</c>).</summary>
        public const uint CommonConfigLength = 0x38;

        /// <summary>Queues whose notify address is cached; queues beyond are refused.</summary>
        private const int MaxQueues = 64;

        private readonly IPhysicalMemory _memory;
        private readonly VirtioPciCapabilities _layout;
        private readonly ulong[] _notifyAddress = new ulong[MaxQueues];

        /// <summary>Uses the registers described by <paramref name="layout"/>.</summary>
        public ModernPciTransport(IPhysicalMemory memory, VirtioPciCapabilities layout, int deviceType, string location, int interruptLine)
        {
            _memory = memory;
            _layout = layout;
            DeviceType = deviceType;
            Location = location;
            InterruptLine = interruptLine;
        }

        /// <inheritdoc />
        public string Location { get; }

        /// <inheritdoc />
        public string Kind => "modern";

        /// <inheritdoc />
        public bool IsLegacy => false;

        /// <inheritdoc />
        public int DeviceType { get; }

        /// <inheritdoc />
        public int InterruptLine { get; }

        /// <inheritdoc />
        public bool QueueSizeIsFixed => false;

        /// <inheritdoc />
        public byte ReadStatus() => _memory.Read8(_layout.Common + DeviceStatus);

        /// <inheritdoc />
        public void WriteStatus(byte status) => _memory.Write8(_layout.Common + DeviceStatus, status);

        /// <inheritdoc />
        public ulong ReadDeviceFeatures()
        {
            _memory.Write32(_layout.Common + DeviceFeatureSelect, 0);
            ulong low = _memory.Read32(_layout.Common + DeviceFeature);
            _memory.Write32(_layout.Common + DeviceFeatureSelect, 1);
            ulong high = _memory.Read32(_layout.Common + DeviceFeature);
            return (high << 32) | low;
        }

        /// <inheritdoc />
        public void WriteDriverFeatures(ulong features)
        {
            _memory.Write32(_layout.Common + DriverFeatureSelect, 0);
            _memory.Write32(_layout.Common + DriverFeature, (uint)features);
            _memory.Write32(_layout.Common + DriverFeatureSelect, 1);
            _memory.Write32(_layout.Common + DriverFeature, (uint)(features >> 32));
        }

        /// <inheritdoc />
        public int ReadQueueMaxSize(int queue)
        {
            if (queue < 0 || queue >= MaxQueues) return 0;
            _memory.Write16(_layout.Common + QueueSelect, (ushort)queue);
            return _memory.Read16(_layout.Common + QueueSize);
        }

        /// <inheritdoc />
        public void ActivateQueue(int queue, int size, ulong descriptorTable, ulong availableRing, ulong usedRing)
        {
            if (queue < 0 || queue >= MaxQueues)
                throw new VirtioException("virtio " + Location + ": queue " + queue + " is beyond the " + MaxQueues + " this driver supports");
            ulong common = _layout.Common;
            _memory.Write16(common + QueueSelect, (ushort)queue);
            _memory.Write16(common + QueueSize, (ushort)size);
            WriteAddress(common + QueueDesc, descriptorTable);
            WriteAddress(common + QueueDriver, availableRing);
            WriteAddress(common + QueueDevice, usedRing);
            ulong notifyOffset = (ulong)_memory.Read16(common + QueueNotifyOff) * _layout.NotifyOffMultiplier;
            if (notifyOffset + 2 > _layout.NotifyLength)
                throw new VirtioException("virtio " + Location + ": queue " + queue + " notify offset 0x" + Hex.Lower(notifyOffset) + " lies outside the " + _layout.NotifyLength + "-byte notification area");
            _notifyAddress[queue] = _layout.Notify + notifyOffset;
            _memory.Write16(common + QueueEnable, 1);
        }

        /// <inheritdoc />
        public void Notify(int queue)
        {
            if (queue < 0 || queue >= MaxQueues || _notifyAddress[queue] == 0)
                throw new VirtioException("virtio " + Location + ": queue " + queue + " notified before it was activated");
            _memory.Write16(_notifyAddress[queue], (ushort)queue);
        }

        /// <inheritdoc />
        public byte ReadInterruptStatus() => _memory.Read8(_layout.Isr);

        /// <inheritdoc />
        public byte ReadConfigGeneration() => _memory.Read8(_layout.Common + ConfigGeneration);

        /// <inheritdoc />
        public byte ReadConfig8(int offset) => _memory.Read8(DeviceConfigAddress(offset, 1));

        /// <inheritdoc />
        public uint ReadConfig32(int offset) => _memory.Read32(DeviceConfigAddress(offset, 4));

        /// <inheritdoc />
        public void WriteConfig8(int offset, byte value) => _memory.Write8(DeviceConfigAddress(offset, 1), value);

        private ulong DeviceConfigAddress(int offset, int width)
        {
            if (_layout.DeviceConfig == 0 || offset < 0 || (ulong)(offset + width) > _layout.DeviceConfigLength)
                throw new VirtioException("virtio " + Location + ": device configuration field at " + offset + " (" + width + " bytes) lies outside the " + _layout.DeviceConfigLength + "-byte device configuration");
            return _layout.DeviceConfig + (ulong)offset;
        }

        // 64-bit fields are written as two naturally aligned 32-bit halves (§4.1.3.1).
        private void WriteAddress(ulong register, ulong value)
        {
            _memory.Write32(register, (uint)value);
            _memory.Write32(register + 4, (uint)(value >> 32));
        }
    }
}
