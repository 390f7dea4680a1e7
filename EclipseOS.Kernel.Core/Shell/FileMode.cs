using EclipseOS.EclipseFS.Vfs;

namespace EclipseOS.Kernel.Core.Shell
{
    /// <summary>POSIX modes as <c>ls -l</c> shows them.</summary>
    public static class FileMode
    {
        /// <summary>Type letter and permissions, e.g. <c>drwxr-xr-x</c>.</summary>
        public static string Describe(VfsNodeType type, uint mode)
        {
            char[] text = new char[10];
            text[0] = type == VfsNodeType.Directory ? 'd' : type == VfsNodeType.Symlink ? 'l' : '-';
            const string letters = "rwxrwxrwx";
            for (int i = 0; i < 9; i++)
                text[1 + i] = (mode & (1u << (8 - i))) != 0 ? letters[i] : '-';
            return new string(text);
        }

        /// <summary>The permission bits in octal, e.g. <c>0755</c>.</summary>
        public static string Octal(uint mode)
        {
            uint bits = mode & 0xFFF;
            return "" + ((bits >> 9) & 7) + ((bits >> 6) & 7) + ((bits >> 3) & 7) + (bits & 7);
        }

        /// <summary>What the type is called in <c>stat</c>.</summary>
        public static string TypeName(VfsNodeType type)
        {
            return type == VfsNodeType.Directory ? "directory" : type == VfsNodeType.Symlink ? "symbolic link" : "regular file";
        }
    }
}
