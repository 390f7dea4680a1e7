namespace EclipseOS.Storage
{
    /// <summary>Hex formatting done by hand, so it needs no format strings from the runtime.</summary>
    internal static class Hex
    {
        private const string Digits = "0123456789ABCDEF";

        /// <summary>Two upper-case hex digits.</summary>
        public static string Byte(byte value) => new string(new[] { Digits[value >> 4], Digits[value & 0xF] });

        /// <summary>Writes the two upper-case hex digits of <paramref name="value"/> into <paramref name="chars"/> at <paramref name="at"/>; returns the next position.</summary>
        public static int Append(char[] chars, int at, byte value)
        {
            chars[at] = Digits[value >> 4];
            chars[at + 1] = Digits[value & 0xF];
            return at + 2;
        }
    }
}
