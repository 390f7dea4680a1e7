namespace EclipseOS.Storage
{
    /// <summary>
    /// Hex formatting done by hand, so it needs no format strings ("X8") from the runtime: this
    /// code runs in the kernel, where IL2CPU may not plug them. Used by Storage and EclipseFS.
    /// </summary>
    public static class Hex
    {
        private const string Digits = "0123456789ABCDEF";

        /// <summary><paramref name="value"/> as <paramref name="digits"/> upper-case hex digits (the low ones).</summary>
        public static string Number(uint value, int digits)
        {
            var chars = new char[digits];
            for (int i = digits - 1; i >= 0; i--)
            {
                chars[i] = Digits[(int)(value & 0xF)];
                value >>= 4;
            }
            return new string(chars);
        }

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
