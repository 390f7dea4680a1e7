using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using EclipseOS.Cli.Boot;
using EclipseOS.Cli.Setup;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.Kernel.Core;

namespace EclipseOS.Cli.Benchmarks
{
    /// <summary>
    /// <c>eclipse bench boot</c>: the hosted kernel booted from the sample disk on virtio, on IDE
    /// with PIO and on IDE with bus-master DMA, in one run — time from start (QEMU launch) to
    /// root mounted, and time to read the disk's largest file end to end (checked against the
    /// file in rootfs/) — printed with the ratios to ATA PIO. Target: VirtIO ÷ ATA-PIO ≤ 1/50.
    /// </summary>
    public sealed class BootBenchmark : IBenchmark
    {
        private const double Target = 1.0 / 50;
        private const int ChunkBytes = 1024 * 1024;

        /// <inheritdoc />
        public Command Build()
        {
            var command = new Command("boot", "Boot to root mounted and read the sample disk's largest file on virtio, IDE PIO and IDE DMA; ratios to PIO");
            command.SetAction(_ => Run());
            return command;
        }

        private static int Run()
        {
            string root = RepositoryRoot.Find();
            string disk = SampleRootDisk.Ensure(root, out _);
            Console.WriteLine("sample disk " + Path.GetRelativePath(root, disk) + " (GPT, EclipseFS at 513 MiB)");

            // Warm the JIT and the page cache so the first timed configuration is not penalised.
            Measure("warm-up", BootBus.Virtio, useDma: true, disk, root);

            var results = new List<Result>
            {
                Measure("virtio", BootBus.Virtio, useDma: true, disk, root),
                Measure("ide-pio", BootBus.Ide, useDma: false, disk, root),
                Measure("ide-dma", BootBus.Ide, useDma: true, disk, root),
            };
            Result pio = results[1];
            Console.WriteLine("largest file " + pio.File + " (" + pio.Bytes + " bytes), content checked against rootfs/");
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-8} {1,12} {2,12} {3,10} {4,12} {5,12}",
                "bus", "boot ms", "read ms", "MiB/s", "boot ÷ PIO", "read ÷ PIO"));
            foreach (Result r in results)
            {
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-8} {1,12:F1} {2,12:F1} {3,10:F2} {4,12:F4} {5,12:F4}",
                    r.Name, r.Boot.TotalMilliseconds, r.Read.TotalMilliseconds, r.Bytes / r.Read.TotalSeconds / (1024 * 1024),
                    r.Boot / pio.Boot, r.Read / pio.Read));
            }
            double ratio = results[0].Read / pio.Read;
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "VirtIO ÷ ATA-PIO reading the largest file: {0:F4} (1/{1:F0}); target ≤ 1/50: {2}; DMA ÷ PIO: {3:F4}",
                ratio, 1 / ratio, ratio <= Target ? "met" : "NOT met", results[2].Read / pio.Read));
            return ratio <= Target ? 0 : 1;
        }

        private static Result Measure(string name, BootBus bus, bool useDma, string disk, string root)
        {
            var options = new HostedKernelOptions { Bus = bus };
            options.Disks.Add(disk);
            options.Boot.Ata.UseDma = useDma;
            using HostedKernel kernel = HostedKernel.Start(options, new TextWriterOutput(null, keep: false));
            if (kernel.Kernel.Root == null)
                throw new InvalidOperationException(name + ": the sample disk did not mount: " + kernel.Kernel.RootError);

            string path = LargestFile(kernel.Kernel.Vfs, "/");
            var watch = Stopwatch.StartNew();
            VfsFile open = kernel.Kernel.Vfs.Open(path);
            var buffer = new byte[ChunkBytes];
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            int read;
            while ((read = open.Read(buffer, 0, buffer.Length)) > 0)
                sha.AppendData(buffer, 0, read);
            TimeSpan elapsed = watch.Elapsed;

            byte[] expected = SHA256.HashData(File.ReadAllBytes(Path.Combine(root, "rootfs", path.TrimStart('/'))));
            if (open.Position != open.Length || !sha.GetHashAndReset().AsSpan().SequenceEqual(expected))
                throw new InvalidOperationException(name + ": " + path + " read back differs from rootfs/ (" + open.Position + " of " + open.Length + " bytes)");
            return new Result(name, path, open.Length, kernel.BootTime, elapsed);
        }

        /// <summary>The biggest regular file under <paramref name="directory"/> (symlinks are not followed).</summary>
        private static string LargestFile(MountTable vfs, string directory)
        {
            string best = "";
            ulong bestSize = 0;
            var pending = new Stack<string>();
            pending.Push(directory);
            while (pending.Count > 0)
            {
                string dir = pending.Pop();
                foreach (VfsDirectoryEntry entry in vfs.ReadDirectory(dir))
                {
                    string path = dir == "/" ? "/" + entry.Name : dir + "/" + entry.Name;
                    VfsStat st = vfs.LinkStat(path);
                    if (st.Type == VfsNodeType.Directory)
                        pending.Push(path);
                    else if (st.Type == VfsNodeType.File && st.Size > bestSize)
                    {
                        best = path;
                        bestSize = st.Size;
                    }
                }
            }
            if (best.Length == 0)
                throw new InvalidOperationException("the sample disk holds no files");
            return best;
        }

        private sealed record Result(string Name, string File, ulong Bytes, TimeSpan Boot, TimeSpan Read);
    }
}
