using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using EclipseOS.EclipseFS.Tools.Writing;

namespace EclipseOS.Cli.Boot
{
    /// <summary>
    /// The disk <c>eclipse boot</c> starts from when no <c>--disk</c> is given, and the disk the
    /// kernel project's F5 settings attach: the repository's <c>rootfs/</c> folder written as
    /// EclipseFS into a 2 GiB sparse GPT disk in the original layout (EclipseFS at 513 MiB).
    /// It is cached as <c>out/disks/sample.img</c> and rebuilt when a fingerprint of
    /// <c>rootfs/</c> (every path, kind, link target and content) changes — or when the image
    /// itself was written since it was built: the kernel mounts its root read-write, so what a
    /// session changed lasts until the next <c>Ensure</c> puts <c>rootfs/</c> back.
    /// </summary>
    public static class SampleRootDisk
    {
        /// <summary>The original disk's size (format document §5).</summary>
        public const ulong DiskBytes = 2UL * 1024 * 1024 * 1024;

        /// <summary>The cached image's path under the repository.</summary>
        public static string ImagePath(string repositoryRoot) => Path.Combine(repositoryRoot, "out", "disks", "sample.img");

        /// <summary>
        /// Returns the path of an up-to-date sample disk for the repository at
        /// <paramref name="repositoryRoot"/>, building it when missing or stale; <paramref name="rebuilt"/> says which.
        /// </summary>
        public static string Ensure(string repositoryRoot, out bool rebuilt)
        {
            string rootfs = Path.Combine(repositoryRoot, "rootfs");
            return Ensure(rootfs, ImagePath(repositoryRoot), out rebuilt);
        }

        /// <summary>Builds <paramref name="image"/> from <paramref name="rootfs"/> unless its fingerprint file says it is current.</summary>
        public static string Ensure(string rootfs, string image, out bool rebuilt)
        {
            if (!Directory.Exists(rootfs))
                throw new DirectoryNotFoundException("sample root folder " + rootfs + " does not exist");
            Directory.CreateDirectory(Path.GetDirectoryName(image)!);
            string stampFile = image + ".fingerprint";
            string fingerprint = Fingerprint(rootfs);
            if (File.Exists(image) && File.Exists(stampFile) && File.ReadAllText(stampFile) == Stamp(fingerprint, image))
            {
                rebuilt = false;
                return image;
            }

            // Build beside the cache and rename, so an interrupted build never leaves a half
            // image that a later run would take as current.
            string temporary = image + "." + Environment.ProcessId + ".tmp";
            try
            {
                ImageBuilder.Build(rootfs, temporary, gpt: true, size: DiskBytes, creationTime: null, progress: null);
                File.Move(temporary, image, overwrite: true);
            }
            finally
            {
                if (File.Exists(temporary))
                    File.Delete(temporary);
            }
            File.WriteAllText(stampFile, Stamp(fingerprint, image));
            rebuilt = true;
            return image;
        }

        /// <summary>The tree's fingerprint and the image's last write, so a changed tree or a written image both read as stale.</summary>
        private static string Stamp(string fingerprint, string image)
        {
            return fingerprint + " " + File.GetLastWriteTimeUtc(image).Ticks;
        }

        /// <summary>SHA-256 over the tree's relative paths, kinds, link targets and file contents, in ordinal path order.</summary>
        public static string Fingerprint(string rootfs)
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var entries = new List<string>(Directory.EnumerateFileSystemEntries(rootfs, "*", SearchOption.AllDirectories));
            entries.Sort(StringComparer.Ordinal);
            foreach (string entry in entries)
            {
                string relative = Path.GetRelativePath(rootfs, entry).Replace('\\', '/');
                var info = new FileInfo(entry);
                string kind;
                if (info.LinkTarget != null)
                    kind = "link:" + info.LinkTarget;
                else if (Directory.Exists(entry))
                    kind = "dir";
                else
                    kind = "file:" + info.Length;
                sha.AppendData(Encoding.UTF8.GetBytes(relative + "\0" + kind + "\0"));
                if (kind.StartsWith("file:", StringComparison.Ordinal))
                {
                    using FileStream content = File.OpenRead(entry);
                    var buffer = new byte[1024 * 1024];
                    int read;
                    while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
                        sha.AppendData(buffer, 0, read);
                }
            }
            return Convert.ToHexString(sha.GetHashAndReset());
        }
    }
}
