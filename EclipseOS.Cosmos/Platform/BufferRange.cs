using System;

namespace EclipseOS.Cosmos.Platform
{
    /// <summary>Checks a (buffer, offset, count) triple before raw copies touch memory through pointers.</summary>
    internal static class BufferRange
    {
        /// <summary>Throws when <paramref name="count"/> bytes at <paramref name="offset"/> do not lie inside <paramref name="buffer"/>.</summary>
        public static void Check(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
                throw new ArgumentNullException(nameof(buffer));
            if (offset < 0 || count < 0 || offset > buffer.Length - count)
                throw new ArgumentOutOfRangeException(nameof(count), "range " + offset + "+" + count + " is outside a buffer of " + buffer.Length + " bytes");
        }
    }
}
