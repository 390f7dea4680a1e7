namespace EclipseOS.Hal.Dma
{
    /// <summary>
    /// A physically contiguous, aligned region of RAM that a device may access by bus
    /// mastering (rings, descriptor tables, PRD tables). The driver reads and writes it
    /// through these methods — never through a managed copy — so what the driver sees is
    /// what the device sees. It stays allocated until <see cref="Free"/> is called.
    /// </summary>
    public interface IDmaBuffer
    {
        /// <summary>The address the device uses for byte 0 of the buffer.</summary>
        ulong PhysicalAddress { get; }

        /// <summary>Size in bytes.</summary>
        int Size { get; }

        /// <summary>Reads one byte at <paramref name="offset"/>.</summary>
        byte Read8(int offset);

        /// <summary>Reads a little-endian 16-bit value at <paramref name="offset"/>.</summary>
        ushort Read16(int offset);

        /// <summary>Reads a little-endian 32-bit value at <paramref name="offset"/>.</summary>
        uint Read32(int offset);

        /// <summary>Reads a little-endian 64-bit value at <paramref name="offset"/>.</summary>
        ulong Read64(int offset);

        /// <summary>Writes one byte at <paramref name="offset"/>.</summary>
        void Write8(int offset, byte value);

        /// <summary>Writes a little-endian 16-bit value at <paramref name="offset"/>.</summary>
        void Write16(int offset, ushort value);

        /// <summary>Writes a little-endian 32-bit value at <paramref name="offset"/>.</summary>
        void Write32(int offset, uint value);

        /// <summary>Writes a little-endian 64-bit value at <paramref name="offset"/>.</summary>
        void Write64(int offset, ulong value);

        /// <summary>Copies bytes out of the buffer.</summary>
        void Read(int offset, byte[] destination, int destinationOffset, int count);

        /// <summary>Copies bytes into the buffer.</summary>
        void Write(int offset, byte[] source, int sourceOffset, int count);

        /// <summary>Returns the memory to the platform. The device must no longer access it.</summary>
        void Free();
    }
}
