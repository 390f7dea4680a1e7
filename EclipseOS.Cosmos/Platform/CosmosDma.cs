using EclipseOS.Hal.Text;
using System;
using System.Collections.Generic;
using EclipseOS.Hal.Dma;
using ManagedMemoryBlock = Cosmos.Core.ManagedMemoryBlock;

namespace EclipseOS.Cosmos.Platform
{
    /// <summary>
    /// DMA inside Cosmos: no paging and a garbage collector that never moves objects, so the
    /// address of an array element is the physical address a device uses. What must not happen
    /// is the collector freeing memory a device still writes to — an array whose only reference
    /// is an address inside a device's ring — so every allocated block and every shared array is
    /// held here until it is freed or unshared.
    /// </summary>
    public sealed unsafe class CosmosDma : IDma
    {
        private readonly List<CosmosDmaBuffer> _allocated = new List<CosmosDmaBuffer>();
        private readonly List<byte[]> _shared = new List<byte[]>();

        /// <inheritdoc />
        public IDmaBuffer Allocate(int size, int alignment)
        {
            if (size <= 0)
                throw new ArgumentOutOfRangeException(nameof(size), "DMA buffer size must be positive, was " + size);
            if (alignment <= 0 || (alignment & (alignment - 1)) != 0)
                throw new ArgumentOutOfRangeException(nameof(alignment), "DMA alignment must be a power of two, was " + alignment);
            // ManagedMemoryBlock over-allocates a zeroed byte[] and points Offset at its first aligned byte.
            var block = new ManagedMemoryBlock((uint)size, alignment);
            var buffer = new CosmosDmaBuffer(this, block, size);
            _allocated.Add(buffer);
            return buffer;
        }

        /// <inheritdoc />
        public ulong Share(byte[] buffer, int offset, int length, DmaDirection direction)
        {
            BufferRange.Check(buffer, offset, length);
            if (length == 0)
                throw new ArgumentOutOfRangeException(nameof(length), "cannot share an empty range with a device");
            _shared.Add(buffer);
            fixed (byte* start = &buffer[offset])
                return (uint)start;
        }

        /// <inheritdoc />
        public void Unshare(ulong deviceAddress, byte[] buffer, int offset, int length, DmaDirection direction)
        {
            // The device wrote straight into the array; all that is left is letting it go.
            if (!_shared.Remove(buffer))
                throw new InvalidOperationException("unsharing a buffer at 0x" + Hex.Lower(deviceAddress) + " that was not shared");
        }

        /// <summary>Forgets <paramref name="buffer"/> so the collector may reclaim it.</summary>
        internal void Release(CosmosDmaBuffer buffer)
        {
            if (!_allocated.Remove(buffer))
                throw new InvalidOperationException("DMA buffer at 0x" + Hex.Lower(buffer.PhysicalAddress) + " was freed twice");
        }
    }
}
