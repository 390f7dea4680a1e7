namespace EclipseOS.Storage
{
    /// <summary>Sizes the way <c>lsblk</c> prints them: 512B, 1K, 99.5M, 2G (powers of 1024, at most one decimal).</summary>
    public static class ByteSize
    {
        private const string Units = "BKMGTPE";

        /// <summary>Formats <paramref name="bytes"/>.</summary>
        public static string Format(ulong bytes)
        {
            int unit = 0;
            ulong scale = 1;
            while (unit < Units.Length - 1 && bytes / scale >= 1024)
            {
                scale *= 1024;
                unit++;
            }
            if (unit == 0) return bytes + "B";
            ulong whole = bytes / scale;
            // Tenths, rounded to nearest; carry into the whole part when it rounds up to 10.
            ulong tenths = ((bytes % scale) * 10 + scale / 2) / scale;
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
