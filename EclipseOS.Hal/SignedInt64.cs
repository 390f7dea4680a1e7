namespace EclipseOS.Hal
{
    /// <summary>
    /// Signed 64-bit comparison and text without the operations IL2CPU compiles wrongly on its
    /// 32-bit target: its signed 64-bit <c>&lt;</c>/<c>&gt;</c> compare the low halves as signed
    /// numbers, and Cosmos's <c>Int64.ToString</c> loops on such a comparison (analyzer rules
    /// EOS001 and EOS005, docs/kernel.md). Unsigned 64-bit comparison is compiled correctly, so
    /// each method maps its operands onto it.
    /// </summary>
    public static class SignedInt64
    {
        /// <summary>Whether <paramref name="value"/> is below zero (its sign bit, read unsigned).</summary>
        public static bool IsNegative(long value) => ((ulong)value >> 63) != 0;

        /// <summary>Whether <paramref name="left"/> &lt; <paramref name="right"/>: flipping the sign bit maps signed order onto unsigned order.</summary>
        public static bool Less(long left, long right) => Biased(left) < Biased(right);

        /// <summary>Whether <paramref name="left"/> &lt;= <paramref name="right"/>.</summary>
        public static bool LessOrEqual(long left, long right) => Biased(left) <= Biased(right);

        /// <summary>The smaller of the two.</summary>
        public static long Min(long left, long right) => Less(right, left) ? right : left;

        /// <summary>Decimal text, with a minus sign when negative (long.MinValue included).</summary>
        public static string Format(long value)
        {
            if (!IsNegative(value))
                return ((ulong)value).ToString();
            // Two's complement: -value as ulong is the magnitude, also for long.MinValue.
            return "-" + (0UL - (ulong)value).ToString();
        }

        private static ulong Biased(long value) => (ulong)value ^ 0x8000000000000000UL;
    }
}
