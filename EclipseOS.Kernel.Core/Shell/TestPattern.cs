namespace EclipseOS.Kernel.Core.Shell
{
    /// <summary>
    /// The bytes <c>pattern</c> writes: a stream fixed by a seed, byte <c>p</c> of it taken from
    /// 32-bit word <c>p / 4</c>, which is the seed plus the word number times the golden-ratio
    /// constant run through MurmurHash3's 32-bit finaliser. A host test regenerates the stream
    /// and compares it with the disk image, so every byte position is distinguishable.
    /// </summary>
    public static class TestPattern
    {
        /// <summary>Fills <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="start"/> with the stream of <paramref name="seed"/> from byte <paramref name="position"/>.</summary>
        public static void Fill(uint seed, ulong position, byte[] buffer, int start, int count)
        {
            for (int i = 0; i < count; i++)
            {
                ulong p = position + (ulong)i;
                uint word = Word(seed, (uint)(p >> 2));
                buffer[start + i] = (byte)(word >> (8 * (int)(p & 3)));
            }
        }

        private static uint Word(uint seed, uint index)
        {
            uint x = seed + index * 0x9E3779B9u;
            x ^= x >> 16;
            x *= 0x85EBCA6Bu;
            x ^= x >> 13;
            x *= 0xC2B2AE35u;
            x ^= x >> 16;
            return x;
        }
    }
}
