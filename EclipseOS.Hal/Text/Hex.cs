namespace EclipseOS.Hal.Text
{
    /// <summary>
    /// Hexadecimal text done by hand. Kernel-side code never formats numbers with format
    /// strings ("x8", "X2"): Cosmos's plugs ignore lower-case "x" and widths for int, short and
    /// sbyte and throw for ulong, so the banned-API list refuses them (docs/kernel.md, "What
    /// IL2CPU/Cosmos does differently") and every hex number goes through here, the same on the
    /// host and in the guest.
    /// </summary>
    public static class Hex
    {
        private const string UpperDigits = "0123456789ABCDEF";
        private const string LowerDigits = "0123456789abcdef";

        /// <summary><paramref name="value"/> in upper-case hex, at least <paramref name="digits"/> digits (zero-padded; more when the value needs them).</summary>
        public static string Upper(ulong value, int digits = 1) => Format(value, digits, UpperDigits);

        /// <summary><paramref name="value"/> in lower-case hex, at least <paramref name="digits"/> digits (zero-padded; more when the value needs them).</summary>
        public static string Lower(ulong value, int digits = 1) => Format(value, digits, LowerDigits);

        /// <summary>Two upper-case hex digits.</summary>
        public static string Byte(byte value) => new string(new[] { UpperDigits[value >> 4], UpperDigits[value & 0xF] });

        /// <summary>Writes the two upper-case hex digits of <paramref name="value"/> into <paramref name="chars"/> at <paramref name="at"/>; returns the next position.</summary>
        public static int Append(char[] chars, int at, byte value)
        {
            chars[at] = UpperDigits[value >> 4];
            chars[at + 1] = UpperDigits[value & 0xF];
            return at + 2;
        }

        private static string Format(ulong value, int digits, string alphabet)
        {
            int needed = 1;
            for (ulong rest = value >> 4; rest != 0; rest >>= 4)
                needed++;
            int count = needed > digits ? needed : digits;
            var chars = new char[count];
            for (int i = count - 1; i >= 0; i--)
            {
                chars[i] = alphabet[(int)(value & 0xF)];
                value >>= 4;
            }
            return new string(chars);
        }
    }
}
