using System;
using System.Diagnostics;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.Storage;

namespace EclipseOS.Benchmarks.EclipseFS
{
    /// <summary>A <see cref="SmallFileTree"/> built through the engine, and a few other operations on it.</summary>
    /// <param name="Files">Files created.</param>
    /// <param name="CreateSeconds">Time of the creates and their writes (the directories left out).</param>
    /// <param name="Create">The creates (an empty file each).</param>
    /// <param name="Write">The writes of <see cref="SmallFileTree.FileBytes"/> bytes into each new file.</param>
    /// <param name="Mkdir">The directories after the first (the first change also gives the volume its log).</param>
    /// <param name="Rename">Renames of a file within its directory.</param>
    /// <param name="Unlink">Unlinks of a file.</param>
    public sealed record SmallFileResult(int Files, double CreateSeconds, OperationCost Create, OperationCost Write, OperationCost Mkdir, OperationCost Rename, OperationCost Unlink)
    {
        /// <summary>Small files made (create + write) per second.</summary>
        public double CreatesPerSecond => Files / CreateSeconds;
    }

    /// <summary>
    /// Builds a <see cref="SmallFileTree"/> on an empty volume through <see cref="IWritableFileSystem"/>
    /// — mkdir of every directory, then create + write of every file — then renames and
    /// unlinks a sample of the files, counting what each kind of operation asks of the device.
    /// </summary>
    public static class SmallFileMeasurement
    {
        /// <summary>Suffix a renamed file gets.</summary>
        public const string RenamedSuffix = ".r";

        /// <summary>Files renamed, and as many unlinked, after the creates: at most 100, at most a quarter of the files.</summary>
        public static int SampleSize(SmallFileTree tree) => Math.Max(1, Math.Min(100, tree.Files / 4));

        /// <summary>Measures on <paramref name="device"/>, which must hold an empty volume (<see cref="BenchVolumes.Empty"/>).</summary>
        public static SmallFileResult Measure(IBlockDevice device, SmallFileTree tree)
        {
            if (tree.Files < 4)
                throw new ArgumentException("the small-file measurement needs at least 4 files, was given " + tree.Files);
            var counting = new CountingBlockDevice(device);
            EclipseFsVolume volume = BenchVolumes.Mount(counting);
            var directories = new ulong[tree.Directories];
            directories[0] = volume.CreateDirectory(volume.RootNode, SmallFileTree.DirectoryName(0), 0x1ED);
            DeviceCounts start = counting.Counts;
            for (int d = 1; d < tree.Directories; d++)
                directories[d] = volume.CreateDirectory(volume.RootNode, SmallFileTree.DirectoryName(d), 0x1ED);
            var mkdir = new OperationCost("mkdir", Math.Max(1, tree.Directories - 1), counting.Counts - start);

            var content = new byte[SmallFileTree.FileBytes];
            DeviceCounts creates = default, writes = default;
            TimeSpan elapsed = TimeSpan.Zero;
            for (int f = 0; f < tree.Files; f++)
            {
                // The content is made outside the timed part: it is the caller's, not the filesystem's.
                SmallFileTree.Content(f, content);
                long t0 = Stopwatch.GetTimestamp();
                DeviceCounts c0 = counting.Counts;
                ulong node = volume.CreateFile(directories[tree.DirectoryOf(f)], SmallFileTree.FileName(f), 0x1A4);
                DeviceCounts c1 = counting.Counts;
                volume.Write(node, 0, content, 0, content.Length);
                DeviceCounts c2 = counting.Counts;
                elapsed += Stopwatch.GetElapsedTime(t0);
                creates += c1 - c0;
                writes += c2 - c1;
            }

            int sample = SampleSize(tree);
            start = counting.Counts;
            for (int f = 0; f < sample; f++)
            {
                ulong dir = directories[tree.DirectoryOf(f)];
                volume.Rename(dir, SmallFileTree.FileName(f), dir, SmallFileTree.FileName(f) + RenamedSuffix);
            }
            var rename = new OperationCost("rename", sample, counting.Counts - start);
            start = counting.Counts;
            for (int f = sample; f < 2 * sample; f++)
                volume.Unlink(directories[tree.DirectoryOf(f)], SmallFileTree.FileName(f));
            var unlink = new OperationCost("unlink", sample, counting.Counts - start);
            return new SmallFileResult(tree.Files, Math.Max(elapsed.TotalSeconds, 1e-6), new OperationCost("create", tree.Files, creates),
                new OperationCost("write " + SmallFileTree.FileBytes + " B", tree.Files, writes), mkdir, rename, unlink);
        }

        /// <summary>
        /// Checks a volume <see cref="Measure"/> made, read through any <paramref name="fs"/>: every
        /// directory holds exactly the expected names, every file its bytes. Returns the first
        /// difference, or null.
        /// </summary>
        public static string? Check(IFileSystem fs, SmallFileTree tree)
        {
            int sample = SampleSize(tree);
            var expected = new int[tree.Directories];
            var content = new byte[SmallFileTree.FileBytes];
            var back = new byte[SmallFileTree.FileBytes + 1];
            for (int f = 0; f < tree.Files; f++)
            {
                if (f >= sample && f < 2 * sample)
                    continue;
                string dirName = SmallFileTree.DirectoryName(tree.DirectoryOf(f));
                string name = SmallFileTree.FileName(f) + (f < sample ? RenamedSuffix : "");
                ulong dir = fs.Lookup(fs.RootNode, dirName);
                ulong node = dir == 0 ? 0 : fs.Lookup(dir, name);
                if (node == 0)
                    return "/" + dirName + "/" + name + " is missing";
                SmallFileTree.Content(f, content);
                int n = fs.Read(node, 0, back, 0, back.Length);
                if (n != content.Length || !back.AsSpan(0, n).SequenceEqual(content))
                    return "/" + dirName + "/" + name + " holds " + n + " bytes that differ from the " + content.Length + " written";
                expected[tree.DirectoryOf(f)]++;
            }
            for (int d = 0; d < tree.Directories; d++)
            {
                int found = fs.ReadDirectory(fs.Lookup(fs.RootNode, SmallFileTree.DirectoryName(d))).Count;
                if (found != expected[d])
                    return "/" + SmallFileTree.DirectoryName(d) + " lists " + found + " entries, " + expected[d] + " expected";
            }
            return null;
        }
    }
}
