namespace EclipseOS.Storage
{
    /// <summary>Sizes the way <c>lsblk</c> prints them: 512B, 1K, 99.5M, 2G (powers of 1024, at most one decimal).</summary>
    public static class ByteSize
    {
        private const string Units = "BKMGTPE";

        /// <summary>Formats <paramref name="bytes"/>.</summary>
        public static string Format(ulong bytes)
        {
            // Units are powers of 1024, so the arithmetic is shifts and masks: IL2CPU divides
            // exactly only by divisors below 2^32 (EOS004), and a terabyte is more.
            int unit = 0;
            while (unit < Units.Length - 1 && (bytes >> (10 * unit)) >= 1024)
                unit++;
            if (unit == 0) return bytes + "B";
            int shift = 10 * unit;
            ulong whole = bytes >> shift;
            ulong rest = bytes & ((1UL << shift) - 1);
            // Tenths, rounded to nearest; carry into the whole part when it rounds up to 10.
            ulong tenths = (rest * 10 + (1UL << (shift - 1))) >> shift;
            if (tenths == 10)
            {
                whole++;
                tenths = 0;
            }
            string text = tenths == 0 ? whole.ToString() : whole + "." + tenths;
            return text + Units[unit];
        }
    }
}
