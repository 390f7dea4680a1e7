using System.Collections.Generic;

namespace EclipseOS.EclipseFS.Format
{
    /// <summary>
    /// Formatting and path splitting written out by hand: format strings ("X8"), enum names
    /// and string.Split need runtime support IL2CPU may not plug, and this code runs in the kernel.
    /// </summary>
    public static class Text
    {
        private const string Digits = "0123456789ABCDEF";

        /// <summary><paramref name="value"/> as <paramref name="digits"/> upper-case hex digits.</summary>
        public static string Hex(uint value, int digits)
        {
            var c = new char[digits];
            for (int i = digits - 1; i >= 0; i--)
            {
                c[i] = Digits[(int)(value & 0xF)];
                value >>= 4;
            }
            return new string(c);
        }

        /// <summary>"file", "directory" or "symlink".</summary>
        public static string TypeName(NodeType type)
        {
            switch (type)
            {
                case NodeType.File: return "file";
                case NodeType.Directory: return "directory";
                case NodeType.Symlink: return "symlink";
                default: return "node of type " + (int)type;
            }
        }

        /// <summary>The parts of <paramref name="path"/> between '/' characters (empty parts included).</summary>
        public static List<string> SplitPath(string path)
        {
            var parts = new List<string>();
            int start = 0;
            for (int i = 0; i <= path.Length; i++)
                if (i == path.Length || path[i] == '/')
                {
                    parts.Add(path.Substring(start, i - start));
                    start = i + 1;
                }
            return parts;
        }
    }
}
