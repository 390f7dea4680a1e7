using EclipseOS.Hal.Dma;
using EclipseOS.Platform.Qtest;

namespace EclipseOS.Tests.Qtest
{
    /// <summary>
    /// Just enough of a legacy virtio-blk driver (virtio 1.2 §4.1.4.8 legacy register layout,
    /// §2.7 split virtqueue, §5.2.6 request) to make the device raise INTx in platform tests —
    /// written out register by register so a failure points at the platform, not a driver.
    /// </summary>
    internal sealed class HandRolledVirtioRequest
    {
        private readonly IDmaBuffer _ring;
        private readonly IDmaBuffer _request;
        private readonly int _usedOffset;

        private const ushort DeviceFeatures = 0x00;
        private const ushort GuestFeatures = 0x04;
        private const ushort QueueAddress = 0x08;
        private const ushort QueueSize = 0x0C;
        private const ushort QueueSelect = 0x0E;
        private const ushort QueueNotify = 0x10;
        private const ushort DeviceStatus = 0x12;
        public const ushort Isr = 0x13;
        private const byte Acknowledge = 1, Driver = 2, DriverOk = 4;

        /// <summary>Sets the device up through the legacy I/O BAR at <paramref name="ioBase"/> and submits a read of sector 0.</summary>
        public HandRolledVirtioRequest(QtestPlatform platform, ushort ioBase)
            : this(platform,
                   status => platform.Ports.Write8((ushort)(ioBase + DeviceStatus), status),
                   () =>
                   {
                       platform.Ports.Read32((ushort)(ioBase + DeviceFeatures));
                       platform.Ports.Write32((ushort)(ioBase + GuestFeatures), 0);
                       platform.Ports.Write16((ushort)(ioBase + QueueSelect), 0);
                       return platform.Ports.Read16((ushort)(ioBase + QueueSize));
                   },
                   (ring, size) => platform.Ports.Write32((ushort)(ioBase + QueueAddress), (uint)(ring >> 12)),
                   () => platform.Ports.Write16((ushort)(ioBase + QueueNotify), 0))
        {
        }

        private HandRolledVirtioRequest(QtestPlatform platform, System.Action<byte> setStatus, System.Func<int> selectQueue0,
            System.Action<ulong, int> setRing, System.Action notify)
        {
            setStatus(0);
            setStatus(Acknowledge);
            setStatus(Acknowledge | Driver);
            int size = selectQueue0();
            int availOffset = 16 * size;
            int usedOffset = (availOffset + 6 + 2 * size + 4095) & ~4095;
            IDmaBuffer ring = platform.Dma.Allocate(usedOffset + 6 + 8 * size, 4096);
            setRing(ring.PhysicalAddress, size);
            setStatus(Acknowledge | Driver | DriverOk);

            IDmaBuffer request = platform.Dma.Allocate(1024, 16);
            request.Write32(0, 0);    // type: VIRTIO_BLK_T_IN
            request.Write64(8, 0);    // sector 0
            request.Write8(16, 0xFF); // status, overwritten by the device
            WriteDescriptor(ring, 0, request.PhysicalAddress, 16, 1, 1);
            WriteDescriptor(ring, 1, request.PhysicalAddress + 512, 512, 1 | 2, 2);
            WriteDescriptor(ring, 2, request.PhysicalAddress + 16, 1, 2, 0);
            ring.Write16(availOffset + 4, 0);
            ring.Write16(availOffset + 2, 1);
            platform.MemoryBarrier();
            notify();
            _ring = ring;
            _request = request;
            _usedOffset = usedOffset;
        }

        /// <summary>
        /// The same through a legacy (version 1) virtio-mmio window at <paramref name="window"/>
        /// (virtio 1.2 §4.2.4 legacy register layout).
        /// </summary>
        public static HandRolledVirtioRequest OverMmio(QtestPlatform platform, ulong window)
        {
            var memory = platform.Memory;
            return new HandRolledVirtioRequest(platform,
                status => memory.Write32(window + 0x070, status),
                () =>
                {
                    memory.Write32(window + 0x028, 4096); // GuestPageSize
                    memory.Write32(window + 0x030, 0);    // QueueSel
                    int size = (int)System.Math.Min(256u, memory.Read32(window + 0x034)); // QueueNumMax
                    memory.Write32(window + 0x038, (uint)size); // QueueNum
                    return size;
                },
                (ring, size) =>
                {
                    memory.Write32(window + 0x03C, 4096);             // QueueAlign
                    memory.Write32(window + 0x040, (uint)(ring >> 12)); // QueuePFN
                },
                () => memory.Write32(window + 0x050, 0));
        }

        /// <summary>InterruptACK offset of a virtio-mmio window.</summary>
        public const ulong MmioInterruptAck = 0x064;

        /// <summary>InterruptStatus offset of a virtio-mmio window.</summary>
        public const ulong MmioInterruptStatus = 0x060;

        /// <summary>The used ring's index (1 once the device completed the request).</summary>
        public ushort UsedIndex => _ring.Read16(_usedOffset + 2);

        /// <summary>The request's status byte (0 = OK).</summary>
        public byte Status => _request.Read8(16);

        /// <summary>The sector the device wrote.</summary>
        public byte[] Data()
        {
            var data = new byte[512];
            _request.Read(512, data, 0, 512);
            return data;
        }

        /// <summary>Returns the DMA memory.</summary>
        public void Free()
        {
            _ring.Free();
            _request.Free();
        }

        private static void WriteDescriptor(IDmaBuffer ring, int index, ulong address, uint length, ushort flags, ushort next)
        {
            ring.Write64(16 * index, address);
            ring.Write32(16 * index + 8, length);
            ring.Write16(16 * index + 12, flags);
            ring.Write16(16 * index + 14, next);
        }
    }
}
