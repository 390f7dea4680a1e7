using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using EclipseOS.Storage;
using Xunit;

namespace EclipseOS.Tests.Crash
{
    /// <summary>
    /// Proves the crash-state generator against images the tests build themselves, on a RAM disk,
    /// from their own record of what was written — never from the generator's log or code.
    /// </summary>
    public class CrashStatesTests
    {
        private const int BlockSize = 512;
        private const int Blocks = 16;

        /// <summary>A write as the test issued it, with where it landed in the log.</summary>
        private sealed record IssuedWrite(int Number, int LogIndex, ulong Lba, int BlockCount, byte[] Data);

        /// <summary>
        /// A hand-made run over 16 blocks in three epochs:
        /// epoch 0: W0 (block 0), W1 (blocks 1-2), W2 (block 3), then a flush;
        /// epoch 1: W3 (blocks 4-7), W4 (block 0 again), W5 and W6 (both block 9), W7 (block 10), then a flush;
        /// epoch 2: W8 (blocks 12-13), no flush. Marks after W1, W2, W5, W7, W8.
        /// </summary>
        private sealed class Run
        {
            public readonly byte[] Initial = new byte[Blocks * BlockSize];
            public readonly WriteLogDevice Device;
            public readonly List<IssuedWrite> Writes = new List<IssuedWrite>();

            public Run()
            {
                for (int b = 0; b < Blocks; b++)
                    Stamp(Initial.AsSpan(b * BlockSize, BlockSize), 0, b);
                Device = new WriteLogDevice(Initial, BlockSize);
                Write(0, 1);
                Write(1, 2);
                Device.Mark("op0");
                Write(3, 1);
                Device.Mark("op1");
                Device.Flush();
                Write(4, 4);
                Write(0, 1);
                Write(9, 1);
                Device.Mark("op2");
                Write(9, 1);
                Write(10, 1);
                Device.Mark("op3");
                Device.Flush();
                Write(12, 2);
                Device.Mark("op4");
            }

            public IssuedWrite W(int number) => Writes[number];

            /// <summary>Every block of write n holds n+1 and its own block number, so no two writes or blocks look alike.</summary>
            private void Write(ulong lba, int blockCount)
            {
                var data = new byte[blockCount * BlockSize];
                for (int b = 0; b < blockCount; b++)
                    Stamp(data.AsSpan(b * BlockSize, BlockSize), Writes.Count + 1, (int)lba + b);
                Writes.Add(new IssuedWrite(Writes.Count, Device.WriteLog.Count, lba, blockCount, data));
                Device.Write(lba, blockCount, data, 0);
            }

            private static void Stamp(Span<byte> block, int source, int lba)
            {
                block.Fill((byte)(source * 16 + 1));
                block[0] = (byte)source;
                block[1] = (byte)lba;
            }

            /// <summary>The initial image with the given writes applied in the given order, through a RAM disk.</summary>
            public byte[] Apply(IEnumerable<IssuedWrite> writes)
            {
                var disk = new RamDisk((byte[])Initial.Clone(), BlockSize, false);
                foreach (IssuedWrite write in writes)
                    disk.Write(write.Lba, write.BlockCount, write.Data, 0);
                return disk.Data;
            }

            /// <summary>The image after the writes before log entry <paramref name="logIndex"/>, in order.</summary>
            public byte[] InOrderBefore(int logIndex) => Apply(Writes.Where(w => w.LogIndex < logIndex));

            public IssuedWrite AtLogIndex(int logIndex) => Writes.Single(w => w.LogIndex == logIndex);
        }

        private static ReadOnlySpan<byte> Block(ReadOnlySpan<byte> image, ulong lba) => image.Slice((int)lba * BlockSize, BlockSize);

        private static ReadOnlySpan<byte> Block(IssuedWrite write, ulong lba) => write.Data.AsSpan((int)(lba - write.Lba) * BlockSize, BlockSize);

        private static bool Covers(IssuedWrite write, ulong lba) => lba >= write.Lba && lba < write.Lba + (ulong)write.BlockCount;

        private static string Fingerprint(CrashState state) => state.Description + " " + Convert.ToHexString(SHA256.HashData(state.Image));

        [Fact]
        public void PrefixStatesAreTheImageAfterEachNumberOfWritesInOrder()
        {
            var run = new Run();
            var states = new CrashStates(run.Device, new CrashStateOptions { Seed = 1 });
            int k = 0;
            foreach (CrashState state in states.Prefixes())
            {
                Assert.Equal(CrashStateKind.Prefix, state.Kind);
                Assert.Equal(k, state.InOrderWrites);
                Assert.Empty(state.KeptPieces);
                Assert.True(run.Apply(run.Writes.Take(k)).AsSpan().SequenceEqual(state.Image), "prefix of " + k + " writes: " + state.Description);
                // The crash point is the last one before the next write: every write before it was issued, none after.
                Assert.True(k == run.Writes.Count || state.EntriesIssued == run.W(k).LogIndex, state.Description);
                Assert.Equal(run.Writes.Count(w => w.LogIndex < state.EntriesIssued), k);

                // A mounting filesystem may write; that must not leak into the states that follow.
                RamDisk disk = state.OpenDisk();
                disk.Write(0, Blocks, new byte[Blocks * BlockSize], 0);
                k++;
            }
            Assert.Equal(run.Writes.Count + 1, k);
        }

        [Fact]
        public void PrefixStatesTellWhichMarksWereAcknowledgedAndWhichWereFlushed()
        {
            var run = new Run();
            List<CrashState> prefixes = new CrashStates(run.Device).Prefixes().Select(s => new CrashStates(run.Device).Replay(s.Description)).ToList();

            // After W2 the next write is W3, past the first flush: op0 and op1 are acknowledged and durable.
            CrashState afterW2 = prefixes[3];
            Assert.Equal(new[] { "op0", "op1" }, afterW2.AcknowledgedMarks.Select(m => m.Label));
            Assert.Equal(new[] { "op0", "op1" }, afterW2.DurableMarks.Select(m => m.Label));
            Assert.Equal(1, afterW2.Epoch);

            // After W5 (op2 marked, not flushed yet) the crash point is before W6.
            CrashState afterW5 = prefixes[6];
            Assert.Equal(new[] { "op0", "op1", "op2" }, afterW5.AcknowledgedMarks.Select(m => m.Label));
            Assert.Equal(new[] { "op0", "op1" }, afterW5.DurableMarks.Select(m => m.Label));
            Assert.Equal(run.W(6).LogIndex - 1, afterW5.LastEntry);

            CrashState all = prefixes[^1];
            Assert.Equal(run.Device.WriteLog.Count, all.EntriesIssued);
            Assert.Equal(5, all.AcknowledgedMarks.Count);
            Assert.Equal(4, all.DurableMarks.Count);
        }

        /// <summary>
        /// Checks a reordered state against the test's own record: every block holds the durable
        /// image's content or that of a write in flight at the crash, and replaying the state's kept
        /// pieces by hand gives the same image. Returns the writes in flight.
        /// </summary>
        private static List<IssuedWrite> CheckIsEpochStartPlusInFlightWrites(Run run, CrashState state)
        {
            List<IssuedWrite> durable = run.Writes.Where(w => w.LogIndex < state.DurableEntries).ToList();
            List<IssuedWrite> inFlight = run.Writes.Where(w => w.LogIndex >= state.DurableEntries && w.LogIndex < state.EntriesIssued).ToList();
            Assert.NotEmpty(inFlight);
            Assert.Equal(durable.Count, state.InOrderWrites);
            byte[] epochStart = run.Apply(durable);
            ReadOnlySpan<byte> image = state.Image;
            for (ulong lba = 0; lba < Blocks; lba++)
            {
                bool explained = Block(image, lba).SequenceEqual(Block(epochStart, lba));
                foreach (IssuedWrite write in inFlight)
                    explained |= Covers(write, lba) && Block(image, lba).SequenceEqual(Block(write, lba));
                Assert.True(explained, "block " + lba + " of \"" + state.Description + "\" is neither durable content nor an in-flight write's");
            }

            var expected = (byte[])epochStart.Clone();
            foreach (WritePiece piece in state.KeptPieces)
            {
                IssuedWrite write = run.AtLogIndex(piece.Entry);
                Assert.Contains(write, inFlight);
                Array.Copy(write.Data, piece.FirstBlock * BlockSize, expected, ((int)write.Lba + piece.FirstBlock) * BlockSize, piece.BlockCount * BlockSize);
            }
            Assert.True(expected.AsSpan().SequenceEqual(image), "\"" + state.Description + "\" is not its kept pieces applied in order");
            return inFlight;
        }

        [Fact]
        public void ReorderedStatesAreTheEpochStartPlusSomeOfThatEpochsWrites()
        {
            var run = new Run();
            var states = new CrashStates(run.Device, new CrashStateOptions { Seed = 7, SamplesPerCrashPoint = 8 });
            var prefixImages = new HashSet<string>(states.Prefixes().Select(s => Convert.ToHexString(s.Image)));
            int count = 0;
            bool olderOfTwoKeptAfterTheNewerWasIssued = false;
            bool laterWriteWithoutEarlierOne = false;
            bool bothKeptOlderLandedLast = false;
            foreach (CrashState state in states.Reorderings())
            {
                count++;
                Assert.NotEqual(CrashStateKind.Prefix, state.Kind);
                List<IssuedWrite> inFlight = CheckIsEpochStartPlusInFlightWrites(run, state);
                Assert.DoesNotContain(Convert.ToHexString(state.Image), prefixImages);

                // Without tearing, a write nothing else overlaps is all there or not at all (W3 and W8 here).
                foreach (IssuedWrite write in inFlight.Where(w => w.BlockCount > 1))
                {
                    int present = Enumerable.Range(0, write.BlockCount)
                        .Count(b => Block(state.Image, write.Lba + (ulong)b).SequenceEqual(Block(write, write.Lba + (ulong)b)));
                    Assert.True(present == 0 || present == write.BlockCount, "W" + write.Number + " is torn in \"" + state.Description + "\"");
                }

                ReadOnlySpan<byte> block9 = Block(state.Image, 9);
                olderOfTwoKeptAfterTheNewerWasIssued |= inFlight.Contains(run.W(6)) && block9.SequenceEqual(Block(run.W(5), 9));
                bothKeptOlderLandedLast |= state.KeptPieces.Any(p => p.Entry == run.W(5).LogIndex)
                    && state.KeptPieces.Any(p => p.Entry == run.W(6).LogIndex) && block9.SequenceEqual(Block(run.W(5), 9));
                laterWriteWithoutEarlierOne |= Block(state.Image, 10).SequenceEqual(Block(run.W(7), 10))
                    && Block(state.Image, 4).SequenceEqual(Block(run.Initial, 4));
            }
            Assert.True(count > 10, "only " + count + " reordered states");
            Assert.True(olderOfTwoKeptAfterTheNewerWasIssued, "no state keeps W5 over W6 on block 9");
            Assert.True(laterWriteWithoutEarlierOne, "no state has W7 without W3");
            Assert.True(bothKeptOlderLandedLast, "no state keeps both W5 and W6 with W5 landing last");
        }

        [Fact]
        public void EachEpochGetsEveryAllButOneAndOneAloneState()
        {
            var run = new Run();
            var states = new CrashStates(run.Device, new CrashStateOptions { SamplesPerCrashPoint = 0 });
            var images = new Dictionary<CrashStateKind, HashSet<string>>
            {
                [CrashStateKind.DropOne] = new HashSet<string>(),
                [CrashStateKind.KeepOne] = new HashSet<string>(),
            };
            foreach (CrashState state in states.Reorderings())
            {
                CheckIsEpochStartPlusInFlightWrites(run, state);
                images[state.Kind].Add(Convert.ToHexString(state.Image));
            }

            // Built by hand: each epoch's end with one write left out, and its start with one write added.
            // The generator leaves out images an in-order state already has (dropping W5, which W6
            // overwrites; dropping an epoch's last write; keeping only its first), and yields an image
            // once even if it is both.
            var inOrder = new HashSet<string>(Enumerable.Range(0, run.Writes.Count + 1).Select(k => Convert.ToHexString(run.Apply(run.Writes.Take(k)))));
            var expectedDrops = new HashSet<string>();
            var expectedKeeps = new HashSet<string>();
            int[][] epochs = { new[] { 0, 1, 2 }, new[] { 3, 4, 5, 6, 7 }, new[] { 8 } };
            foreach (int[] epoch in epochs)
            {
                IssuedWrite[] writes = epoch.Select(run.W).ToArray();
                List<IssuedWrite> durable = run.Writes.Where(w => w.LogIndex < writes[0].LogIndex).ToList();
                foreach (IssuedWrite write in writes)
                {
                    expectedDrops.Add(Convert.ToHexString(run.Apply(durable.Concat(writes.Where(w => w != write)))));
                    expectedKeeps.Add(Convert.ToHexString(run.Apply(durable.Append(write))));
                }
            }
            expectedDrops.ExceptWith(inOrder);
            expectedKeeps.ExceptWith(inOrder);
            expectedKeeps.ExceptWith(expectedDrops);
            // By hand: epoch 0 drops W0 or W1 and keeps W1 or W2 alone; epoch 1 drops W3, W4 or W6 and
            // keeps W4, W5, W6 or W7 alone; epoch 2 (one write) has nothing beyond its prefix states.
            Assert.Equal(5, expectedDrops.Count);
            Assert.Equal(6, expectedKeeps.Count);
            Assert.Equal(expectedDrops.OrderBy(x => x), images[CrashStateKind.DropOne].OrderBy(x => x));
            Assert.Equal(expectedKeeps.OrderBy(x => x), images[CrashStateKind.KeepOne].OrderBy(x => x));
        }

        [Fact]
        public void TheSameSeedGivesTheSameStatesAndAnotherSeedOthers()
        {
            var run = new Run();
            List<string> first = new CrashStates(run.Device, new CrashStateOptions { Seed = 42 }).Reorderings().Select(Fingerprint).ToList();
            List<string> again = new CrashStates(run.Device, new CrashStateOptions { Seed = 42 }).Reorderings().Select(Fingerprint).ToList();
            List<string> other = new CrashStates(run.Device, new CrashStateOptions { Seed = 43 }).Reorderings().Select(Fingerprint).ToList();
            Assert.Equal(first, again);
            Assert.All(first, f => Assert.Contains("seed=42 ", f));

            // Random subsets differ between seeds; the deterministic edge cases do not.
            static IEnumerable<string> Random(IEnumerable<string> states) =>
                states.Where(s => s.StartsWith("random", StringComparison.Ordinal)).Select(s => s.Substring(s.IndexOf(" epoch=", StringComparison.Ordinal)));
            Assert.NotEqual(Random(first).ToList(), Random(other).ToList());
            Assert.NotEmpty(Random(first));
        }

        [Fact]
        public void EveryDescriptionReplaysToTheSameImage()
        {
            var run = new Run();
            foreach (bool tear in new[] { false, true })
            {
                var states = new CrashStates(run.Device, new CrashStateOptions { Seed = 5, TearMultiBlockWrites = tear });
                var replayer = new CrashStates(run.Device, new CrashStateOptions { Seed = 999 });
                foreach (CrashState state in states.All())
                {
                    CrashState replayed = replayer.Replay(state.Description);
                    Assert.True(replayed.Image.SequenceEqual(state.Image), state.Description);
                    Assert.Equal(state.EntriesIssued, replayed.EntriesIssued);
                    Assert.Equal(state.Kind, replayed.Kind);
                    Assert.Equal(state.KeptPieces, replayed.KeptPieces);
                }
            }

            var any = new CrashStates(run.Device);
            Assert.Throws<ArgumentException>(() => any.Replay("sideways crash-after=3"));
            Assert.Throws<ArgumentException>(() => any.Replay("random crash-after=3"));
            Assert.Throws<ArgumentException>(() => any.Replay("random crash-after=99 kept=[]"));
            // W0 (entry 0) was flushed before entry 14: it cannot be in flight there.
            Assert.Throws<ArgumentException>(() => any.Replay("random crash-after=14 kept=[0]"));
            Assert.Throws<ArgumentException>(() => any.Replay("random crash-after=14 kept=[7.9]"));
        }

        [Fact]
        public void TornModeKeepsPartsOfAMultiBlockWrite()
        {
            var run = new Run();
            IssuedWrite fourBlocks = run.W(3);
            Assert.Equal(4, fourBlocks.BlockCount);
            var states = new CrashStates(run.Device, new CrashStateOptions { Seed = 3, TearMultiBlockWrites = true });
            var presentCounts = new HashSet<int>();
            foreach (CrashState state in states.Reorderings())
            {
                List<IssuedWrite> inFlight = CheckIsEpochStartPlusInFlightWrites(run, state);
                if (!inFlight.Contains(fourBlocks))
                    continue;
                int present = Enumerable.Range(0, 4)
                    .Count(b => Block(state.Image, fourBlocks.Lba + (ulong)b).SequenceEqual(Block(fourBlocks, fourBlocks.Lba + (ulong)b)));
                presentCounts.Add(present);
                if (present is > 0 and < 4)
                    Assert.Contains(state.KeptPieces, p => p.Entry == fourBlocks.LogIndex && !p.IsWholeWrite);
            }
            // Torn: one, two and three of its four blocks each occur, besides none and all.
            Assert.Superset(new HashSet<int> { 1, 2, 3 }, presentCounts);
        }

        [Fact]
        public void CountsMatchWhatIsYieldedAndTheCapsHold()
        {
            var run = new Run();
            var states = new CrashStates(run.Device, new CrashStateOptions { Seed = 11 });
            CrashStateCounts counts = states.Counts;
            Assert.Equal(run.Writes.Count + 1, counts.Prefixes);
            Assert.Equal(states.Prefixes().Count(), counts.Prefixes);
            Assert.Equal(states.Reorderings().Count(), counts.Reordered);
            Assert.Equal(counts.Prefixes + counts.Reordered, counts.Total);
            Assert.Equal(3, counts.Epochs);
            Assert.Equal(0, counts.CappedEpochs);
            Assert.False(counts.PrefixesThinned);
            Assert.Contains(counts.Reordered + " reordered", counts.ToString());

            var perEpoch = new CrashStates(run.Device, new CrashStateOptions { Seed = 11, MaxStatesPerEpoch = 3 });
            Assert.All(perEpoch.Reorderings().GroupBy(s => s.Epoch), epoch => Assert.True(epoch.Count() <= 3));
            Assert.Equal(perEpoch.Reorderings().Count(), perEpoch.Counts.Reordered);
            Assert.True(perEpoch.Counts.CappedEpochs >= 2, perEpoch.Counts.ToString());

            // Four reordered states for three epochs: 2, 1 and 1; the last epoch (one write) has no reordering to use its share.
            var total = new CrashStates(run.Device, new CrashStateOptions { Seed = 11, MaxReorderedStates = 4 });
            Assert.Equal(total.Counts.Total, total.All().Count());
            Assert.Equal(10, total.Counts.Prefixes);
            Assert.Equal(new[] { 2, 1 }, total.Reorderings().GroupBy(s => s.Epoch).Select(e => e.Count()));
            Assert.Equal(2, total.Counts.CappedEpochs);

            var thinned = new CrashStates(run.Device, new CrashStateOptions { MaxPrefixStates = 4, MaxReorderedStates = 0 });
            Assert.Equal(new[] { 0, 3, 6, 9 }, thinned.Prefixes().Select(s => s.InOrderWrites));
            Assert.True(thinned.Counts.PrefixesThinned);
            Assert.Equal(0, thinned.Counts.Reordered);
            Assert.Equal(2, thinned.Counts.CappedEpochs);
        }

        [Fact]
        public void AStateCannotBeReadAfterTheEnumerationMovesOn()
        {
            var run = new Run();
            using IEnumerator<CrashState> states = new CrashStates(run.Device).All().GetEnumerator();
            Assert.True(states.MoveNext());
            CrashState first = states.Current;
            byte[] copy = first.CopyImage();
            Assert.True(first.IsCurrent);
            Assert.True(states.MoveNext());
            Assert.False(first.IsCurrent);
            Assert.Throws<InvalidOperationException>(() => first.CopyImage());
            Assert.Throws<InvalidOperationException>(() => first.OpenDisk());
            Assert.Equal(run.Initial, copy);
        }
    }
}
