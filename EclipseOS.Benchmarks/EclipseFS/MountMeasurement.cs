using System;
using System.Collections.Generic;
using System.Diagnostics;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.Storage;

namespace EclipseOS.Benchmarks.EclipseFS
{
    /// <summary>Repeated read-write mounts of one volume, each followed by a first stat.</summary>
    /// <param name="Times">Milliseconds of each timed mount + stat, ascending.</param>
    /// <param name="PerMount">What the last mount + stat asked of the device.</param>
    /// <param name="ReplayedTransactions">Log transactions the last mount applied again.</param>
    /// <param name="FreeExtents">Extents in the free-space map after the last mount — the checkpoint's, when nothing was replayed (0 without a log).</param>
    /// <param name="ParseTimes">
    /// Milliseconds of each mount's first use of its free-space map, ascending: the parse the
    /// mount leaves to the first change (§12.9), timed apart from the mount.
    /// </param>
    public sealed record MountResult(List<double> Times, DeviceCounts PerMount, int ReplayedTransactions, int FreeExtents, List<double> ParseTimes)
    {
        /// <summary>The median time, ms.</summary>
        public double MedianMs => Times[Times.Count / 2];

        /// <summary>The fastest time, ms: the mount least disturbed by other work on the machine.</summary>
        public double MinMs => Times[0];

        /// <summary>The slowest time, ms.</summary>
        public double MaxMs => Times[Times.Count - 1];
    }

    /// <summary>
    /// Times <see cref="EclipseFsVolume.Mount(IBlockDevice, EclipseFsOptions)"/> (read-write) and a
    /// first stat of a file two levels down, again and again on the same device: each mount
    /// starts with empty caches (a new volume object), as after a reboot.
    /// </summary>
    public static class MountMeasurement
    {
        /// <summary>
        /// Mounts <paramref name="device"/> once untimed (to warm the JIT), then
        /// <paramref name="rounds"/> times timed; each stats /<paramref name="directory"/>/<paramref name="file"/>,
        /// which must hold <paramref name="size"/> bytes.
        /// </summary>
        public static MountResult Measure(IBlockDevice device, string directory, string file, ulong size, int rounds)
        {
            var counting = new CountingBlockDevice(device);
            MountAndStat(counting, directory, file, size);
            var times = new List<double>();
            var parses = new List<double>();
            DeviceCounts last = default;
            int replayed = 0, extents = 0;
            for (int r = 0; r < rounds; r++)
            {
                DeviceCounts before = counting.Counts;
                var watch = Stopwatch.StartNew();
                EclipseFsVolume volume = MountAndStat(counting, directory, file, size);
                times.Add(watch.Elapsed.TotalMilliseconds);
                last = counting.Counts - before;
                replayed = volume.Journal != null ? volume.Journal.ReplayedTransactions : 0;
                watch.Restart();
                extents = volume.Journal != null ? volume.Journal.FreeSpace.Count : 0;
                parses.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            parses.Sort();
            return new MountResult(times, last, replayed, extents, parses);
        }

        private static EclipseFsVolume MountAndStat(IBlockDevice device, string directory, string file, ulong size)
        {
            EclipseFsVolume volume = BenchVolumes.Mount(device);
            IFileSystem fs = volume;
            ulong dir = fs.Lookup(fs.RootNode, directory);
            ulong node = dir == 0 ? 0 : fs.Lookup(dir, file);
            if (node == 0)
                throw new InvalidOperationException("mount + stat: /" + directory + "/" + file + " is missing on " + device.Name);
            VfsStat stat = fs.Stat(node);
            if (stat.Size != size)
                throw new InvalidOperationException("mount + stat: /" + directory + "/" + file + " holds " + stat.Size + " bytes, " + size + " expected");
            return volume;
        }
    }
}
