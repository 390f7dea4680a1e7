using EclipseOS.Hal.Text;
using System;
using EclipseOS.Hal;

namespace EclipseOS.Cosmos.Platform
{
    /// <summary>
    /// Physical memory through raw pointers. Cosmos runs without paging, so a pointer is a
    /// physical address; the kernel is 32-bit, so only the first 4 GiB can be reached (the qtest
    /// platform and firmware place every BAR a driver uses below 4 GiB).
    /// </summary>
    public sealed unsafe class CosmosPhysicalMemory : IPhysicalMemory
    {
        /// <inheritdoc />
        public byte Read8(ulong address) => *(byte*)Pointer(address, 1);

        /// <inheritdoc />
        public ushort Read16(ulong address) => *(ushort*)Pointer(address, 2);

        /// <inheritdoc />
        public uint Read32(ulong address) => *(uint*)Pointer(address, 4);

        /// <inheritdoc />
        public ulong Read64(ulong address)
        {
            // A 32-bit CPU has no single 64-bit load; the low half first, as drivers of
            // 64-bit registers on 32-bit machines expect.
            uint* p = (uint*)Pointer(address, 8);
            ulong low = p[0];
            ulong high = p[1];
            return low | (high << 32);
        }

        /// <inheritdoc />
        public void Write8(ulong address, byte value) => *(byte*)Pointer(address, 1) = value;

        /// <inheritdoc />
        public void Write16(ulong address, ushort value) => *(ushort*)Pointer(address, 2) = value;

        /// <inheritdoc />
        public void Write32(ulong address, uint value) => *(uint*)Pointer(address, 4) = value;

        /// <inheritdoc />
        public void Write64(ulong address, ulong value)
        {
            uint* p = (uint*)Pointer(address, 8);
            p[0] = (uint)value;
            p[1] = (uint)(value >> 32);
        }

        /// <inheritdoc />
        public void Read(ulong address, byte[] buffer, int offset, int count)
        {
            BufferRange.Check(buffer, offset, count);
            byte* source = Pointer(address, (uint)count);
            for (int i = 0; i < count; i++)
                buffer[offset + i] = source[i];
        }

        /// <inheritdoc />
        public void Write(ulong address, byte[] buffer, int offset, int count)
        {
            BufferRange.Check(buffer, offset, count);
            byte* destination = Pointer(address, (uint)count);
            for (int i = 0; i < count; i++)
                destination[i] = buffer[offset + i];
        }

        private static byte* Pointer(ulong address, uint length)
        {
            if (address > uint.MaxValue || length > uint.MaxValue - address + 1)
                throw new ArgumentOutOfRangeException(nameof(address), "physical address 0x" + Hex.Lower(address) + " (+" + length + " bytes) is above 4 GiB, out of reach of a 32-bit kernel");
            return (byte*)(uint)address;
        }
    }
}
