using EclipseOS.Hal.Text;

namespace EclipseOS.Storage.Partitions
{
    /// <summary>
    /// GUIDs as GPT stores them (UEFI 2.10 appendix A): the first three fields little-endian,
    /// the last eight bytes in order — printed upper-case the way <c>sgdisk</c> prints them.
    /// </summary>
    public static class GptGuid
    {
        /// <summary>Size of a GUID on disk.</summary>
        public const int Size = 16;

        /// <summary>Whether the 16 bytes at <paramref name="at"/> are all zero (an unused GPT entry's type).</summary>
        public static bool IsZero(byte[] data, int at)
        {
            for (int i = 0; i < Size; i++)
                if (data[at + i] != 0) return false;
            return true;
        }

        /// <summary>Text form <c>XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX</c> of the on-disk GUID at <paramref name="at"/>.</summary>
        public static string Format(byte[] data, int at)
        {
            var chars = new char[36];
            int c = 0;
            for (int i = 3; i >= 0; i--) c = Hex.Append(chars, c, data[at + i]);
            chars[c++] = '-';
            for (int i = 5; i >= 4; i--) c = Hex.Append(chars, c, data[at + i]);
            chars[c++] = '-';
            for (int i = 7; i >= 6; i--) c = Hex.Append(chars, c, data[at + i]);
            chars[c++] = '-';
            for (int i = 8; i <= 9; i++) c = Hex.Append(chars, c, data[at + i]);
            chars[c++] = '-';
            for (int i = 10; i <= 15; i++) c = Hex.Append(chars, c, data[at + i]);
            return new string(chars);
        }
    }
}
