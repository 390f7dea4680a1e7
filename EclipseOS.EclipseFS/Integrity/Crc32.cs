namespace EclipseOS.EclipseFS.Integrity
{
    /// <summary>
    /// CRC-32 as zlib computes it (reflected polynomial 0xEDB88320, initial value and final xor
    /// 0xFFFFFFFF): the header_checksum of §1. Small inputs only, so one table is enough.
    /// </summary>
    public static class Crc32
    {
        /// <summary>The reflected IEEE polynomial.</summary>
        public const uint Polynomial = 0xEDB88320;

        private static uint[]? _table;

        /// <summary>Continues <paramref name="crc"/> (0 for empty input) over the bytes given.</summary>
        public static uint Append(uint crc, byte[] data, int offset, int count)
        {
            uint[] t = Table();
            uint c = ~crc;
            for (int i = offset; i < offset + count; i++)
                c = (c >> 8) ^ t[(c ^ data[i]) & 0xFF];
            return ~c;
        }

        private static uint[] Table()
        {
            if (_table != null)
                return _table;
            var t = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                uint c = i;
                for (int k = 0; k < 8; k++)
                    c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
                t[i] = c;
            }
            _table = t;
            return t;
        }
    }
}
