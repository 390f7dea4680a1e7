using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace EclipseOS.Tests.Crash
{
    /// <summary>
    /// The images a power cut could leave behind, given the medium before a run and the run's
    /// <see cref="WriteLog"/> — CrashMonkey's crash states, for any filesystem on an
    /// <c>IBlockDevice</c>. It knows nothing about the filesystem: a test mounts and checks each state.
    /// </summary>
    /// <remarks>
    /// The model: a flush makes every earlier write durable; the writes since the last flush (an
    /// epoch) are in the device's cache, and a crash may leave any subset of them on the medium, in
    /// any order — a block written twice in the epoch holds whichever kept write landed last. With
    /// <see cref="CrashStateOptions.TearMultiBlockWrites"/>, each block of a multi-block write is
    /// kept or lost on its own. <see cref="Prefixes"/> yields the in-order states after every write;
    /// <see cref="Reorderings"/> yields, per epoch, the "all but one" and "one alone" edge cases and
    /// seeded random subsets in random orders, at crash points inside and at the end of the epoch.
    /// Reorderings that come out equal to an in-order state are left out, since the prefix pass
    /// already checks that image.
    /// </remarks>
    public sealed class CrashStates
    {
        private readonly byte[] _initialImage;
        private readonly WriteLog _log;
        private readonly int _entryCount;
        private readonly int _blockSize;
        private readonly List<int> _writes = new List<int>();
        private List<StatePlan>? _prefixPlans;
        private List<StatePlan>? _reorderPlans;
        private CrashStateCounts _counts;

        /// <summary>
        /// Crash states of the writes in <paramref name="log"/> (those logged so far) on top of
        /// <paramref name="initialImage"/> (copied), the medium before the first of them.
        /// </summary>
        public CrashStates(byte[] initialImage, WriteLog log, CrashStateOptions? options = null)
        {
            if (initialImage == null) throw new ArgumentNullException(nameof(initialImage));
            if (log == null) throw new ArgumentNullException(nameof(log));
            Options = options ?? new CrashStateOptions();
            Options.Validate();
            _blockSize = log.BlockSize;
            if (initialImage.Length % _blockSize != 0)
                throw new ArgumentException("an image of " + initialImage.Length + " bytes is not a whole number of " + _blockSize + "-byte blocks", nameof(initialImage));
            _initialImage = (byte[])initialImage.Clone();
            _log = log;
            _entryCount = log.Count;
            ulong blockCount = (ulong)(initialImage.Length / _blockSize);
            for (int i = 0; i < _entryCount; i++)
            {
                WriteLogEntry entry = log[i];
                if (entry.Kind != WriteLogEntryKind.Write)
                    continue;
                if (entry.Lba > blockCount || (ulong)entry.BlockCount > blockCount - entry.Lba)
                    throw new ArgumentException("log entry " + entry + " runs past the end of the " + blockCount + "-block image", nameof(log));
                _writes.Add(i);
            }
        }

        /// <summary>Crash states of everything <paramref name="device"/> logged so far, from its initial image.</summary>
        public CrashStates(WriteLogDevice device, CrashStateOptions? options = null)
            : this((device ?? throw new ArgumentNullException(nameof(device))).InitialImage.ToArray(), device.WriteLog, options)
        {
        }

        /// <summary>The options the states are made with.</summary>
        public CrashStateOptions Options { get; }

        /// <summary>How many states <see cref="Prefixes"/> and <see cref="Reorderings"/> yield (computed without building images).</summary>
        public CrashStateCounts Counts
        {
            get
            {
                Plan();
                return _counts;
            }
        }

        /// <summary>
        /// The image after the first k writes, in log order, for k = 0 .. the number of writes (evenly
        /// thinned when that exceeds <see cref="CrashStateOptions.MaxPrefixStates"/>). The working buffer
        /// is advanced write by write, so the pass copies the image at its start, not once per state.
        /// </summary>
        public IEnumerable<CrashState> Prefixes()
        {
            Plan();
            return Build(_prefixPlans!);
        }

        /// <summary>
        /// The reordered and partial states of every epoch, on top of the durable image at the
        /// epoch's start. Each costs only the blocks it changes: they are written into a working
        /// buffer and restored from the durable image afterwards.
        /// </summary>
        public IEnumerable<CrashState> Reorderings()
        {
            Plan();
            return Build(_reorderPlans!);
        }

        /// <summary><see cref="Prefixes"/>, then <see cref="Reorderings"/>.</summary>
        public IEnumerable<CrashState> All() => Prefixes().Concat(Reorderings());

        /// <summary>
        /// Rebuilds the state a <see cref="CrashState.Description"/> names — from its crash point
        /// and kept pieces alone, so a failure replays even if the sampling changes. The state owns
        /// its image and never goes stale.
        /// </summary>
        public CrashState Replay(string description)
        {
            if (description == null) throw new ArgumentNullException(nameof(description));
            string[] words = description.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) throw new ArgumentException("empty crash-state description", nameof(description));
            CrashStateKind kind = ParseKind(words[0], description);
            int entriesIssued = -1;
            int seed = Options.Seed;
            string? kept = null;
            foreach (string word in words)
            {
                if (word.StartsWith("crash-after=", StringComparison.Ordinal))
                    entriesIssued = ParseNumber(word.Substring("crash-after=".Length), description);
                else if (word.StartsWith("seed=", StringComparison.Ordinal))
                    seed = ParseNumber(word.Substring("seed=".Length), description);
                else if (word.StartsWith("kept=", StringComparison.Ordinal))
                    kept = word.Substring("kept=".Length);
            }
            if (entriesIssued < 0 || entriesIssued > _entryCount)
                throw new ArgumentException("\"" + description + "\" has no crash-after=N within the log's " + _entryCount + " entries", nameof(description));

            var image = (byte[])_initialImage.Clone();
            if (kind == CrashStateKind.Prefix)
            {
                int writes = WritesBefore(entriesIssued);
                ApplyWrites(image, 0, writes);
                return new CrashState(kind, description, _log, entriesIssued, seed, writes, Array.Empty<WritePiece>(), image, null);
            }

            if (kept == null || kept.Length < 2 || kept[0] != '[' || kept[kept.Length - 1] != ']')
                throw new ArgumentException("\"" + description + "\" has no kept=[…] list", nameof(description));
            int durable = _log.DurableEntries(entriesIssued);
            var pieces = new List<WritePiece>();
            foreach (string text in kept.Substring(1, kept.Length - 2).Split(',', StringSplitOptions.RemoveEmptyEntries))
                pieces.Add(ParsePiece(text, durable, entriesIssued, description));
            int inOrder = WritesBefore(durable);
            ApplyWrites(image, 0, inOrder);
            ApplyPieces(image, pieces);
            return new CrashState(kind, description, _log, entriesIssued, seed, inOrder, pieces, image, null);
        }

        // ---- planning: which states, without building any image ----

        /// <summary>What one crash state is made of; images are built from plans only when enumerated.</summary>
        private sealed class StatePlan
        {
            public StatePlan(CrashStateKind kind, string description, int entriesIssued, int inOrderWrites, WritePiece[] pieces)
            {
                Kind = kind;
                Description = description;
                EntriesIssued = entriesIssued;
                InOrderWrites = inOrderWrites;
                Pieces = pieces;
            }

            public CrashStateKind Kind { get; }
            public string Description { get; }
            public int EntriesIssued { get; }
            public int InOrderWrites { get; }
            public WritePiece[] Pieces { get; }
        }

        private void Plan()
        {
            if (_prefixPlans != null)
                return;
            CrashStateOptions options = Options;

            int writeCount = _writes.Count;
            var prefixes = new List<StatePlan>();
            foreach (int k in PrefixLengths(writeCount, options.MaxPrefixStates))
            {
                int entriesIssued = k < writeCount ? _writes[k] : _entryCount;
                prefixes.Add(new StatePlan(CrashStateKind.Prefix, "prefix crash-after=" + entriesIssued + " writes=" + k,
                    entriesIssued, k, Array.Empty<WritePiece>()));
            }

            List<Epoch> epochs = Epochs();
            var reorders = new List<StatePlan>();
            int remaining = options.MaxReorderedStates;
            int epochsLeft = epochs.Count;
            int cappedEpochs = 0;
            foreach (Epoch epoch in epochs)
            {
                int share = epochsLeft == 0 ? 0 : (remaining + epochsLeft - 1) / epochsLeft;
                int budget = Math.Min(options.MaxStatesPerEpoch, share);
                int before = reorders.Count;
                if (PlanEpoch(epoch, budget, reorders))
                    cappedEpochs++;
                remaining -= reorders.Count - before;
                epochsLeft--;
            }

            _prefixPlans = prefixes;
            _reorderPlans = reorders;
            _counts = new CrashStateCounts(prefixes.Count, reorders.Count, epochs.Count, cappedEpochs, prefixes.Count < writeCount + 1);
        }

        /// <summary>0..writeCount, or an even spread that keeps the first and the last when the cap is smaller.</summary>
        private static IEnumerable<int> PrefixLengths(int writeCount, int cap)
        {
            if (writeCount + 1 <= cap)
                return Enumerable.Range(0, writeCount + 1);
            if (cap == 1)
                return new[] { writeCount };
            return Enumerable.Range(0, cap).Select(i => (int)((long)i * writeCount / (cap - 1))).Distinct();
        }

        /// <summary>The writes between two flushes (or the log's start or end), with what a crash keeps or loses of each.</summary>
        private sealed class Epoch
        {
            public int Number;
            public int WritesBefore;
            public readonly List<int> Writes = new List<int>();
            public readonly List<WritePiece[]> PiecesOfWrite = new List<WritePiece[]>();
            public readonly List<int> CrashPoints = new List<int>();
        }

        private List<Epoch> Epochs()
        {
            var epochs = new List<Epoch>();
            var current = new Epoch { Number = 0, WritesBefore = 0 };
            int writesSoFar = 0;
            for (int i = 0; i < _entryCount; i++)
            {
                WriteLogEntry entry = _log[i];
                if (entry.Kind == WriteLogEntryKind.Flush)
                {
                    if (current.Writes.Count > 0)
                        epochs.Add(current);
                    current = new Epoch { Number = current.Number + 1, WritesBefore = writesSoFar };
                }
                else if (entry.Kind == WriteLogEntryKind.Write)
                {
                    writesSoFar++;
                    current.Writes.Add(i);
                    current.PiecesOfWrite.Add(PiecesOf(entry));
                    current.CrashPoints.Add(CrashPointAfter(i));
                }
            }
            if (current.Writes.Count > 0)
                epochs.Add(current);
            epochs.RemoveAll(e => e.PiecesOfWrite.All(p => p.Length == 0));
            return epochs;
        }

        private WritePiece[] PiecesOf(WriteLogEntry write)
        {
            if (write.BlockCount == 0)
                return Array.Empty<WritePiece>();
            if (!Options.TearMultiBlockWrites || write.BlockCount == 1)
                return new[] { new WritePiece(write.Index, 0, write.BlockCount, true) };
            var pieces = new WritePiece[write.BlockCount];
            for (int b = 0; b < pieces.Length; b++)
                pieces[b] = new WritePiece(write.Index, b, 1, false);
            return pieces;
        }

        /// <summary>
        /// The latest crash point with the same in-flight writes as just after <paramref name="write"/>:
        /// before the next write or flush (the marks in between were acknowledged by then).
        /// </summary>
        private int CrashPointAfter(int write)
        {
            for (int i = write + 1; i < _entryCount; i++)
                if (_log[i].Kind != WriteLogEntryKind.Mark)
                    return i;
            return _entryCount;
        }

        /// <summary>Adds up to <paramref name="budget"/> distinct reordered states of one epoch; true when the budget cut it short.</summary>
        private bool PlanEpoch(Epoch epoch, int budget, List<StatePlan> plans)
        {
            CrashStateOptions options = Options;
            int writeCount = epoch.Writes.Count;
            int added = 0;
            bool crashPointsThinned = false;
            bool refused = false;

            // Images the in-order pass already yields: the epoch's start and each in-order crash point.
            var seen = new HashSet<BlockSources>();
            var inOrder = new List<WritePiece>();
            var inOrderSources = new Dictionary<ulong, int>();
            seen.Add(BlockSources.Of(inOrderSources));
            for (int m = 0; m < writeCount; m++)
            {
                inOrder.AddRange(epoch.PiecesOfWrite[m]);
                AddSources(inOrderSources, epoch.PiecesOfWrite[m]);
                seen.Add(BlockSources.Of(inOrderSources));
            }

            bool TryAdd(CrashStateKind kind, int crashPointWrites, List<WritePiece> pieces, string extra)
            {
                BlockSources key = BlockSourceKey(pieces);
                if (seen.Contains(key))
                    return false;
                if (added >= budget)
                {
                    refused = true;
                    return false;
                }
                seen.Add(key);
                int entriesIssued = epoch.CrashPoints[crashPointWrites - 1];
                string description = KindName(kind) + " seed=" + options.Seed + " epoch=" + epoch.Number + " crash-after=" + entriesIssued
                    + extra + " kept=[" + string.Join(",", pieces) + "]";
                plans.Add(new StatePlan(kind, description, entriesIssued, epoch.WritesBefore, pieces.ToArray()));
                added++;
                return true;
            }

            // Edge cases at the end of the epoch, where the most writes are in flight.
            List<WritePiece> all = inOrder;
            if (all.Count <= options.EdgeCasePieceLimit)
            {
                for (int drop = 0; drop < all.Count; drop++)
                {
                    var pieces = new List<WritePiece>(all);
                    pieces.RemoveAt(drop);
                    TryAdd(CrashStateKind.DropOne, writeCount, pieces, "");
                }
                foreach (WritePiece piece in all)
                    TryAdd(CrashStateKind.KeepOne, writeCount, new List<WritePiece> { piece }, "");
            }

            int samples = options.SamplesPerCrashPoint;
            if (samples == 0)
                return refused;
            var random = new Random(EpochSeed(options.Seed, epoch.Number));

            // Every crash point when the budget allows, else the end of the epoch and a random choice of the others.
            int left = budget - added;
            var crashPoints = Enumerable.Range(1, writeCount).ToList();
            int keep = Math.Max(1, left / samples);
            if (keep < writeCount)
            {
                crashPointsThinned = true;
                var others = Enumerable.Range(1, writeCount - 1).ToList();
                Shuffle(others, random);
                crashPoints = others.Take(keep - 1).Append(writeCount).OrderBy(m => m).ToList();
            }

            int sample = 0;
            foreach (int m in crashPoints)
            {
                var inFlight = new List<WritePiece>();
                for (int w = 0; w < m; w++)
                    inFlight.AddRange(epoch.PiecesOfWrite[w]);
                int made = 0;
                // Small epochs have few distinct subsets; bounded tries stop the search for new ones.
                for (int attempt = 0; attempt < samples * 4 && made < samples && !refused; attempt++)
                {
                    // A fresh keep-probability per sample spreads subsets from nearly empty to nearly full.
                    double keepProbability = random.NextDouble();
                    var pieces = inFlight.Where(_ => random.NextDouble() < keepProbability).ToList();
                    Shuffle(pieces, random);
                    if (TryAdd(CrashStateKind.RandomSubset, m, pieces, " sample=" + sample))
                    {
                        made++;
                        sample++;
                    }
                }
            }
            return crashPointsThinned || refused;
        }

        /// <summary>
        /// Identifies the image a piece list makes on top of the epoch's start: which write each
        /// touched block last came from. Equal keys mean equal images, whatever the order was.
        /// </summary>
        private BlockSources BlockSourceKey(List<WritePiece> pieces)
        {
            var source = new Dictionary<ulong, int>();
            AddSources(source, pieces);
            return BlockSources.Of(source);
        }

        private void AddSources(Dictionary<ulong, int> source, IEnumerable<WritePiece> pieces)
        {
            foreach (WritePiece piece in pieces)
            {
                ulong lba = _log[piece.Entry].Lba + (ulong)piece.FirstBlock;
                for (int b = 0; b < piece.BlockCount; b++)
                    source[lba + (ulong)b] = piece.Entry;
            }
        }

        /// <summary>
        /// Each touched block and the log entry its content came from, packed as block &lt;&lt; 32 | entry and
        /// sorted, so two keys compare as arrays. Planning builds thousands of these; text keys were
        /// most of its time.
        /// </summary>
        private sealed class BlockSources : IEquatable<BlockSources>
        {
            private readonly ulong[] _packed;
            private readonly int _hash;

            private BlockSources(ulong[] packed)
            {
                _packed = packed;
                var hash = new HashCode();
                foreach (ulong value in packed)
                    hash.Add(value);
                _hash = hash.ToHashCode();
            }

            /// <summary>The key of <paramref name="source"/> (blocks and entries fit 32 bits: an image is one array).</summary>
            public static BlockSources Of(Dictionary<ulong, int> source)
            {
                var packed = new ulong[source.Count];
                int i = 0;
                foreach (KeyValuePair<ulong, int> block in source)
                    packed[i++] = block.Key << 32 | (uint)block.Value;
                Array.Sort(packed);
                return new BlockSources(packed);
            }

            public bool Equals(BlockSources? other) => other != null && _hash == other._hash && _packed.AsSpan().SequenceEqual(other._packed);

            public override bool Equals(object? obj) => Equals(obj as BlockSources);

            public override int GetHashCode() => _hash;
        }

        private static void Shuffle<T>(List<T> items, Random random)
        {
            for (int i = items.Count - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }

        /// <summary>
        /// One stream per epoch, so an epoch's states do not depend on how many numbers the epochs
        /// before it drew.
        /// </summary>
        private static int EpochSeed(int seed, int epoch)
        {
            unchecked
            {
                uint x = (uint)seed * 0x9E3779B1u ^ (uint)epoch * 0x85EBCA77u;
                x ^= x >> 16;
                x *= 0x7FEB352Du;
                x ^= x >> 15;
                x *= 0x846CA68Bu;
                x ^= x >> 16;
                return (int)x;
            }
        }

        // ---- building images ----

        private IEnumerable<CrashState> Build(List<StatePlan> plans)
        {
            // Two buffers: the in-order image (all writes up to the plan's durable point) and the one
            // handed out, which equals it again after every state's pieces are undone.
            var inOrderImage = (byte[])_initialImage.Clone();
            var image = (byte[])_initialImage.Clone();
            var shared = new SharedBuffer();
            int applied = 0;
            try
            {
                foreach (StatePlan plan in plans)
                {
                    if (plan.InOrderWrites < applied)
                        throw new InvalidOperationException("crash-state plans are out of order at \"" + plan.Description + "\"");
                    ApplyWrites(inOrderImage, applied, plan.InOrderWrites);
                    ApplyWrites(image, applied, plan.InOrderWrites);
                    applied = plan.InOrderWrites;
                    ApplyPieces(image, plan.Pieces);
                    yield return new CrashState(plan.Kind, plan.Description, _log, plan.EntriesIssued, Options.Seed,
                        plan.InOrderWrites, plan.Pieces, image, shared);
                    shared.Generation++;
                    foreach (WritePiece piece in plan.Pieces)
                    {
                        long at = PieceOffset(piece);
                        Array.Copy(inOrderImage, at, image, at, (long)piece.BlockCount * _blockSize);
                    }
                }
            }
            finally
            {
                shared.Generation++;
            }
        }

        /// <summary>Applies writes number <paramref name="from"/>..<paramref name="to"/>-1 (counting writes only) in log order.</summary>
        private void ApplyWrites(byte[] image, int from, int to)
        {
            for (int w = from; w < to; w++)
            {
                WriteLogEntry write = _log[_writes[w]];
                write.Data.Span.CopyTo(image.AsSpan(checked((int)write.Lba * _blockSize)));
            }
        }

        private void ApplyPieces(byte[] image, IEnumerable<WritePiece> pieces)
        {
            foreach (WritePiece piece in pieces)
            {
                WriteLogEntry write = _log[piece.Entry];
                write.Data.Span.Slice(piece.FirstBlock * _blockSize, piece.BlockCount * _blockSize)
                    .CopyTo(image.AsSpan((int)PieceOffset(piece)));
            }
        }

        private long PieceOffset(WritePiece piece) => ((long)_log[piece.Entry].Lba + piece.FirstBlock) * _blockSize;

        private int WritesBefore(int entryCount)
        {
            int writes = 0;
            while (writes < _writes.Count && _writes[writes] < entryCount)
                writes++;
            return writes;
        }

        // ---- descriptions ----

        private static string KindName(CrashStateKind kind)
        {
            switch (kind)
            {
                case CrashStateKind.Prefix: return "prefix";
                case CrashStateKind.DropOne: return "drop-one";
                case CrashStateKind.KeepOne: return "keep-one";
                default: return "random";
            }
        }

        private static CrashStateKind ParseKind(string word, string description)
        {
            foreach (CrashStateKind kind in Enum.GetValues<CrashStateKind>())
                if (KindName(kind) == word)
                    return kind;
            throw new ArgumentException("\"" + description + "\" does not start with prefix, drop-one, keep-one or random", nameof(description));
        }

        private static int ParseNumber(string text, string description)
        {
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
                throw new ArgumentException("\"" + text + "\" in \"" + description + "\" is not a number", nameof(description));
            return value;
        }

        /// <summary>Parses <c>12</c> or <c>12.3</c> and checks that it is a write in flight at the crash.</summary>
        private WritePiece ParsePiece(string text, int durableEntries, int entriesIssued, string description)
        {
            int dot = text.IndexOf('.');
            int entry = ParseNumber(dot < 0 ? text : text.Substring(0, dot), description);
            if (entry < durableEntries || entry >= entriesIssued || _log[entry].Kind != WriteLogEntryKind.Write)
                throw new ArgumentException("kept piece " + text + " in \"" + description + "\" is not a write between entries "
                    + durableEntries + " and " + entriesIssued, nameof(description));
            int blockCount = _log[entry].BlockCount;
            if (dot < 0)
                return new WritePiece(entry, 0, blockCount, true);
            int block = ParseNumber(text.Substring(dot + 1), description);
            if (block < 0 || block >= blockCount)
                throw new ArgumentException("kept piece " + text + " in \"" + description + "\" names block " + block + " of a "
                    + blockCount + "-block write", nameof(description));
            return new WritePiece(entry, block, 1, blockCount == 1);
        }
    }
}
