using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using EclipseOS.Benchmarks.EclipseFS;
using EclipseOS.Cli.Disks;
using EclipseOS.Cli.EclipseFs;
using EclipseOS.Drivers.VirtIO.Device;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Tools.Hashing;
using EclipseOS.EclipseFS.Tools.Writing;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.Platform.Qtest.Protocol;
using EclipseOS.Platform.Qtest.Qmp;
using EclipseOS.Storage;
using EclipseOS.Storage.Host;

namespace EclipseOS.Cli.Benchmarks
{
    /// <summary>
    /// <c>eclipse bench eclipsefs-write [--file-size 64M] [--creates 1000] [--files 100000] [--ops 10000]</c>:
    /// the read-write EclipseFS engine on a RAM disk and on QEMU's virtio-blk driven by our
    /// driver over qtest — a large file written in 1 MiB calls against reading it back, device
    /// bytes, writes and flushes per operation (counted at the block device), small-file creates
    /// against <c>mkfs</c> of the same tree, and the mount time of a large volume after a short
    /// and a long history of operations. Prints one table of ratios and counts with the goals.
    /// </summary>
    public sealed partial class EclipseFsWriteBenchmark : IBenchmark
    {
        /// <summary>Directories of every generated tree (the files are spread over them).</summary>
        private const int Directories = 100;
        /// <summary>
        /// Timed mounts per volume (after one untimed). A RAM mount takes under 0.1 ms, so one
        /// pause of the machine or the runtime outweighs it: with 7, one run found the fastest
        /// mount after the long history twice the one after the short history, while the
        /// power-cut copy of that same volume, which does more, mounted as fast as the short one.
        /// </summary>
        private const int MountRounds = 21;
        /// <summary>
        /// Rounds of every timed throughput — the large file on both devices, the small files in
        /// RAM, mkfs — of which the fastest counts: on a shared machine other work only ever adds
        /// time. The small files on virtio run once (a round takes minutes, almost all of it
        /// inside the device).
        /// </summary>
        private const int Rounds = 5;
        private const ulong MiB = 1024 * 1024;

        /// <inheritdoc />
        public Command Build()
        {
            var fileSize = new Option<string>("--file-size") { Description = "The large file written in 1 MiB calls", DefaultValueFactory = _ => "64M" };
            // Each create is a few flushes, and a flush of QEMU's drive is a host fdatasync (milliseconds): 1000 keep the virtio part to minutes.
            var creates = new Option<int>("--creates") { Description = "Small files (100 bytes) created through the engine and by mkfs", DefaultValueFactory = _ => 1000 };
            var files = new Option<int>("--files") { Description = "Files of the volume whose mount is timed (built by mkfs)", DefaultValueFactory = _ => 100000 };
            var ops = new Option<int>("--ops") { Description = "Operations run on that volume before the mount (also timed after a tenth of them)", DefaultValueFactory = _ => 10000 };
            var work = new Option<string?>("--work") { Description = "Scratch directory (default: the system temp directory)" };
            var command = new Command("eclipsefs-write", "The read-write EclipseFS on a RAM disk and on virtio: write ÷ read, device bytes/writes/flushes per operation, creates vs mkfs, mount time after a history");
            command.Options.Add(fileSize);
            command.Options.Add(creates);
            command.Options.Add(files);
            command.Options.Add(ops);
            command.Options.Add(work);
            command.SetAction(parse =>
            {
                ulong bytes;
                try
                {
                    bytes = VerbSupport.ParseSize(parse.GetValue(fileSize)!);
                }
                catch (ArgumentException e)
                {
                    Console.Error.WriteLine("bench eclipsefs-write: --file-size: " + e.Message);
                    return 2;
                }
                return Run(new Sizes(bytes, parse.GetValue(creates), parse.GetValue(files), parse.GetValue(ops)), parse.GetValue(work), Console.Out, Console.Error);
            });
            return command;
        }

        /// <summary>How big a run is.</summary>
        /// <param name="FileBytes">The large file.</param>
        /// <param name="Creates">Small files created.</param>
        /// <param name="Files">Files of the mounted volume.</param>
        /// <param name="Operations">Operations before its last mount.</param>
        public sealed record Sizes(ulong FileBytes, int Creates, int Files, int Operations)
        {
            /// <summary>The shorter history: a tenth of the operations.</summary>
            public int ShortHistory => Operations / 10;

            /// <summary>What is wrong with these sizes, or null.</summary>
            public string? Problem()
            {
                if (FileBytes < MiB || FileBytes > 512 * MiB)
                    return "--file-size must be 1M to 512M (the volume lives in one RAM array)";
                if (Creates < 4 || Creates > 1_000_000)
                    return "--creates must be 4 to 1000000";
                if (Files < 2 || Files > 1_000_000)
                    return "--files must be 2 to 1000000";
                if (Operations < 10 || Operations > 10_000_000)
                    return "--ops must be 10 to 10000000";
                return null;
            }
        }

        /// <summary>What one device (RAM or virtio) measured.</summary>
        private sealed class DeviceRun
        {
            public LargeFileResult Large = null!;
            public SmallFileResult Small = null!;
            public string? SmallProblem;
            public readonly List<MountResult> Mounts = new List<MountResult>();
            public string Device = "";
        }

        /// <summary>The volumes whose mount is timed: made by mkfs, then after the short and the long history.</summary>
        private sealed class History
        {
            public readonly List<(string Label, string Image)> Volumes = new List<(string, string)>();
            public VolumeHistory Model = null!;
            public readonly List<string> Problems = new List<string>();
        }

        /// <summary>Runs the benchmark; returns 0 when everything was measured and every byte checked, 1 otherwise, 2 for bad sizes.</summary>
        public static int Run(Sizes sizes, string? work, TextWriter output, TextWriter error)
        {
            string? problem = sizes.Problem();
            if (problem != null)
            {
                error.WriteLine("bench eclipsefs-write: " + problem);
                return 2;
            }
            string root = Path.Combine(work ?? Path.GetTempPath(), "eclipsefs-write-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(root);
            try
            {
                return Measure(sizes, root, output, error);
            }
            catch (Exception e) when (e is EclipseFsException || e is VfsException || e is BlockDeviceException || e is VirtioException || e is QtestException
                                      || e is IOException || e is EclipseFsWriterException || e is InvalidOperationException || e is ArgumentException)
            {
                error.WriteLine("bench eclipsefs-write: " + e.Message);
                return 1;
            }
            finally
            {
                Directory.Delete(root, true);
            }
        }

        private static int Measure(Sizes sizes, string root, TextWriter output, TextWriter error)
        {
            var createTree = new SmallFileTree(sizes.Creates, Math.Min(Directories, sizes.Creates));
            var volumeTree = new SmallFileTree(sizes.Files, Math.Min(Directories, sizes.Files));
            string largeImage = Path.Combine(root, "large.img");
            string createsImage = Path.Combine(root, "creates.img");
            ulong createsBytes = 64 * MiB + (ulong)sizes.Creates * 1024;
            BenchVolumes.Empty(largeImage, 3 * sizes.FileBytes + 32 * MiB);
            BenchVolumes.Empty(createsImage, createsBytes);

            output.WriteLine("mkfs of " + sizes.Creates + " files of " + SmallFileTree.FileBytes + " bytes in " + createTree.Directories + " directories (" + Rounds + " rounds) …");
            double mkfsSeconds = TimeMkfs(createTree, root, createsBytes);

            output.WriteLine("mkfs of a " + sizes.Files + "-file volume, then " + sizes.Operations + " operations on it in RAM …");
            History history = MakeHistory(volumeTree, sizes, root);

            output.WriteLine("RAM disk …");
            DeviceRun ram = MeasureRam(sizes, createTree, largeImage, createsImage, history);
            output.WriteLine("virtio …");
            DeviceRun virtio = MeasureVirtio(sizes, createTree, largeImage, createsImage, history, output);

            output.WriteLine();
            WriteReport(sizes, mkfsSeconds, ram, virtio, history, output);
            var problems = new List<string>(history.Problems);
            foreach (DeviceRun run in new[] { ram, virtio })
            {
                if (!run.Large.DataMatches)
                    problems.Add(run.Device + ": the large file read back differs from what was written");
                if (run.SmallProblem != null)
                    problems.Add(run.Device + ": " + run.SmallProblem);
            }
            foreach (string p in problems)
                error.WriteLine("bench eclipsefs-write: WRONG DATA: " + p);
            return problems.Count == 0 ? 0 : 1;
        }

        /// <summary>The fastest time of <c>mkfs</c> writing <paramref name="tree"/> (written to the host once, outside the timing).</summary>
        private static double TimeMkfs(SmallFileTree tree, string root, ulong imageBytes)
        {
            string source = Path.Combine(root, "creates-tree");
            string image = Path.Combine(root, "creates-mkfs.img");
            tree.WriteTo(source);
            var times = new List<double>();
            for (int round = 0; round < Rounds; round++)
            {
                var watch = Stopwatch.StartNew();
                BenchVolumes.Mkfs(source, image, imageBytes);
                times.Add(watch.Elapsed.TotalSeconds);
                File.Delete(image);
            }
            Directory.Delete(source, true);
            times.Sort();
            return times[0];
        }

        /// <summary>
        /// mkfs of the volume tree, then the history in RAM, saving the volume after a tenth of
        /// it and at its end — cleanly unmounted (synced: the log holds a checkpoint only) and as
        /// a power cut right after the last operation would leave it. Each saved volume is checked
        /// against the model by a fresh read-only mount.
        /// </summary>
        private static History MakeHistory(SmallFileTree tree, Sizes sizes, string root)
        {
            var history = new History();
            string source = Path.Combine(root, "volume-tree");
            tree.WriteTo(source);
            string made = Path.Combine(root, "volume-mkfs.img");
            BenchVolumes.Mkfs(source, made, 64 * MiB + (ulong)sizes.Files * 1024);
            Directory.Delete(source, true);
            history.Volumes.Add(("as mkfs made it", made));

            RamDisk disk = BenchVolumes.InRam(made);
            var counting = new CountingBlockDevice(disk);
            EclipseFsVolume volume = BenchVolumes.Mount(counting);
            history.Model = new VolumeHistory(volume, counting, tree, 11);
            foreach (int upTo in new[] { sizes.ShortHistory, sizes.Operations })
            {
                try
                {
                    history.Model.Run(upTo - history.Model.Done);
                }
                catch (Exception e) when (e is EclipseFsException || e is VfsException)
                {
                    throw new InvalidOperationException("the volume stopped taking changes after " + history.Model.Done + " of " + sizes.Operations + " operations: " + e.Message, e);
                }
                string crashed = Path.Combine(root, "volume-" + upTo + "-crash.img");
                BenchVolumes.Save(disk, crashed);
                volume.Sync();
                string clean = Path.Combine(root, "volume-" + upTo + ".img");
                BenchVolumes.Save(disk, clean);
                foreach (string image in new[] { clean, crashed })
                {
                    EclipseFsVolume fresh = EclipseFsVolume.Mount(BenchVolumes.InRam(image), new EclipseFsOptions { Crc32C = HardwareCrc32C.Instance });
                    string? problem = history.Model.Check(fresh);
                    if (problem != null)
                        history.Problems.Add(Path.GetFileName(image) + ": " + problem);
                }
                history.Volumes.Add(("after " + upTo + " ops", clean));
                if (upTo == sizes.Operations)
                    history.Volumes.Add(("after " + upTo + " ops, power cut", crashed));
                else
                    File.Delete(crashed);
            }
            return history;
        }

        private static DeviceRun MeasureRam(Sizes sizes, SmallFileTree createTree, string largeImage, string createsImage, History history)
        {
            var run = new DeviceRun { Device = "RAM" };
            run.Large = LargeFileMeasurement.Measure(BenchVolumes.InRam(largeImage), sizes.FileBytes, Rounds);
            var rounds = new List<SmallFileResult>();
            for (int round = 0; round < Rounds; round++)
            {
                RamDisk creates = BenchVolumes.InRam(createsImage);
                rounds.Add(SmallFileMeasurement.Measure(creates, createTree));
                run.SmallProblem ??= SmallFileMeasurement.Check(EclipseFsVolume.Mount(creates, new EclipseFsOptions { Crc32C = HardwareCrc32C.Instance }), createTree);
            }
            rounds.Sort((a, b) => a.CreateSeconds.CompareTo(b.CreateSeconds));
            run.Small = rounds[0];
            foreach ((string _, string image) in history.Volumes)
                run.Mounts.Add(MountMeasurement.Measure(BenchVolumes.InRam(image), history.Model.ProbeDirectory, history.Model.ProbeFile, SmallFileTree.FileBytes, MountRounds));
            return run;
        }

        /// <summary>
        /// The same measurements on QEMU's virtio-blk through our driver, one QEMU per image (the
        /// images are changed in place). Each disk's flushes as counted at the block device are
        /// compared with QEMU's own count; the small files are checked after QEMU has stopped, by
        /// mounting the image file itself.
        /// </summary>
        private static DeviceRun MeasureVirtio(Sizes sizes, SmallFileTree createTree, string largeImage, string createsImage, History history, TextWriter output)
        {
            var run = new DeviceRun();
            using (OpenedDisk disk = VirtioDiskOpener.Open(largeImage, null, null, readOnly: false))
            {
                run.Device = disk.Description;
                var counting = new CountingBlockDevice(disk.Device);
                run.Large = LargeFileMeasurement.Measure(counting, sizes.FileBytes, Rounds);
                output.WriteLine("  large file: " + FlushCheck(counting, disk));
            }
            using (OpenedDisk disk = VirtioDiskOpener.Open(createsImage, null, null, readOnly: false))
            {
                var counting = new CountingBlockDevice(disk.Device);
                run.Small = SmallFileMeasurement.Measure(counting, createTree);
                output.WriteLine("  small files: " + FlushCheck(counting, disk));
            }
            using (var file = new FileBlockDevice(createsImage, FileBlockDevice.DefaultBlockSize, readOnly: true))
                run.SmallProblem = SmallFileMeasurement.Check(EclipseFsVolume.Mount(file, new EclipseFsOptions { Crc32C = HardwareCrc32C.Instance }), createTree);
            foreach ((string _, string image) in history.Volumes)
            {
                using OpenedDisk disk = VirtioDiskOpener.Open(image, null, null, readOnly: false);
                run.Mounts.Add(MountMeasurement.Measure(disk.Device, history.Model.ProbeDirectory, history.Model.ProbeFile, SmallFileTree.FileBytes, MountRounds));
            }
            return run;
        }

        /// <summary>The flushes the block device saw against the ones QEMU's drive counted (they must agree).</summary>
        private static string FlushCheck(CountingBlockDevice counting, OpenedDisk disk)
        {
            List<QemuBlockStats> stats = disk.Platform.BlockStats();
            if (stats.Count != 1)
                return "QEMU reports " + stats.Count + " drives";
            DeviceCounts c = counting.Counts;
            return c.Flushes + " flushes and " + c.Writes + " writes counted at the block device; QEMU's drive counted "
                + stats[0].FlushOperations + " flushes and " + stats[0].WriteOperations + " writes"
                + (stats[0].FlushOperations == c.Flushes ? "" : " — THE FLUSH COUNTS DIFFER");
        }
    }
}
