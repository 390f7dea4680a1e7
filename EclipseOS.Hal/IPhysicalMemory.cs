namespace EclipseOS.Hal
{
    /// <summary>
    /// Physical address space: RAM and memory-mapped device registers. Accesses of 8–64 bits
    /// are single, naturally aligned accesses (what MMIO registers require); bulk copies are
    /// for RAM only.
    /// </summary>
    public interface IPhysicalMemory
    {
        /// <summary>Reads one byte at a physical address.</summary>
        byte Read8(ulong address);

        /// <summary>Reads a little-endian 16-bit value at a physical address.</summary>
        ushort Read16(ulong address);

        /// <summary>Reads a little-endian 32-bit value at a physical address.</summary>
        uint Read32(ulong address);

        /// <summary>Reads a little-endian 64-bit value at a physical address.</summary>
        ulong Read64(ulong address);

        /// <summary>Writes one byte at a physical address.</summary>
        void Write8(ulong address, byte value);

        /// <summary>Writes a little-endian 16-bit value at a physical address.</summary>
        void Write16(ulong address, ushort value);

        /// <summary>Writes a little-endian 32-bit value at a physical address.</summary>
        void Write32(ulong address, uint value);

        /// <summary>Writes a little-endian 64-bit value at a physical address.</summary>
        void Write64(ulong address, ulong value);

        /// <summary>Copies <paramref name="count"/> bytes of RAM at <paramref name="address"/> into a buffer.</summary>
        void Read(ulong address, byte[] buffer, int offset, int count);

        /// <summary>Copies <paramref name="count"/> bytes from a buffer into RAM at <paramref name="address"/>.</summary>
        void Write(ulong address, byte[] buffer, int offset, int count);
    }
}
