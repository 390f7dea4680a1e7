using System;
using System.IO;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Tools.Writing;
using EclipseOS.Storage;

namespace EclipseOS.Tests.Kernel
{
    /// <summary>
    /// Disk images the kernel tests boot from, written by the project's real EclipseFS writer
    /// from a small tree: the original GPT layout (2 GiB sparse, EclipseFS at 513 MiB), a bare
    /// image, a bare image whose root record is damaged, and a blank disk. Deleted on dispose.
    /// </summary>
    public sealed class KernelImages : IDisposable
    {
        public const string Motd = "Welcome to the kernel test tree.\n";
        public const string Nested = "deep file\n";

        public KernelImages()
        {
            Folder = Path.Combine(Path.GetTempPath(), "eclipse-kernel-" + Guid.NewGuid().ToString("N"));
            Tree = Path.Combine(Folder, "tree");
            Directory.CreateDirectory(Path.Combine(Tree, "etc"));
            Directory.CreateDirectory(Path.Combine(Tree, "home", "user", "docs"));
            File.WriteAllText(Path.Combine(Tree, "etc", "motd"), Motd);
            File.WriteAllText(Path.Combine(Tree, "home", "user", "docs", "deep.txt"), Nested);
            File.WriteAllText(Path.Combine(Tree, "noeol.txt"), "first\nlast without newline");
            File.CreateSymbolicLink(Path.Combine(Tree, "motd"), "etc/motd");
            // Fixed times for files and directories, so listings can be asserted exactly
            // (the symlink keeps its own time: .NET would set the target's).
            foreach (string entry in Directory.EnumerateFileSystemEntries(Tree, "*", SearchOption.AllDirectories))
            {
                if (new FileInfo(entry).LinkTarget == null)
                    File.SetLastWriteTimeUtc(entry, FixedTime);
            }

            Gpt = Path.Combine(Folder, "gpt.img");
            ImageBuilder.Build(Tree, Gpt, gpt: true, size: 2UL * 1024 * 1024 * 1024, creationTime: 1_700_000_000, progress: null);
            Bare = Path.Combine(Folder, "bare.img");
            ImageBuilder.Build(Tree, Bare, gpt: false, size: null, creationTime: 1_700_000_000, progress: null);

            // The root's inode-table entry points far past the end of the image: the magic and
            // version still probe as EclipseFS, but mounting cannot read the root directory.
            Damaged = Path.Combine(Folder, "damaged.img");
            byte[] damaged = File.ReadAllBytes(Bare);
            LittleEndian.Put32(damaged, EclipseFsLayout.HeaderBlockSize + 4, 0x7FFF_0000);
            File.WriteAllBytes(Damaged, damaged);

            Blank = Path.Combine(Folder, "blank.img");
            File.WriteAllBytes(Blank, new byte[16 * 1024 * 1024]);
        }

        /// <summary>
        /// A new image of the test tree for one test to write to: the original GPT layout, sparse,
        /// 640 MiB (so an EclipseFS partition of about 126 MiB, most of it free).
        /// </summary>
        public string FreshGpt(string name)
        {
            string path = Path.Combine(Folder, Guid.NewGuid().ToString("N") + "-" + name);
            ImageBuilder.Build(Tree, path, gpt: true, size: 640UL * 1024 * 1024, creationTime: 1_700_000_000, progress: null);
            return path;
        }

        /// <summary>2023-11-14 22:13:20 UTC, Unix 1,700,000,000.</summary>
        public static readonly DateTime FixedTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).UtcDateTime;

        public string Folder { get; }

        public string Tree { get; }

        public string Gpt { get; }

        public string Bare { get; }

        public string Damaged { get; }

        public string Blank { get; }

        public void Dispose()
        {
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        }
    }
}
