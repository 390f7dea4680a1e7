namespace EclipseOS.Drivers.Nvme.Identify
{
    /// <summary>Little-endian integers and space-padded ASCII strings out of Identify data.</summary>
    internal static class IdentifyText
    {
        /// <summary>The ASCII field of <paramref name="length"/> bytes at <paramref name="at"/>, trailing spaces and NULs removed.</summary>
        public static string Ascii(byte[] data, int at, int length)
        {
            int end = length;
            while (end > 0 && (data[at + end - 1] == (byte)' ' || data[at + end - 1] == 0))
                end--;
            var chars = new char[end];
            for (int i = 0; i < end; i++)
            {
                byte b = data[at + i];
                chars[i] = b >= 0x20 && b < 0x7F ? (char)b : '?';
            }
            return new string(chars);
        }

        /// <summary>A little-endian 32-bit value.</summary>
        public static uint Le32(byte[] data, int at) =>
            data[at] | ((uint)data[at + 1] << 8) | ((uint)data[at + 2] << 16) | ((uint)data[at + 3] << 24);

        /// <summary>A little-endian 64-bit value.</summary>
        public static ulong Le64(byte[] data, int at) => Le32(data, at) | ((ulong)Le32(data, at + 4) << 32);
    }
}
