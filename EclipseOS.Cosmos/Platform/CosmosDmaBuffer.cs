using EclipseOS.Hal.Text;
using System;
using EclipseOS.Hal.Dma;
using ManagedMemoryBlock = Cosmos.Core.ManagedMemoryBlock;

namespace EclipseOS.Cosmos.Platform
{
    /// <summary>
    /// A DMA region on a <c>Cosmos.Core.ManagedMemoryBlock</c>: an aligned window of a byte
    /// array the collector never moves. The driver accesses it through pointers at the same
    /// address the device uses, so both see the same bytes.
    /// </summary>
    public sealed unsafe class CosmosDmaBuffer : IDmaBuffer
    {
        private readonly CosmosDma _owner;
        private ManagedMemoryBlock? _block;

        internal CosmosDmaBuffer(CosmosDma owner, ManagedMemoryBlock block, int size)
        {
            _owner = owner;
            _block = block;
            Size = size;
            PhysicalAddress = block.Offset;
        }

        /// <inheritdoc />
        public ulong PhysicalAddress { get; }

        /// <inheritdoc />
        public int Size { get; }

        /// <inheritdoc />
        public byte Read8(int offset) => *At(offset, 1);

        /// <inheritdoc />
        public ushort Read16(int offset) => *(ushort*)At(offset, 2);

        /// <inheritdoc />
        public uint Read32(int offset) => *(uint*)At(offset, 4);

        /// <inheritdoc />
        public ulong Read64(int offset) => *(ulong*)At(offset, 8);

        /// <inheritdoc />
        public void Write8(int offset, byte value) => *At(offset, 1) = value;

        /// <inheritdoc />
        public void Write16(int offset, ushort value) => *(ushort*)At(offset, 2) = value;

        /// <inheritdoc />
        public void Write32(int offset, uint value) => *(uint*)At(offset, 4) = value;

        /// <inheritdoc />
        public void Write64(int offset, ulong value) => *(ulong*)At(offset, 8) = value;

        /// <inheritdoc />
        public void Read(int offset, byte[] destination, int destinationOffset, int count)
        {
            BufferRange.Check(destination, destinationOffset, count);
            byte* source = At(offset, count);
            for (int i = 0; i < count; i++)
                destination[destinationOffset + i] = source[i];
        }

        /// <inheritdoc />
        public void Write(int offset, byte[] source, int sourceOffset, int count)
        {
            BufferRange.Check(source, sourceOffset, count);
            byte* destination = At(offset, count);
            for (int i = 0; i < count; i++)
                destination[i] = source[sourceOffset + i];
        }

        /// <inheritdoc />
        public void Free()
        {
            _owner.Release(this);
            _block = null;
        }

        private byte* At(int offset, int length)
        {
            if (_block == null)
                throw new InvalidOperationException("DMA buffer at 0x" + Hex.Lower(PhysicalAddress) + " used after Free");
            if (offset < 0 || length < 0 || offset > Size - length)
                throw new ArgumentOutOfRangeException(nameof(offset), "access at " + offset + "+" + length + " is outside a DMA buffer of " + Size + " bytes");
            return (byte*)(uint)PhysicalAddress + offset;
        }
    }
}
