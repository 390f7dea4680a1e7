namespace EclipseOS.Kernel.Core.Shell
{
    /// <summary>
    /// Elapsed time and transfer rates as text, in unsigned arithmetic with 32-bit divisors
    /// (what IL2CPU divides exactly, EOS004 in docs/kernel.md).
    /// </summary>
    public static class Throughput
    {
        /// <summary><paramref name="microseconds"/> as seconds with three decimals, e.g. <c>12.345 s</c>.</summary>
        public static string Seconds(ulong microseconds)
        {
            ulong milliseconds = microseconds / 1000;
            return (milliseconds / 1000) + "." + (milliseconds % 1000).ToString().PadLeft(3, '0') + " s";
        }

        /// <summary>The rate of <paramref name="bytes"/> in <paramref name="microseconds"/> in MiB/s with one decimal, e.g. <c>165.9 MiB/s</c>.</summary>
        public static string MibPerSecond(ulong bytes, ulong microseconds)
        {
            // Halve both until the time fits a 32-bit divisor; the ratio stays.
            while (microseconds > uint.MaxValue)
            {
                microseconds >>= 1;
                bytes >>= 1;
            }
            uint time = microseconds == 0 ? 1 : (uint)microseconds;
            // Tenths of MiB/s = bytes * 10^7 / (2^20 * µs) = (bytes / 2^10) * 78125 / 8 / µs.
            ulong tenths = (bytes >> 10) * 78125 / 8 / time;
            return (tenths / 10) + "." + (tenths % 10) + " MiB/s";
        }
    }
}
