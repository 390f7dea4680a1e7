using System;
using System.Collections.Generic;
using EclipseOS.Hal.Dma;
using EclipseOS.Platform.Qtest.Devices;

namespace EclipseOS.Platform.Qtest.Dma
{
    /// <summary>
    /// DMA memory carved from guest RAM. <see cref="Share"/> bounce-copies the caller's bytes
    /// into guest RAM (the device cannot see host memory), as an IOMMU-less hosted platform must.
    /// </summary>
    public sealed class QtestDma : IDma
    {
        /// <summary>Alignment of bounce buffers: a cache line, as real DMA engines like.</summary>
        private const int BounceAlignment = 64;

        private readonly GuestMemoryAllocator _allocator;
        private readonly QtestPhysicalMemory _memory;
        private readonly Dictionary<ulong, int> _shared = new Dictionary<ulong, int>();

        /// <summary>Allocates from <paramref name="allocator"/> and accesses through <paramref name="memory"/>.</summary>
        public QtestDma(GuestMemoryAllocator allocator, QtestPhysicalMemory memory)
        {
            _allocator = allocator;
            _memory = memory;
        }

        /// <inheritdoc />
        public IDmaBuffer Allocate(int size, int alignment)
        {
            if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size), "DMA buffer size must be positive, got " + size);
            if (alignment <= 0) throw new ArgumentOutOfRangeException(nameof(alignment), "DMA alignment must be positive, got " + alignment);
            ulong address = _allocator.Allocate((ulong)size, (ulong)alignment);
            _memory.Fill(address, size, 0);
            return new QtestDmaBuffer(this, _memory, address, size);
        }

        /// <inheritdoc />
        public ulong Share(byte[] buffer, int offset, int length, DmaDirection direction)
        {
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            if (offset < 0 || length <= 0 || (long)offset + length > buffer.Length)
                throw new ArgumentOutOfRangeException(nameof(length), "sharing " + length + " bytes at offset " + offset + " of a " + buffer.Length + "-byte buffer");
            ulong address = _allocator.Allocate((ulong)length, BounceAlignment);
            _shared.Add(address, length);
            if (direction != DmaDirection.DeviceToDriver)
                _memory.Write(address, buffer, offset, length);
            return address;
        }

        /// <inheritdoc />
        public void Unshare(ulong deviceAddress, byte[] buffer, int offset, int length, DmaDirection direction)
        {
            if (!_shared.TryGetValue(deviceAddress, out int sharedLength))
                throw new InvalidOperationException("0x" + deviceAddress.ToString("x") + " is not a shared DMA address (unshared twice, or never shared)");
            if (sharedLength != length)
                throw new ArgumentException("unsharing " + length + " bytes at 0x" + deviceAddress.ToString("x") + " but " + sharedLength + " were shared", nameof(length));
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            if (offset < 0 || (long)offset + length > buffer.Length)
                throw new ArgumentOutOfRangeException(nameof(offset), "unsharing " + length + " bytes at offset " + offset + " of a " + buffer.Length + "-byte buffer");
            if (direction != DmaDirection.DriverToDevice)
                _memory.Read(deviceAddress, buffer, offset, length);
            _shared.Remove(deviceAddress);
            _allocator.Free(deviceAddress);
        }

        internal void Release(ulong address) => _allocator.Free(address);
    }
}
