using System;
using System.Buffers.Binary;
using EclipseOS.Hal.Dma;

namespace EclipseOS.Platform.Fake.Memory
{
    /// <summary>An allocated DMA region seen from the driver; use after <see cref="Free"/> or out-of-range offsets throw.</summary>
    public sealed class FakeDmaBuffer : IDmaBuffer
    {
        private readonly FakeDmaMemory _memory;
        private bool _freed;

        internal FakeDmaBuffer(FakeDmaMemory memory, DmaRegion region)
        {
            _memory = memory;
            PhysicalAddress = region.Address;
            Size = region.Length;
        }

        /// <inheritdoc />
        public ulong PhysicalAddress { get; }

        /// <inheritdoc />
        public int Size { get; }

        /// <inheritdoc />
        public byte Read8(int offset) => At(offset, 1)[0];

        /// <inheritdoc />
        public ushort Read16(int offset) => BinaryPrimitives.ReadUInt16LittleEndian(At(offset, 2));

        /// <inheritdoc />
        public uint Read32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(At(offset, 4));

        /// <inheritdoc />
        public ulong Read64(int offset) => BinaryPrimitives.ReadUInt64LittleEndian(At(offset, 8));

        /// <inheritdoc />
        public void Write8(int offset, byte value) => At(offset, 1)[0] = value;

        /// <inheritdoc />
        public void Write16(int offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(At(offset, 2), value);

        /// <inheritdoc />
        public void Write32(int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(At(offset, 4), value);

        /// <inheritdoc />
        public void Write64(int offset, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(At(offset, 8), value);

        /// <inheritdoc />
        public void Read(int offset, byte[] destination, int destinationOffset, int count)
            => At(offset, count).CopyTo(destination.AsSpan(destinationOffset, count));

        /// <inheritdoc />
        public void Write(int offset, byte[] source, int sourceOffset, int count)
            => source.AsSpan(sourceOffset, count).CopyTo(At(offset, count));

        /// <inheritdoc />
        public void Free()
        {
            if (_freed) throw new InvalidOperationException("DMA buffer at 0x" + PhysicalAddress.ToString("x") + " freed twice");
            _freed = true;
            _memory.Drop(PhysicalAddress, DmaRegionKind.Allocation);
        }

        private Span<byte> At(int offset, int count)
        {
            if (_freed) throw new InvalidOperationException("DMA buffer at 0x" + PhysicalAddress.ToString("x") + " used after Free");
            if (offset < 0 || count < 0 || offset > Size - count)
                throw new ArgumentOutOfRangeException(nameof(offset), count + " byte(s) at offset " + offset + " run outside the " + Size + "-byte DMA buffer at 0x" + PhysicalAddress.ToString("x"));
            return _memory.Span(PhysicalAddress + (ulong)offset, count);
        }
    }
}
