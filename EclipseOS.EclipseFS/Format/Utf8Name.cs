namespace EclipseOS.EclipseFS.Format
{
    /// <summary>
    /// Strict UTF-8 for directory-entry names, written out so the kernel needs no
    /// System.Text support: rejects overlong forms, surrogates and truncated sequences.
    /// </summary>
    public static class Utf8Name
    {
        /// <summary>Decodes <paramref name="count"/> bytes; returns null when they are not valid UTF-8.</summary>
        public static string? Decode(byte[] b, int offset, int count)
        {
            var chars = new char[count];
            int n = 0;
            int i = offset;
            int end = offset + count;
            while (i < end)
            {
                int c = b[i];
                int need;
                int cp;
                if (c < 0x80) { chars[n++] = (char)c; i++; continue; }
                if (c >= 0xC2 && c <= 0xDF) { need = 1; cp = c & 0x1F; }
                else if (c >= 0xE0 && c <= 0xEF) { need = 2; cp = c & 0x0F; }
                else if (c >= 0xF0 && c <= 0xF4) { need = 3; cp = c & 0x07; }
                else return null;
                if (end - i - 1 < need)
                    return null;
                for (int k = 1; k <= need; k++)
                {
                    int cc = b[i + k];
                    if ((cc & 0xC0) != 0x80)
                        return null;
                    cp = (cp << 6) | (cc & 0x3F);
                }
                if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
                    return null;
                if (cp >= 0x10000)
                {
                    cp -= 0x10000;
                    chars[n++] = (char)(0xD800 + (cp >> 10));
                    chars[n++] = (char)(0xDC00 + (cp & 0x3FF));
                }
                else
                    chars[n++] = (char)cp;
                i += need + 1;
            }
            return new string(chars, 0, n);
        }

        /// <summary>Encodes <paramref name="s"/>; unpaired surrogates become U+FFFD.</summary>
        public static byte[] Encode(string s)
        {
            var buf = new byte[s.Length * 3];
            int n = 0;
            for (int i = 0; i < s.Length; i++)
            {
                int cp = s[i];
                if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < s.Length && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
                {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (s[i + 1] - 0xDC00);
                    i++;
                }
                else if (cp >= 0xD800 && cp <= 0xDFFF)
                    cp = 0xFFFD;
                if (cp < 0x80) buf[n++] = (byte)cp;
                else if (cp < 0x800) { buf[n++] = (byte)(0xC0 | (cp >> 6)); buf[n++] = (byte)(0x80 | (cp & 0x3F)); }
                else if (cp < 0x10000)
                {
                    buf[n++] = (byte)(0xE0 | (cp >> 12)); buf[n++] = (byte)(0x80 | ((cp >> 6) & 0x3F)); buf[n++] = (byte)(0x80 | (cp & 0x3F));
                }
                else
                {
                    buf[n++] = (byte)(0xF0 | (cp >> 18)); buf[n++] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                    buf[n++] = (byte)(0x80 | ((cp >> 6) & 0x3F)); buf[n++] = (byte)(0x80 | (cp & 0x3F));
                }
            }
            var result = new byte[n];
            for (int i = 0; i < n; i++)
                result[i] = buf[i];
            return result;
        }

        /// <summary>
        /// Why a name is not acceptable in a directory (empty, longer than 255 bytes, contains '/'
        /// or NUL, or is "." or ".."), or null when it is fine.
        /// </summary>
        public static string? Problem(byte[] b, int offset, int count)
        {
            if (count == 0)
                return "is empty";
            if (count > EclipseFsLayout.MaxNameLength)
                return "is " + count + " bytes long (limit 255)";
            if (count == 1 && b[offset] == (byte)'.')
                return "is \".\"";
            if (count == 2 && b[offset] == (byte)'.' && b[offset + 1] == (byte)'.')
                return "is \"..\"";
            for (int i = offset; i < offset + count; i++)
            {
                if (b[i] == (byte)'/')
                    return "contains '/'";
                if (b[i] == 0)
                    return "contains NUL";
            }
            return null;
        }
    }
}
