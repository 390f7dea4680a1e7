namespace EclipseOS.Storage
{
    /// <summary>
    /// CRC-32 as GPT (UEFI 2.10 §5.3.2), zlib and Ethernet compute it: reflected polynomial
    /// 0xEDB88320, initial value and final XOR 0xFFFFFFFF. Hand-written because kernel-side
    /// code cannot use System.IO.Hashing. Incremental: <c>Finish(Update(Start, …))</c>.
    /// </summary>
    public static class Crc32
    {
        private const uint ReflectedPolynomial = 0xEDB88320;
        private static readonly uint[] Table = BuildTable();

        /// <summary>The running value before any byte.</summary>
        public const uint Start = 0xFFFFFFFF;

        /// <summary>CRC-32 of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public static uint Compute(byte[] data, int offset, int count) => Finish(Update(Start, data, offset, count));

        /// <summary>Feeds bytes into a running value (start with <see cref="Start"/>).</summary>
        public static uint Update(uint running, byte[] data, int offset, int count)
        {
            uint crc = running;
            int end = offset + count;
            for (int i = offset; i < end; i++)
                crc = Table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            return crc;
        }

        /// <summary>Feeds <paramref name="count"/> zero bytes (GPT's header CRC is taken with its own field zeroed).</summary>
        public static uint UpdateZeros(uint running, int count)
        {
            uint crc = running;
            for (int i = 0; i < count; i++)
                crc = Table[crc & 0xFF] ^ (crc >> 8);
            return crc;
        }

        /// <summary>Turns a running value into the CRC.</summary>
        public static uint Finish(uint running) => running ^ 0xFFFFFFFF;

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                    c = (c & 1) != 0 ? ReflectedPolynomial ^ (c >> 1) : c >> 1;
                table[n] = c;
            }
            return table;
        }
    }
}
