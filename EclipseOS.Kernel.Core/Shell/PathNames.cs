using System.Collections.Generic;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Vfs;

namespace EclipseOS.Kernel.Core.Shell
{
    /// <summary>Path text the file commands share: last component, parent, child, "is an existing directory".</summary>
    internal static class PathNames
    {
        /// <summary>The last non-empty component of <paramref name="path"/> (<c>/a/b/</c> → <c>b</c>); "" for <c>/</c>.</summary>
        public static string BaseName(string path)
        {
            List<string> parts = Text.SplitPath(path);
            for (int i = parts.Count - 1; i >= 0; i--)
                if (parts[i].Length > 0)
                    return parts[i];
            return "";
        }

        /// <summary>The absolute path of the directory holding the last component of <paramref name="path"/> (lexically).</summary>
        public static string Parent(string path)
        {
            List<string> parts = Text.SplitPath(path);
            var names = new List<string>();
            for (int i = 0; i < parts.Count; i++)
                if (parts[i].Length > 0)
                    names.Add(parts[i]);
            string parent = "";
            for (int i = 0; i < names.Count - 1; i++)
                parent += "/" + names[i];
            return parent.Length == 0 ? "/" : parent;
        }

        /// <summary><paramref name="name"/> inside <paramref name="directory"/>.</summary>
        public static string Child(string directory, string name)
        {
            return directory.Length > 0 && directory[directory.Length - 1] == '/' ? directory + name : directory + "/" + name;
        }

        /// <summary>
        /// Where <c>mv</c>, <c>cp</c> and <c>ln</c> put <paramref name="source"/>: inside
        /// <paramref name="target"/> under the source's last name when the target is an existing
        /// directory, else the target itself.
        /// </summary>
        public static string Destination(MountTable files, string source, string target)
        {
            string name = BaseName(source);
            return name.Length > 0 && IsDirectory(files, target) ? Child(target, name) : target;
        }

        /// <summary>Whether <paramref name="path"/> names a directory (through symlinks); false when it names nothing.</summary>
        public static bool IsDirectory(MountTable files, string path)
        {
            if (!files.Exists(path))
                return false;
            try
            {
                return files.Stat(path).Type == VfsNodeType.Directory;
            }
            catch (VfsException)
            {
                // A dangling symlink: it exists, but is no directory.
                return false;
            }
        }

        /// <summary>Whether <paramref name="inner"/> is <paramref name="outer"/> or lies below it (both canonical).</summary>
        public static bool IsWithin(string inner, string outer)
        {
            if (outer == "/" || inner == outer)
                return true;
            return inner.Length > outer.Length && inner[outer.Length] == '/' && inner.Substring(0, outer.Length) == outer;
        }
    }
}
