using System;
using System.Collections.Generic;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Fsck;
using EclipseOS.Storage;
using EclipseOS.Tests.Crash;
using Xunit;
using Xunit.Abstractions;
using static EclipseOS.Tests.EclipseFS.ReadWrite.ReadWriteVolumes;

namespace EclipseOS.Tests.EclipseFS.ReadWrite
{
    /// <summary>
    /// CrashMonkey / dm-log-writes style proof of §12's promise: for seeded random operation
    /// sequences on a device that records every write and flush, every crash state — each
    /// prefix of the write log, and subsets and reorderings of the writes between two flushes,
    /// with multi-block writes torn — mounts, checks clean with fsck, reads the same through the
    /// original-format reader, equals the model after all acknowledged operations (plus, maybe,
    /// the one in flight), and takes a new operation afterwards. Half the sequences compact the
    /// free-space map all the time, so crashes land inside record moves too.
    /// </summary>
    public class CrashConsistencyTests
    {
        private readonly ITestOutputHelper _out;

        public CrashConsistencyTests(ITestOutputHelper output)
        {
            _out = output;
        }

        /// <summary>Sequences run by default; ECLIPSE_CRASH_SEQUENCES raises it for long runs.</summary>
        private static int Sequences => int.TryParse(Environment.GetEnvironmentVariable("ECLIPSE_CRASH_SEQUENCES"), out int n) ? n : 60;

        /// <summary>The first seed (ECLIPSE_CRASH_FIRST_SEED; 1): a long run can cover other sequences than CI's.</summary>
        private static int FirstSeed => int.TryParse(Environment.GetEnvironmentVariable("ECLIPSE_CRASH_FIRST_SEED"), out int n) ? n : 1;

        [Fact]
        public void Every_crash_state_of_random_operation_sequences_mounts_checks_clean_and_holds_a_prefix_of_the_operations()
        {
            int sequences = Sequences;
            long states = 0, prefixStates = 0, reorderStates = 0, operations = 0, moved = 0, dropped = 0;
            for (int seed = FirstSeed; seed < FirstSeed + sequences; seed++)
            {
                CrashCounts c = RunSequence(seed, 3 + seed % 10);
                states += c.States;
                prefixStates += c.Prefixes;
                reorderStates += c.Reorderings;
                operations += c.Operations;
                moved += c.RecordsMoved;
                dropped += c.DroppedUnfinished;
            }
            Assert.True(dropped > 0 || sequences < 4, "no crash state had a whole last record without all its bytes: that replay check went untested");
            Assert.True(moved > 0 || sequences < 4, "no sequence moved a record: compaction went untested");
            _out.WriteLine(sequences + " sequences, " + operations + " operations, " + states + " crash states checked ("
                + prefixStates + " log prefixes, " + reorderStates + " reordered/torn epochs; " + moved + " records moved by compaction; " + dropped
                + " states whose last log record landed without all the bytes it wrote ahead), 0 violations");
        }

        private sealed class CrashCounts
        {
            public long States, Prefixes, Reorderings, Operations, RecordsMoved, DroppedUnfinished;
        }

        private CrashCounts RunSequence(int seed, int steps)
        {
            byte[] initial = OriginalStyleImage(1 << 20);
            // Half the sequences start from a volume that already has its log, half from an
            // image as the original writer made it (the first change then creates the log).
            if (seed % 2 == 0)
            {
                var prepared = new RamDisk(initial, 512, false);
                EclipseFsVolume p = Mount(prepared);
                p.CreateDirectory(1, "prepared", 0x1ED);
                p.Sync();
            }
            var device = new WriteLogDevice(initial, 512);
            // Every other pair of sequences compacts the free map whenever it holds more than 3
            // extents, so record moves (§12.9) are crashed in as often as operations.
            EclipseFsVolume v = Mount(device, compactAbove: seed % 4 >= 2 ? 3 : 0);
            var model = new RandomWorkload(seed, v, 16_000);
            var trees = new List<string> { Show(model.Tree()) };
            var ops = new List<string>();
            for (int i = 0; i < steps; i++)
            {
                ops.Add(model.Step(v));
                trees.Add(Show(model.Tree()));
                device.Mark("op " + i);
            }
            var crashStates = new CrashStates(device, new CrashStateOptions { Seed = seed, TearMultiBlockWrites = true, SamplesPerCrashPoint = 1 });
            var counts = new CrashCounts { Operations = steps, RecordsMoved = v.RecordsCompacted };
            foreach (CrashState state in crashStates.All())
            {
                // A hang in recovery is a failure with the state's name, not a stuck test run.
                var check = System.Threading.Tasks.Task.Run(() => Check(seed, ops, trees, state));
                if (!check.Wait(TimeSpan.FromSeconds(60)))
                    throw new Xunit.Sdk.XunitException("seed " + seed + ", crash state \"" + state.Description + "\": mounting and checking did not finish within 60 s");
                if (check.Result)
                    counts.DroppedUnfinished++;
                counts.States++;
                if (state.Kind == CrashStateKind.Prefix) counts.Prefixes++; else counts.Reorderings++;
            }
            return counts;
        }

        /// <summary>Checks one crash state; returns whether its mount left out an unfinished last transaction.</summary>
        private static bool Check(int seed, List<string> ops, List<string> trees, CrashState state)
        {
            int acked = state.AcknowledgedMarks.Count;
            string where = "seed " + seed + ", crash state \"" + state.Description + "\", " + acked + " operations acknowledged ("
                + string.Join("; ", ops.GetRange(0, Math.Min(ops.Count, acked + 1))) + ")";
            RamDisk disk = state.OpenDisk();
            string actual;
            bool dropped;
            try
            {
                EclipseFsVolume mounted = Mount(disk);
                dropped = mounted.Journal != null && mounted.Journal.DroppedUnfinishedTransaction;
                actual = Show(Tree(mounted));
                bool ok = actual == trees[acked] || (acked + 1 < trees.Count && actual == trees[acked + 1]);
                Assert.True(ok, where + ": the tree is not the state after " + acked + " or " + (acked + 1) + " operations\nexpected\n" + trees[acked]
                    + (acked + 1 < trees.Count ? "or\n" + trees[acked + 1] : "") + "actual\n" + actual);
                Assert.True(actual == Show(new OriginalFormatReader(disk.Data).Tree()), where + ": the original-format reader sees another tree");
                FsckReport report = new EclipseFsChecker(new EclipseFsOptions()).Check(disk, null);
                Assert.True(report.IsClean, where + ": fsck: " + string.Join("\n", report.Problems));
                // The recovered volume takes changes, and they do not land on anything live.
                ulong f = mounted.CreateFile(1, "after-crash", 0x1A4);
                mounted.Write(f, 0, new byte[] { 1, 2, 3 }, 0, 3);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException(where + ": " + e);
            }
            EclipseFsVolume again = Mount(disk, writable: false);
            string withNewFile = Show(Tree(again));
            Assert.True(withNewFile.Contains("/after-crash file 644") && withNewFile.Replace("/after-crash file 644 039058C6F2C0CB49 3\n", "") == actual,
                where + ": after a write on the recovered volume\n" + withNewFile);
            return dropped;
        }
    }
}
