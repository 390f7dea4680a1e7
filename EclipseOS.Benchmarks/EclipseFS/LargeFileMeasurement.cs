using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Tools.Hashing;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.Storage;

namespace EclipseOS.Benchmarks.EclipseFS
{
    /// <summary>One large file written sequentially and read back, in one or more rounds.</summary>
    /// <param name="FileBytes">Bytes of the file.</param>
    /// <param name="WriteCalls">Calls of <see cref="IWritableFileSystem.Write"/>, all rounds.</param>
    /// <param name="WriteSeconds">Time of each round's writes.</param>
    /// <param name="ReadSeconds">Time of each round's reads (checking the bytes left out).</param>
    /// <param name="CheckedReadSeconds">Time of each round's read by a fresh mount with the default first-read check (the whole file's CRC-32C before its first byte).</param>
    /// <param name="ContentCrcSeconds">
    /// Time of each round's CRC-32C of the written bytes alone (the check of the read, done
    /// apart): the part of a write that the format's CONTENT_CRC32C costs, whatever the engine.
    /// </param>
    /// <param name="WriteDeviceSeconds">Time of each round's writes spent inside the device's calls.</param>
    /// <param name="Written">What the writes asked of the device, all rounds.</param>
    /// <param name="Read">What the reads asked of the device, all rounds.</param>
    /// <param name="DataMatches">Whether the bytes read back were the bytes written, every round.</param>
    public sealed record LargeFileResult(ulong FileBytes, int WriteCalls, List<double> WriteSeconds, List<double> ReadSeconds, List<double> CheckedReadSeconds,
        List<double> ContentCrcSeconds, List<double> WriteDeviceSeconds, DeviceCounts Written, DeviceCounts Read, bool DataMatches)
    {
        /// <summary>Times the file was written and read.</summary>
        public int Rounds => WriteSeconds.Count;

        /// <summary>The fastest write.</summary>
        public double BestWriteSeconds => Min(WriteSeconds);

        /// <summary>The fastest read.</summary>
        public double BestReadSeconds => Min(ReadSeconds);

        /// <summary>
        /// Sequential write time ÷ sequential read time, each the fastest of the rounds: on a
        /// shared machine other work only ever adds time, so the fastest round is the one least
        /// disturbed.
        /// </summary>
        public double WriteReadRatio => BestWriteSeconds / BestReadSeconds;

        /// <summary>
        /// What any engine writing this format pays before doing anything of its own, over the
        /// read: (the fastest round's time inside the device while writing + the fastest content
        /// CRC-32C of the same bytes) ÷ the fastest read. The device's part is its own copy or
        /// transfer of the bytes, which on a RAM disk is a copy into memory the cache does not
        /// hold; the CRC is the format's CONTENT_CRC32C, which the plain read does not check.
        /// <see cref="WriteReadRatio"/> cannot go below this however little the engine does.
        /// </summary>
        public double FloorRatio => FloorSeconds / BestReadSeconds;

        /// <summary>
        /// The engine's own share of the fastest write: what is left of it after the time inside
        /// the device and the content CRC-32C (each the fastest round), as a fraction of it.
        /// </summary>
        public double EngineShareOfWrite => Math.Max(0, BestWriteSeconds - FloorSeconds) / BestWriteSeconds;

        /// <summary>The fastest round's time inside the device while writing + the fastest content CRC-32C alone.</summary>
        private double FloorSeconds => Min(WriteDeviceSeconds) + Min(ContentCrcSeconds);

        /// <summary>The fastest write ÷ the fastest read with the default first-read check.</summary>
        public double WriteCheckedReadRatio => BestWriteSeconds / Min(CheckedReadSeconds);

        /// <summary>Bytes the device was given per byte of file data.</summary>
        public double DeviceBytesPerFileByte => Written.WriteBytes / ((double)FileBytes * Rounds);

        /// <summary>Device write requests per write call.</summary>
        public double DeviceWritesPerCall => Written.Writes / (double)WriteCalls;

        /// <summary>Device flushes per write call.</summary>
        public double FlushesPerCall => Written.Flushes / (double)WriteCalls;

        private static double Min(List<double> values)
        {
            double min = double.MaxValue;
            foreach (double v in values)
                min = Math.Min(min, v);
            return min;
        }
    }

    /// <summary>
    /// Writes one file of the given size in 1 MiB <see cref="IWritableFileSystem.Write"/> calls
    /// on a freshly made volume, then reads it in 1 MiB reads, counting what each asks of the
    /// device and checking the bytes (CRC-32C, outside the timed part); then reads it once more
    /// through a fresh mount with the default options, which checks the whole file's CRC-32C
    /// before its first byte. Each further round unlinks the file and syncs (so its space is
    /// free again) and writes a new one.
    /// </summary>
    public static class LargeFileMeasurement
    {
        /// <summary>Bytes per write and per read call.</summary>
        public const int CallBytes = 1024 * 1024;

        /// <summary>
        /// Measures on <paramref name="device"/>, which must hold an empty volume with room for
        /// twice the file (<see cref="BenchVolumes.Empty"/>).
        /// </summary>
        public static LargeFileResult Measure(IBlockDevice device, ulong fileBytes, int rounds)
        {
            var counting = new CountingBlockDevice(device);
            EclipseFsVolume volume = BenchVolumes.Mount(counting);
            // Random bytes from a pool, at random offsets: every piece differs and memory does not follow the file size.
            var random = new Random(7);
            var pool = new byte[8 * CallBytes];
            random.NextBytes(pool);
            var buffer = new byte[CallBytes];
            var writeSeconds = new List<double>();
            var readSeconds = new List<double>();
            var checkedSeconds = new List<double>();
            var crcSeconds = new List<double>();
            var writeDeviceSeconds = new List<double>();
            DeviceCounts written = default, read = default;
            int calls = 0;
            bool matches = true;
            for (int round = 0; round < rounds; round++)
            {
                var pieces = new List<int>();
                for (ulong at = 0; at < fileBytes; at += CallBytes)
                    pieces.Add(random.Next(pool.Length - CallBytes + 1));
                string name = "large-" + round.ToString(CultureInfo.InvariantCulture) + ".bin";

                // The create is left out: the first also gives the volume its log, which happens once per volume.
                ulong node = volume.CreateFile(volume.RootNode, name, 0x1A4);
                DeviceCounts before = counting.Counts;
                var watch = Stopwatch.StartNew();
                for (int i = 0; i < pieces.Count; i++)
                {
                    ulong at = (ulong)i * CallBytes;
                    volume.Write(node, at, pool, pieces[i], (int)Math.Min(CallBytes, fileBytes - at));
                }
                double write = watch.Elapsed.TotalSeconds;
                DeviceCounts writing = counting.Counts - before;
                written += writing;
                writeDeviceSeconds.Add(writing.DeviceTime.TotalSeconds);
                calls += pieces.Count;

                uint expected = 0;
                watch.Restart();
                for (int i = 0; i < pieces.Count; i++)
                    expected = HardwareCrc32C.Instance.Append(expected, pool, pieces[i], (int)Math.Min(CallBytes, fileBytes - (ulong)i * CallBytes));
                crcSeconds.Add(watch.Elapsed.TotalSeconds);
                uint crc = 0;
                ulong done = 0;
                TimeSpan checking = TimeSpan.Zero;
                before = counting.Counts;
                watch.Restart();
                while (true)
                {
                    int n = ((IFileSystem)volume).Read(node, done, buffer, 0, buffer.Length);
                    if (n == 0)
                        break;
                    TimeSpan start = watch.Elapsed;
                    crc = HardwareCrc32C.Instance.Append(crc, buffer, 0, n);
                    checking += watch.Elapsed - start;
                    done += (ulong)n;
                }
                double readTime = Math.Max((watch.Elapsed - checking).TotalSeconds, 1e-6);
                read += counting.Counts - before;
                matches &= done == fileBytes && crc == expected;
                writeSeconds.Add(write);
                readSeconds.Add(readTime);

                // After a sync the log holds only a checkpoint: the second mount replays (writes) nothing.
                volume.Sync();
                EclipseFsOptions defaults = BenchVolumes.Options();
                defaults.VerifyContentOnRead = true;
                IFileSystem fresh = EclipseFsVolume.Mount(counting, defaults);
                ulong same = fresh.Lookup(fresh.RootNode, name);
                ulong total = 0;
                watch.Restart();
                int got;
                while ((got = fresh.Read(same, total, buffer, 0, buffer.Length)) > 0)
                    total += (ulong)got;
                checkedSeconds.Add(Math.Max(watch.Elapsed.TotalSeconds, 1e-6));
                matches &= total == fileBytes;

                volume.Unlink(volume.RootNode, name);
                volume.Sync();
            }
            return new LargeFileResult(fileBytes, calls, writeSeconds, readSeconds, checkedSeconds, crcSeconds, writeDeviceSeconds, written, read, matches);
        }
    }
}
