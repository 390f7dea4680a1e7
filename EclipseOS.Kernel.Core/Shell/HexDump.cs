using System.Text;

namespace EclipseOS.Kernel.Core.Shell
{
    /// <summary>Formats bytes the way <c>hexdump -C</c> does: offset, 16 hex bytes, printable ASCII.</summary>
    public static class HexDump
    {
        private const string Digits = "0123456789abcdef";

        /// <summary>
        /// One line per 16 bytes of <paramref name="data"/>; offsets start at
        /// <paramref name="firstOffset"/> (the byte address on the device).
        /// </summary>
        public static string[] Format(byte[] data, int count, ulong firstOffset)
        {
            int lineCount = (count + 15) / 16;
            var lines = new string[lineCount];
            var line = new StringBuilder(80);
            for (int l = 0; l < lineCount; l++)
            {
                line.Clear();
                AppendHex(line, firstOffset + (ulong)(l * 16), 8);
                line.Append("  ");
                int start = l * 16;
                for (int i = 0; i < 16; i++)
                {
                    if (start + i < count)
                    {
                        AppendHex(line, data[start + i], 2);
                        line.Append(' ');
                    }
                    else
                    {
                        line.Append("   ");
                    }
                    if (i == 7)
                        line.Append(' ');
                }
                line.Append(" |");
                for (int i = 0; i < 16 && start + i < count; i++)
                {
                    byte b = data[start + i];
                    line.Append(b >= 0x20 && b < 0x7F ? (char)b : '.');
                }
                line.Append('|');
                lines[l] = line.ToString();
            }
            return lines;
        }

        private static void AppendHex(StringBuilder text, ulong value, int digits)
        {
            if (digits < 16 && (value >> (4 * digits)) != 0)
            {
                // An offset past 4 GiB widens the column rather than losing its high digits.
                digits = 16;
                while (digits > 8 && (value >> (4 * (digits - 1))) == 0)
                    digits--;
            }
            for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
                text.Append(Digits[(int)((value >> shift) & 0xF)]);
        }
    }
}
