using System.Collections.Generic;

namespace EclipseOS.EclipseFS.Format
{
    /// <summary>
    /// Formatting and path splitting written out by hand: enum names and string.Split need
    /// runtime support IL2CPU may not plug, and this code runs in the kernel. (Hex numbers:
    /// <see cref="EclipseOS.Hal.Text.Hex"/>.)
    /// </summary>
    public static class Text
    {
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
