namespace EclipseOS.Hal
{
    /// <summary>
    /// x86 port I/O (the <c>in</c>/<c>out</c> instructions and their string forms).
    /// </summary>
    public interface IPortIO
    {
        /// <summary>Reads a byte from <paramref name="port"/> (<c>inb</c>).</summary>
        byte Read8(ushort port);

        /// <summary>Reads a 16-bit word from <paramref name="port"/> (<c>inw</c>).</summary>
        ushort Read16(ushort port);

        /// <summary>Reads a 32-bit value from <paramref name="port"/> (<c>inl</c>).</summary>
        uint Read32(ushort port);

        /// <summary>Writes a byte to <paramref name="port"/> (<c>outb</c>).</summary>
        void Write8(ushort port, byte value);

        /// <summary>Writes a 16-bit word to <paramref name="port"/> (<c>outw</c>).</summary>
        void Write16(ushort port, ushort value);

        /// <summary>Writes a 32-bit value to <paramref name="port"/> (<c>outl</c>).</summary>
        void Write32(ushort port, uint value);

        /// <summary>
        /// Reads <paramref name="wordCount"/> 16-bit words from one port into
        /// <paramref name="buffer"/> at <paramref name="offset"/>, little-endian (<c>rep insw</c>).
        /// A whole ATA sector is one call, so a platform can issue it as one burst.
        /// </summary>
        void ReadString16(ushort port, byte[] buffer, int offset, int wordCount);

        /// <summary>
        /// Writes <paramref name="wordCount"/> 16-bit words from <paramref name="buffer"/> at
        /// <paramref name="offset"/> to one port, little-endian (<c>rep outsw</c>).
        /// </summary>
        void WriteString16(ushort port, byte[] buffer, int offset, int wordCount);
    }
}
