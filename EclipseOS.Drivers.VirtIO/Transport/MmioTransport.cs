using EclipseOS.Hal.Text;
using EclipseOS.Drivers.VirtIO.Device;
using EclipseOS.Hal;

namespace EclipseOS.Drivers.VirtIO.Transport
{
    /// <summary>
    /// virtio-mmio (VirtIO 1.1 §4.2): a window of memory-mapped registers the board describes
    /// (QEMU <c>microvm</c> has 512-byte windows from 0xFEB00000). Version 1 is the legacy
    /// layout (page-frame queue address), version 2 the modern one.
    /// </summary>
    public sealed class MmioTransport : IVirtioTransport
    {
        // Register offsets (§4.2.2, and §4.2.4 for the legacy-only ones).
        private const uint MagicValue = 0x000;
        private const uint Version = 0x004;
        private const uint DeviceId = 0x008;
        private const uint DeviceFeatures = 0x010;
        private const uint DeviceFeaturesSel = 0x014;
        private const uint DriverFeatures = 0x020;
        private const uint DriverFeaturesSel = 0x024;
        private const uint GuestPageSize = 0x028;     // v1 only
        private const uint QueueSel = 0x030;
        private const uint QueueNumMax = 0x034;
        private const uint QueueNum = 0x038;
        private const uint QueueAlign = 0x03C;        // v1 only
        private const uint QueuePfn = 0x040;          // v1 only
        private const uint QueueReady = 0x044;        // v2 only
        private const uint QueueNotify = 0x050;
        private const uint InterruptStatus = 0x060;
        private const uint InterruptAck = 0x064;
        private const uint Status = 0x070;
        private const uint QueueDescLow = 0x080;      // v2 only, then High at +4
        private const uint QueueDriverLow = 0x090;
        private const uint QueueDeviceLow = 0x0A0;
        private const uint ConfigGeneration = 0x0FC;  // v2 only
        private const uint Config = 0x100;

        /// <summary>"virt" in little-endian.</summary>
        public const uint Magic = 0x74726976;
        /// <summary>Page size told to a version 1 device; the queue address is counted in these.</summary>
        public const int LegacyPageSize = 4096;

        private readonly IPhysicalMemory _memory;
        private readonly ulong _base;
        private readonly uint _windowSize;
        private readonly int _version;

        private MmioTransport(IPhysicalMemory memory, PlatformDevice window, int version, int deviceType)
        {
            _memory = memory;
            _base = window.BaseAddress;
            _windowSize = window.Size;
            _version = version;
            DeviceType = deviceType;
            InterruptLine = window.InterruptLine;
            Location = "mmio 0x" + Hex.Lower(window.BaseAddress);
        }

        /// <summary>
        /// Looks at a virtio-mmio window: null when nothing answers there (wrong magic) or the
        /// slot is empty (device ID 0); a <see cref="VirtioException"/> for a version this driver
        /// does not know.
        /// </summary>
        public static MmioTransport? Probe(IPhysicalMemory memory, PlatformDevice window)
        {
            if (window.Size < Config)
                throw new VirtioException("virtio mmio 0x" + Hex.Lower(window.BaseAddress) + ": window of " + window.Size + " bytes is smaller than the register block");
            uint magic = memory.Read32(window.BaseAddress + MagicValue);
            if (magic != Magic) return null;
            uint version = memory.Read32(window.BaseAddress + Version);
            if (version != 1 && version != 2)
                throw new VirtioException("virtio mmio 0x" + Hex.Lower(window.BaseAddress) + ": unknown transport version " + version + " (1 and 2 are known)");
            uint deviceId = memory.Read32(window.BaseAddress + DeviceId);
            if (deviceId == 0) return null;
            return new MmioTransport(memory, window, (int)version, (int)deviceId);
        }

        /// <inheritdoc />
        public string Location { get; }

        /// <inheritdoc />
        public string Kind => _version == 1 ? "mmio v1" : "mmio v2";

        /// <inheritdoc />
        public bool IsLegacy => _version == 1;

        /// <inheritdoc />
        public int DeviceType { get; }

        /// <inheritdoc />
        public int InterruptLine { get; }

        /// <inheritdoc />
        public bool QueueSizeIsFixed => false;

        /// <inheritdoc />
        public byte ReadStatus() => (byte)Read(Status);

        /// <inheritdoc />
        public void WriteStatus(byte status) => Write(Status, status);

        /// <inheritdoc />
        public ulong ReadDeviceFeatures()
        {
            Write(DeviceFeaturesSel, 0);
            ulong low = Read(DeviceFeatures);
            if (_version == 1) return low;
            Write(DeviceFeaturesSel, 1);
            ulong high = Read(DeviceFeatures);
            return (high << 32) | low;
        }

        /// <inheritdoc />
        public void WriteDriverFeatures(ulong features)
        {
            Write(DriverFeaturesSel, 0);
            Write(DriverFeatures, (uint)features);
            if (_version == 1) return;
            Write(DriverFeaturesSel, 1);
            Write(DriverFeatures, (uint)(features >> 32));
        }

        /// <inheritdoc />
        public int ReadQueueMaxSize(int queue)
        {
            Write(QueueSel, (uint)queue);
            uint max = Read(QueueNumMax);
            return max > 0x8000 ? 0x8000 : (int)max;
        }

        /// <inheritdoc />
        public void ActivateQueue(int queue, int size, ulong descriptorTable, ulong availableRing, ulong usedRing)
        {
            if (_version == 1)
            {
                if ((descriptorTable & (LegacyPageSize - 1)) != 0 || (descriptorTable >> 12) > 0xFFFFFFFFUL)
                    throw new VirtioException("virtio " + Location + ": legacy queue at 0x" + Hex.Lower(descriptorTable) + " is not a 4096-aligned address below 16 TiB");
                Write(GuestPageSize, LegacyPageSize);
                Write(QueueSel, (uint)queue);
                Write(QueueNum, (uint)size);
                Write(QueueAlign, LegacyPageSize);
                Write(QueuePfn, (uint)(descriptorTable >> 12));
                return;
            }
            Write(QueueSel, (uint)queue);
            Write(QueueNum, (uint)size);
            WriteAddress(QueueDescLow, descriptorTable);
            WriteAddress(QueueDriverLow, availableRing);
            WriteAddress(QueueDeviceLow, usedRing);
            Write(QueueReady, 1);
        }

        /// <inheritdoc />
        public void Notify(int queue) => Write(QueueNotify, (uint)queue);

        /// <inheritdoc />
        public byte ReadInterruptStatus()
        {
            uint status = Read(InterruptStatus);
            if (status != 0)
                Write(InterruptAck, status); // The mmio line stays up until acknowledged (§4.2.2).
            return (byte)status;
        }

        /// <inheritdoc />
        public byte ReadConfigGeneration() => _version == 1 ? (byte)0 : (byte)Read(ConfigGeneration);

        /// <inheritdoc />
        public byte ReadConfig8(int offset) => _memory.Read8(ConfigAddress(offset, 1));

        /// <inheritdoc />
        public uint ReadConfig32(int offset) => _memory.Read32(ConfigAddress(offset, 4));

        /// <inheritdoc />
        public void WriteConfig8(int offset, byte value) => _memory.Write8(ConfigAddress(offset, 1), value);

        private ulong ConfigAddress(int offset, int width)
        {
            if (offset < 0 || Config + (ulong)offset + (ulong)width > _windowSize)
                throw new VirtioException("virtio " + Location + ": configuration field at " + offset + " (" + width + " bytes) lies outside the " + _windowSize + "-byte window");
            return _base + Config + (ulong)offset;
        }

        private uint Read(uint register) => _memory.Read32(_base + register);

        private void Write(uint register, uint value) => _memory.Write32(_base + register, value);

        private void WriteAddress(uint lowRegister, ulong value)
        {
            Write(lowRegister, (uint)value);
            Write(lowRegister + 4, (uint)(value >> 32));
        }
    }
}
