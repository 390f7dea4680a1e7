using System;
using System.IO;
using System.Threading;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Tools.Hashing;
using EclipseOS.EclipseFS.Tools.Writing;
using EclipseOS.Storage;

namespace EclipseOS.Benchmarks.EclipseFS
{
    /// <summary>The images the write benchmark starts from, and how it mounts them.</summary>
    public static class BenchVolumes
    {
        /// <summary>creation_time of every image, so that runs are comparable.</summary>
        private const ulong CreationTime = 1_700_000_000;

        /// <summary>
        /// Options of every mount: read-write, the host's clock, the host's hardware CRC-32C
        /// (as every host verb), and no whole-file check before a first read — the benchmark
        /// reads files as a stream and checks their bytes itself, so a read costs one pass.
        /// </summary>
        public static EclipseFsOptions Options() => new EclipseFsOptions
        {
            Writable = true,
            Clock = new HostUnixClock(),
            Crc32C = HardwareCrc32C.Instance,
            VerifyContentOnRead = false,
        };

        /// <summary>Mounts <paramref name="device"/> read-write with <see cref="Options"/>.</summary>
        public static EclipseFsVolume Mount(IBlockDevice device) => EclipseFsVolume.Mount(device, Options());

        /// <summary><c>mkfs</c> of <paramref name="tree"/> (a host directory) into a bare image of <paramref name="bytes"/> bytes.</summary>
        public static void Mkfs(string tree, string image, ulong bytes) => ImageBuilder.Build(tree, image, false, bytes, CreationTime, null);

        /// <summary><c>mkfs</c> of an empty tree: a volume holding only its root, <paramref name="bytes"/> long.</summary>
        public static void Empty(string image, ulong bytes)
        {
            string empty = image + ".tree";
            Directory.CreateDirectory(empty);
            try
            {
                Mkfs(empty, image, bytes);
            }
            finally
            {
                Directory.Delete(empty);
            }
        }

        /// <summary>
        /// A RAM disk (512-byte blocks) holding the image file <paramref name="image"/>, every page
        /// of it already written once: the first write to a page of fresh memory costs a page
        /// fault (tens of microseconds on a virtual machine), which would be charged to whatever
        /// the filesystem happened to write first, not to the filesystem.
        /// </summary>
        public static RamDisk InRam(string image)
        {
            long length = new FileInfo(image).Length;
            if (length > Array.MaxLength)
                throw new ArgumentException(image + " (" + length + " bytes) is too large for a RAM disk (one array); use smaller sizes");
            byte[] data = File.ReadAllBytes(image);
            for (int at = 0; at < data.Length; at += 4096)
                Volatile.Write(ref data[at], data[at]);
            return new RamDisk(data, 512, false) { Name = "ram0" };
        }

        /// <summary>
        /// Saves <paramref name="disk"/>'s bytes to <paramref name="image"/>, leaving all-zero 64 KiB
        /// pieces as holes, so a snapshot of a mostly empty volume costs little disk.
        /// </summary>
        public static void Save(RamDisk disk, string image)
        {
            const int Piece = 64 * 1024;
            byte[] data = disk.Data;
            using var file = new FileStream(image, FileMode.Create, FileAccess.Write, FileShare.None, 1);
            file.SetLength(data.Length);
            for (int at = 0; at < data.Length; at += Piece)
            {
                int n = Math.Min(Piece, data.Length - at);
                if (data.AsSpan(at, n).IndexOfAnyExcept((byte)0) < 0)
                    continue;
                file.Position = at;
                file.Write(data, at, n);
            }
        }
    }
}
