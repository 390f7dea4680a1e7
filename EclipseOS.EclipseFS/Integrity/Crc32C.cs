namespace EclipseOS.EclipseFS.Integrity
{
    /// <summary>
    /// CRC-32C (Castagnoli: reflected polynomial 0x82F63B78, initial value and final xor
    /// 0xFFFFFFFF), table-driven with slicing-by-8 so the kernel gets useful speed without
    /// CPU intrinsics, which IL2CPU does not compile.
    /// </summary>
    public sealed class Crc32C : ICrc32C
    {
        /// <summary>The reflected Castagnoli polynomial.</summary>
        public const uint Polynomial = 0x82F63B78;

        private readonly uint[] _table = new uint[8 * 256];

        /// <summary>Builds the eight 256-entry tables.</summary>
        public Crc32C()
        {
            for (uint i = 0; i < 256; i++)
            {
                uint c = i;
                for (int k = 0; k < 8; k++)
                    c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
                _table[i] = c;
            }
            for (int t = 1; t < 8; t++)
                for (int i = 0; i < 256; i++)
                {
                    uint prev = _table[(t - 1) * 256 + i];
                    _table[t * 256 + i] = (prev >> 8) ^ _table[prev & 0xFF];
                }
        }

        /// <inheritdoc />
        public uint Append(uint crc, byte[] data, int offset, int count)
        {
            uint[] t = _table;
            uint c = ~crc;
            int i = offset;
            int end = offset + count;
            while (end - i >= 8)
            {
                uint lo = c ^ (uint)(data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
                uint hi = (uint)(data[i + 4] | (data[i + 5] << 8) | (data[i + 6] << 16) | (data[i + 7] << 24));
                c = t[7 * 256 + (lo & 0xFF)] ^ t[6 * 256 + ((lo >> 8) & 0xFF)] ^
                    t[5 * 256 + ((lo >> 16) & 0xFF)] ^ t[4 * 256 + (lo >> 24)] ^
                    t[3 * 256 + (hi & 0xFF)] ^ t[2 * 256 + ((hi >> 8) & 0xFF)] ^
                    t[1 * 256 + ((hi >> 16) & 0xFF)] ^ t[hi >> 24];
                i += 8;
            }
            while (i < end)
            {
                c = (c >> 8) ^ t[(c ^ data[i]) & 0xFF];
                i++;
            }
            return ~c;
        }
    }
}
