using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace EclipseOS.Cli.Boot
{
    /// <summary>
    /// The disk <c>eclipse boot</c> starts from when no <c>--disk</c> is given: the repository's
    /// <c>rootfs/</c> folder written as EclipseFS into a GPT disk in the original layout.
    /// The image is cached under <c>out/boot/</c> and rebuilt only when a fingerprint of
    /// <c>rootfs/</c> (every path, kind, link target and content) changes.
    /// </summary>
    public static class SampleRootDisk
    {
        /// <summary>File name of the cached image under <c>out/boot/</c>.</summary>
        public const string ImageName = "rootfs.img";

        /// <summary>
        /// Returns the path of an up-to-date sample disk for <paramref name="rootfs"/>, building it
        /// into <paramref name="cacheDirectory"/> with <paramref name="build"/> (source folder,
        /// destination image) when the cache is missing or stale. <paramref name="rebuilt"/> says which.
        /// </summary>
        public static string Ensure(string rootfs, string cacheDirectory, Action<string, string> build, out bool rebuilt)
        {
            if (!Directory.Exists(rootfs))
                throw new DirectoryNotFoundException("sample root folder " + rootfs + " does not exist");
            Directory.CreateDirectory(cacheDirectory);
            string image = Path.Combine(cacheDirectory, ImageName);
            string stampFile = image + ".fingerprint";
            string fingerprint = Fingerprint(rootfs);
            if (File.Exists(image) && File.Exists(stampFile) && File.ReadAllText(stampFile) == fingerprint)
            {
                rebuilt = false;
                return image;
            }

            // Build beside the cache and rename, so an interrupted build never leaves a half image
            // that a later run would take as current.
            string temporary = image + "." + Environment.ProcessId + ".tmp";
            try
            {
                build(rootfs, temporary);
                File.Move(temporary, image, overwrite: true);
            }
            finally
            {
                if (File.Exists(temporary))
                    File.Delete(temporary);
            }
            File.WriteAllText(stampFile, fingerprint);
            rebuilt = true;
            return image;
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
                    sha.AppendData(File.ReadAllBytes(entry));
            }
            return Convert.ToHexString(sha.GetHashAndReset());
        }
    }
}
