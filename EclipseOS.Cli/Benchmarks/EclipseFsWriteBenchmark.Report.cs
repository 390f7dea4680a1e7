using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using EclipseOS.Benchmarks.EclipseFS;
using Spectre.Console;

namespace EclipseOS.Cli.Benchmarks
{
    /// <summary>The table <c>bench eclipsefs-write</c> prints, and the figures behind it.</summary>
    public sealed partial class EclipseFsWriteBenchmark
    {
        /// <summary>Goal: sequential write time ÷ sequential read time.</summary>
        private const double WriteReadGoal = 2;
        /// <summary>Goal: device bytes written per byte of a large file.</summary>
        private const double BytesGoal = 1.2;
        /// <summary>Goal: mount + first stat on virtio after the long history, ms.</summary>
        private const double MountGoalMs = 50;
        /// <summary>How much the long history may slow the mount down against the short one and still count as independent of it.</summary>
        private const double HistoryGoal = 1.5;

        private static void WriteReport(Sizes sizes, double mkfsSeconds, DeviceRun ram, DeviceRun virtio, History history, TextWriter output)
        {
            IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
            // Redirected output (a log, a test) has no width of its own: wide enough for the table unwrapped.
            if (output != Console.Out || Console.IsOutputRedirected)
                console.Profile.Width = 180;

            var table = new Table().Title("EclipseFS read-write: RAM disk and virtio, one run");
            table.AddColumn("measure");
            table.AddColumn(new TableColumn("RAM").RightAligned());
            table.AddColumn(new TableColumn("virtio").RightAligned());
            table.AddColumn("goal");
            table.AddColumn("verdict");

            string file = ByteText(sizes.FileBytes) + " file";
            Row(table, file + ", 1 MiB writes: write time ÷ read time", F(ram.Large.WriteReadRatio, 2), F(virtio.Large.WriteReadRatio, 2),
                "≤ " + F(WriteReadGoal, 0), Verdict(ram.Large.WriteReadRatio <= WriteReadGoal, virtio.Large.WriteReadRatio <= WriteReadGoal));
            // What the ratio cannot go below, measured in the same rounds: the device's own work
            // and the format's content CRC; and what the engine adds on top of them.
            Row(table, file + ": floor: (time in the device writing + content CRC) ÷ read time", F(ram.Large.FloorRatio, 2), F(virtio.Large.FloorRatio, 2), "", "");
            Row(table, file + ": the engine's own share of the write time", Percent(ram.Large.EngineShareOfWrite), Percent(virtio.Large.EngineShareOfWrite), "", "");
            Row(table, file + ": write time ÷ read time with the first-read check", F(ram.Large.WriteCheckedReadRatio, 2), F(virtio.Large.WriteCheckedReadRatio, 2), "", "");
            Row(table, file + ": device bytes written ÷ file bytes", F(ram.Large.DeviceBytesPerFileByte, 3), F(virtio.Large.DeviceBytesPerFileByte, 3),
                "≤ " + F(BytesGoal, 1), Verdict(ram.Large.DeviceBytesPerFileByte <= BytesGoal, virtio.Large.DeviceBytesPerFileByte <= BytesGoal));
            Row(table, file + ": device writes / flushes per 1 MiB write", WritesFlushes(ram.Large.DeviceWritesPerCall, ram.Large.FlushesPerCall),
                WritesFlushes(virtio.Large.DeviceWritesPerCall, virtio.Large.FlushesPerCall), "", "");
            OperationCost ramCreate = ram.Small.Create + ram.Small.Write, virtioCreate = virtio.Small.Create + virtio.Small.Write;
            Row(table, "create + write " + SmallFileTree.FileBytes + " B: device writes / flushes", WritesFlushes(ramCreate), WritesFlushes(virtioCreate), "", "");
            Row(table, "create + write " + SmallFileTree.FileBytes + " B: device bytes written", ByteText(ramCreate.WriteBytesPerCall), ByteText(virtioCreate.WriteBytesPerCall), "", "");
            foreach ((OperationCost r, OperationCost v, string what) in new[]
                     {
                         (ram.Small.Mkdir, virtio.Small.Mkdir, "mkdir"),
                         (ram.Small.Rename, virtio.Small.Rename, "rename in its directory"),
                         (ram.Small.Unlink, virtio.Small.Unlink, "unlink"),
                     })
                Row(table, what + ": device writes / flushes", WritesFlushes(r), WritesFlushes(v), "", "");
            Row(table, "creates/s ÷ mkfs files/s (" + sizes.Creates + " files)", F(ram.Small.CreatesPerSecond * mkfsSeconds / sizes.Creates, 4),
                F(virtio.Small.CreatesPerSecond * mkfsSeconds / sizes.Creates, 4), "", "");

            int longAt = history.Volumes.FindIndex(v => v.Label == "after " + sizes.Operations + " ops");
            int shortAt = history.Volumes.FindIndex(v => v.Label == "after " + sizes.ShortHistory + " ops");
            for (int i = 0; i < history.Volumes.Count; i++)
            {
                double r = ram.Mounts[i].MedianMs, v = virtio.Mounts[i].MedianMs;
                bool goal = i == longAt;
                Row(table, "mount + stat, " + sizes.Files + " files, " + history.Volumes[i].Label, Ms(r), Ms(v),
                    goal ? "< " + F(MountGoalMs, 0) + " ms virtio" : "", goal ? Verdict(true, v < MountGoalMs) : "");
            }
            // The fastest mounts: a ratio of two medians on a busy machine mostly measures the machine.
            double ramGrowth = ram.Mounts[longAt].MinMs / ram.Mounts[shortAt].MinMs;
            double virtioGrowth = virtio.Mounts[longAt].MinMs / virtio.Mounts[shortAt].MinMs;
            Row(table, "fastest mount time after " + sizes.Operations + " ÷ after " + sizes.ShortHistory + " ops", F(ramGrowth, 2), F(virtioGrowth, 2),
                "≤ " + F(HistoryGoal, 1) + " (independent of history)", Verdict(ramGrowth <= HistoryGoal, virtioGrowth <= HistoryGoal));
            Row(table, "device reads per mount + stat, after " + sizes.ShortHistory + " → " + sizes.Operations + " ops",
                ram.Mounts[shortAt].PerMount.Reads + " → " + ram.Mounts[longAt].PerMount.Reads,
                virtio.Mounts[shortAt].PerMount.Reads + " → " + virtio.Mounts[longAt].PerMount.Reads, "", "");
            Row(table, "bytes read per mount + stat, after " + sizes.ShortHistory + " → " + sizes.Operations + " ops",
                ByteText(ram.Mounts[shortAt].PerMount.ReadBytes) + " → " + ByteText(ram.Mounts[longAt].PerMount.ReadBytes),
                ByteText(virtio.Mounts[shortAt].PerMount.ReadBytes) + " → " + ByteText(virtio.Mounts[longAt].PerMount.ReadBytes), "", "");
            Row(table, "free-space extents in the checkpoint, after " + sizes.ShortHistory + " → " + sizes.Operations + " ops",
                ram.Mounts[shortAt].FreeExtents + " → " + ram.Mounts[longAt].FreeExtents,
                virtio.Mounts[shortAt].FreeExtents + " → " + virtio.Mounts[longAt].FreeExtents, "", "");
            // Where the cost the mount no longer pays went: the first change parses the map.
            Row(table, "fastest parse of that map at first use, ms, after " + sizes.ShortHistory + " → " + sizes.Operations + " ops",
                F(ram.Mounts[shortAt].ParseTimes[0], 3) + " → " + F(ram.Mounts[longAt].ParseTimes[0], 3),
                F(virtio.Mounts[shortAt].ParseTimes[0], 3) + " → " + F(virtio.Mounts[longAt].ParseTimes[0], 3), "", "");
            console.Write(table);

            output.WriteLine("virtio: " + virtio.Device);
            foreach ((string name, DeviceRun run) in new[] { ("RAM", ram), ("virtio", virtio) })
            {
                LargeFileResult l = run.Large;
                double mib = l.FileBytes / (double)MiB;
                output.WriteLine(name + ": " + l.Rounds + " rounds, write / read / checked read, ms: " + string.Join(", ", RoundTimes(l))
                    + "; fastest: written at " + F(mib / l.BestWriteSeconds, 1) + " MiB/s, read at " + F(mib / l.BestReadSeconds, 1) + " MiB/s");
                output.WriteLine(name + ": of the write time (all rounds) " + DeviceShare(l.Written, Sum(l.WriteSeconds)) + "; per round " + l.Written.Writes / l.Rounds
                    + " writes (" + l.Written.SingleBlockWrites / l.Rounds + " of one block), " + l.Written.Reads / l.Rounds + " reads, " + l.Written.Flushes / l.Rounds + " flushes"
                    + "; the content CRC-32C of the same bytes, timed alone, is " + Percent(Sum(l.ContentCrcSeconds) / Sum(l.WriteSeconds)) + " of the write time");
                SmallFileResult s = run.Small;
                output.WriteLine(name + ": " + F(s.CreatesPerSecond, 0) + " creates (+ write) per second" + (name == "RAM" ? " (fastest of " + Rounds + " rounds)" : " (one round)") + "; of their time "
                    + DeviceShare(s.Create.Total + s.Write.Total, s.CreateSeconds) + "; create alone " + Cost(s.Create) + "; write alone " + Cost(s.Write));
            }
            output.WriteLine("mkfs: " + F(sizes.Creates / mkfsSeconds, 0) + " files per second (fastest of " + Rounds + ", writing an image file without fsync)");
            output.WriteLine("mount + stat times are medians of " + MountRounds + "; fastest / slowest, ms:");
            for (int i = 0; i < history.Volumes.Count; i++)
                output.WriteLine("  " + history.Volumes[i].Label + ": RAM " + Ms(ram.Mounts[i].MinMs) + " / " + Ms(ram.Mounts[i].MaxMs)
                    + ", virtio " + Ms(virtio.Mounts[i].MinMs) + " / " + Ms(virtio.Mounts[i].MaxMs) + "; " + ram.Mounts[i].PerMount.Reads + " reads ("
                    + ByteText(ram.Mounts[i].PerMount.ReadBytes) + "), " + ram.Mounts[i].PerMount.Writes + " writes, " + ram.Mounts[i].PerMount.Flushes + " flushes"
                    + (ram.Mounts[i].ReplayedTransactions > 0 ? ", " + ram.Mounts[i].ReplayedTransactions + " log transactions replayed" : ""));

            var ops = new Table().Title("The history on the " + sizes.Files + "-file volume (" + Math.Min(Directories, sizes.Files) + " directories), per operation, RAM");
            ops.AddColumn("operation");
            foreach (string heading in new[] { "count", "device writes", "flushes", "bytes written", "device reads", "bytes read" })
                ops.AddColumn(new TableColumn(heading).RightAligned());
            foreach (OperationCost c in history.Model.Costs())
                Row(ops, c.Operation, c.Count.ToString(CultureInfo.InvariantCulture), F(c.WritesPerCall, 1), F(c.FlushesPerCall, 1), ByteText(c.WriteBytesPerCall),
                    F(c.ReadsPerCall, 1), ByteText(c.Total.ReadBytes / (double)c.Count));
            console.Write(ops);
        }

        private static List<string> RoundTimes(LargeFileResult l)
        {
            var rounds = new List<string>();
            for (int i = 0; i < l.Rounds; i++)
                rounds.Add(Ms(1000 * l.WriteSeconds[i]) + " / " + Ms(1000 * l.ReadSeconds[i]) + " / " + Ms(1000 * l.CheckedReadSeconds[i]));
            return rounds;
        }

        private static double Sum(List<double> values)
        {
            double sum = 0;
            foreach (double v in values)
                sum += v;
            return sum;
        }

        /// <summary>How much of <paramref name="seconds"/> went to the device, and to its flushes.</summary>
        private static string DeviceShare(DeviceCounts c, double seconds) =>
            Percent(c.DeviceTime.TotalSeconds / seconds) + " inside the device, " + Percent(c.FlushTime.TotalSeconds / seconds) + " in its flushes ("
            + (c.Flushes > 0 ? Ms(c.FlushTime.TotalMilliseconds / c.Flushes) : "0") + " ms each)";

        private static void Row(Table table, params string[] cells)
        {
            var escaped = new string[cells.Length];
            for (int i = 0; i < cells.Length; i++)
                escaped[i] = cells[i].StartsWith("[", StringComparison.Ordinal) && cells[i].EndsWith("[/]", StringComparison.Ordinal) ? cells[i] : Markup.Escape(cells[i]);
            table.AddRow(escaped);
        }

        private static string Verdict(bool ramMet, bool virtioMet) =>
            ramMet && virtioMet ? "[green]met[/]" : ramMet ? "[red]NOT met (virtio)[/]" : virtioMet ? "[red]NOT met (RAM)[/]" : "[red]NOT met[/]";

        private static string WritesFlushes(OperationCost c) => WritesFlushes(c.WritesPerCall, c.FlushesPerCall);

        private static string WritesFlushes(double writes, double flushes) => F(writes, 1) + " / " + F(flushes, 1);

        private static string Cost(OperationCost c) =>
            F(c.WritesPerCall, 1) + " writes, " + F(c.FlushesPerCall, 1) + " flushes, " + ByteText(c.WriteBytesPerCall) + " written, " + F(c.ReadsPerCall, 1) + " reads";

        private static string F(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

        private static string Ms(double ms) => F(ms, ms < 10 ? 2 : 1);

        private static string Percent(double share) => F(100 * share, 0) + " %";

        private static string ByteText(double bytes) =>
            bytes >= MiB ? F(bytes / MiB, 1) + " MiB" : bytes >= 1024 ? F(bytes / 1024, 1) + " KiB" : F(bytes, 0) + " B";
    }
}
