namespace EclipseOS.EclipseFS.Integrity
{
    /// <summary>
    /// A CRC-32C (Castagnoli) implementation. The kernel uses the portable <see cref="Crc32C"/>;
    /// a host may pass one that uses the CPU's CRC32 instruction, with identical results.
    /// </summary>
    public interface ICrc32C
    {
        /// <summary>
        /// Continues the CRC-32C <paramref name="crc"/> (0 for an empty input) over
        /// <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>;
        /// returns the CRC of everything so far (zlib-style chaining).
        /// </summary>
        uint Append(uint crc, byte[] data, int offset, int count);
    }
}
