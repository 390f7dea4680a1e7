namespace EclipseOS.EclipseFS.Integrity
{
    /// <summary>
    /// CRC-32 as zlib computes it (reflected polynomial 0xEDB88320, initial value and final xor
    /// 0xFFFFFFFF): the header_checksum of §1. It is the same CRC GPT uses, so the table and
    /// loop are <see cref="EclipseOS.Storage.Crc32"/>'s; this keeps zlib's "continue from a
    /// finished CRC" calling convention.
    /// </summary>
    public static class Crc32
    {
        /// <summary>Continues <paramref name="crc"/> (0 for empty input) over the bytes given.</summary>
        public static uint Append(uint crc, byte[] data, int offset, int count)
        {
            // A finished CRC is the running value with the final xor applied; undo it to go on.
            return Storage.Crc32.Finish(Storage.Crc32.Update(~crc, data, offset, count));
        }
    }
}
