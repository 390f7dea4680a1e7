using System;
using System.Collections.Generic;
using System.IO;

namespace EclipseOS.Cli.ImageEditing
{
    /// <summary>
    /// A path inside an EclipseFS image, normalised by its text alone: empty parts and "." are
    /// dropped and ".." removes the part before it (never above the root). That is exact because
    /// the image verbs never follow symlinks inside the image, so a name cannot stand for a
    /// different place. A trailing '/' is remembered: it says the path must be a directory.
    /// </summary>
    public sealed class ImagePath
    {
        private ImagePath(IReadOnlyList<string> parts, bool trailingSlash)
        {
            Parts = parts;
            TrailingSlash = trailingSlash;
        }

        /// <summary>The names from the root down; empty for the root.</summary>
        public IReadOnlyList<string> Parts { get; }

        /// <summary>Whether the path was written with a trailing '/' (it must then be a directory).</summary>
        public bool TrailingSlash { get; }

        /// <summary>Whether this is the root directory.</summary>
        public bool IsRoot => Parts.Count == 0;

        /// <summary>The last name (empty for the root).</summary>
        public string Name => IsRoot ? "" : Parts[Parts.Count - 1];

        /// <summary>The directory holding this path (the root for the root).</summary>
        public ImagePath Parent => IsRoot ? this : new ImagePath(Slice(Parts.Count - 1), false);

        /// <summary>The path of <paramref name="name"/> inside this one.</summary>
        public ImagePath Child(string name)
        {
            var parts = new List<string>(Parts) { name };
            return new ImagePath(parts, false);
        }

        /// <summary>Whether this path is <paramref name="other"/> or lies below it.</summary>
        public bool IsWithin(ImagePath other)
        {
            if (other.Parts.Count > Parts.Count)
                return false;
            for (int i = 0; i < other.Parts.Count; i++)
                if (!string.Equals(Parts[i], other.Parts[i], StringComparison.Ordinal))
                    return false;
            return true;
        }

        /// <summary>Parses <paramref name="text"/> ("/a/b", "a/b" and "/" are all taken from the root).</summary>
        public static ImagePath Parse(string text)
        {
            var parts = new List<string>();
            foreach (string part in text.Split('/'))
            {
                if (part.Length == 0 || part == ".")
                    continue;
                if (part == "..")
                {
                    if (parts.Count > 0)
                        parts.RemoveAt(parts.Count - 1);
                    continue;
                }
                parts.Add(part);
            }
            return new ImagePath(parts, text.Length > 1 && text.EndsWith('/'));
        }

        /// <summary>The normalised path, "/" for the root.</summary>
        public override string ToString() => "/" + string.Join("/", Parts);

        private List<string> Slice(int count)
        {
            var parts = new List<string>(count);
            for (int i = 0; i < count; i++)
                parts.Add(Parts[i]);
            return parts;
        }

        /// <summary>
        /// Splits an argument of the form IMG:PATH. IMG is the text before the first ':' that
        /// leaves an existing file in front of it, so image file names with ':' work; when no
        /// prefix is an existing file, the first ':' splits (and opening IMG then says it is
        /// missing). Returns false when <paramref name="argument"/> has no ':' at all.
        /// </summary>
        public static bool TrySplitImageArgument(string argument, out string image, out string path)
        {
            image = path = "";
            int first = argument.IndexOf(':');
            if (first <= 0)
                return false;
            for (int at = first; at >= 0; at = argument.IndexOf(':', at + 1))
                if (File.Exists(argument.Substring(0, at)))
                {
                    image = argument.Substring(0, at);
                    path = argument.Substring(at + 1);
                    return true;
                }
            image = argument.Substring(0, first);
            path = argument.Substring(first + 1);
            return true;
        }

        /// <summary>Whether <paramref name="argument"/> is IMG:PATH with IMG an existing file.</summary>
        public static bool NamesExistingImage(string argument)
        {
            return TrySplitImageArgument(argument, out string image, out _) && File.Exists(image);
        }
    }
}
