using System;
using System.Globalization;
using System.IO;

namespace EclipseOS.Benchmarks.EclipseFS
{
    /// <summary>
    /// The tree of small files the write benchmark uses for creates, for <c>mkfs</c> and for the
    /// large volume whose mount it times: <see cref="Files"/> files of <see cref="FileBytes"/>
    /// bytes spread round-robin over <see cref="Directories"/> directories under the root
    /// (<c>/d007/f1207</c>), each file's bytes derived from its number.
    /// </summary>
    public sealed class SmallFileTree
    {
        /// <summary>Bytes of every file.</summary>
        public const int FileBytes = 100;

        /// <summary>A tree of <paramref name="files"/> files in <paramref name="directories"/> directories.</summary>
        public SmallFileTree(int files, int directories)
        {
            if (files < 1 || directories < 1)
                throw new ArgumentOutOfRangeException(nameof(files), "a tree needs at least one file and one directory (" + files + " files, " + directories + " directories)");
            Files = files;
            Directories = directories;
        }

        /// <summary>Number of files.</summary>
        public int Files { get; }

        /// <summary>Number of directories under the root.</summary>
        public int Directories { get; }

        /// <summary>The name of directory <paramref name="directory"/> (0-based).</summary>
        public static string DirectoryName(int directory) => "d" + directory.ToString("D3", CultureInfo.InvariantCulture);

        /// <summary>The directory file <paramref name="file"/> lives in.</summary>
        public int DirectoryOf(int file) => file % Directories;

        /// <summary>The name of file <paramref name="file"/> (0-based).</summary>
        public static string FileName(int file) => "f" + file.ToString(CultureInfo.InvariantCulture);

        /// <summary>Fills <paramref name="buffer"/>[0, <see cref="FileBytes"/>) with file <paramref name="file"/>'s bytes.</summary>
        public static void Content(int file, byte[] buffer)
        {
            uint x = (uint)file * 2654435761u + 1;
            for (int i = 0; i < FileBytes; i++)
            {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                buffer[i] = (byte)x;
            }
        }

        /// <summary>Writes the tree as host files under <paramref name="root"/> (created), for <c>mkfs</c>.</summary>
        public void WriteTo(string root)
        {
            for (int d = 0; d < Directories; d++)
                Directory.CreateDirectory(Path.Combine(root, DirectoryName(d)));
            var content = new byte[FileBytes];
            for (int f = 0; f < Files; f++)
            {
                Content(f, content);
                File.WriteAllBytes(Path.Combine(root, DirectoryName(DirectoryOf(f)), FileName(f)), content);
            }
        }
    }
}
