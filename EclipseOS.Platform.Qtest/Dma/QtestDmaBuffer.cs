using System;
using EclipseOS.Hal.Dma;
using EclipseOS.Platform.Qtest.Devices;

namespace EclipseOS.Platform.Qtest.Dma
{
    /// <summary>A DMA buffer in guest RAM; every access is a qtest memory command, so the driver sees exactly what the device sees.</summary>
    public sealed class QtestDmaBuffer : IDmaBuffer
    {
        private readonly QtestDma _owner;
        private readonly QtestPhysicalMemory _memory;
        private bool _freed;

        internal QtestDmaBuffer(QtestDma owner, QtestPhysicalMemory memory, ulong physicalAddress, int size)
        {
            _owner = owner;
            _memory = memory;
            PhysicalAddress = physicalAddress;
            Size = size;
        }

        /// <inheritdoc />
        public ulong PhysicalAddress { get; }

        /// <inheritdoc />
        public int Size { get; }

        /// <inheritdoc />
        public byte Read8(int offset) => _memory.Read8(At(offset, 1));

        /// <inheritdoc />
        public ushort Read16(int offset) => _memory.Read16(At(offset, 2));

        /// <inheritdoc />
        public uint Read32(int offset) => _memory.Read32(At(offset, 4));

        /// <inheritdoc />
        public ulong Read64(int offset) => _memory.Read64(At(offset, 8));

        /// <inheritdoc />
        public void Write8(int offset, byte value) => _memory.Write8(At(offset, 1), value);

        /// <inheritdoc />
        public void Write16(int offset, ushort value) => _memory.Write16(At(offset, 2), value);

        /// <inheritdoc />
        public void Write32(int offset, uint value) => _memory.Write32(At(offset, 4), value);

        /// <inheritdoc />
        public void Write64(int offset, ulong value) => _memory.Write64(At(offset, 8), value);

        /// <inheritdoc />
        public void Read(int offset, byte[] destination, int destinationOffset, int count)
        {
            if (count == 0) return;
            _memory.Read(At(offset, count), destination, destinationOffset, count);
        }

        /// <inheritdoc />
        public void Write(int offset, byte[] source, int sourceOffset, int count)
        {
            if (count == 0) return;
            _memory.Write(At(offset, count), source, sourceOffset, count);
        }

        /// <inheritdoc />
        public void Free()
        {
            if (_freed) throw new InvalidOperationException("DMA buffer at 0x" + PhysicalAddress.ToString("x") + " (" + Size + " bytes) freed twice");
            _freed = true;
            _owner.Release(PhysicalAddress);
        }

        private ulong At(int offset, int length)
        {
            if (_freed) throw new InvalidOperationException("DMA buffer at 0x" + PhysicalAddress.ToString("x") + " used after Free");
            if (offset < 0 || length < 0 || (long)offset + length > Size)
                throw new ArgumentOutOfRangeException(nameof(offset), "access of " + length + " bytes at offset " + offset + " is outside the " + Size + "-byte DMA buffer at 0x" + PhysicalAddress.ToString("x"));
            return PhysicalAddress + (ulong)offset;
        }
    }
}
