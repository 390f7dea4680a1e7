using System;
using System.Collections.Generic;
using EclipseOS.Storage;

namespace EclipseOS.Tests.Crash
{
    /// <summary>How a crash state came about.</summary>
    public enum CrashStateKind
    {
        /// <summary>Every write issued before the crash reached the medium, in log order.</summary>
        Prefix,

        /// <summary>All of the last epoch's writes but one reached the medium.</summary>
        DropOne,

        /// <summary>One write of the last epoch reached the medium, alone.</summary>
        KeepOne,

        /// <summary>A random subset of the last epoch's writes reached the medium, in a random order.</summary>
        RandomSubset,
    }

    /// <summary>
    /// One image a power cut could leave on the medium, with what a test needs to judge it: where in
    /// the log the power was cut, what was durable by then, and a <see cref="Description"/> that
    /// <see cref="CrashStates.Replay"/> turns back into the same image.
    /// </summary>
    /// <remarks>
    /// States from an enumeration share one working buffer (building each from scratch would cost a
    /// whole image copy per state), so <see cref="Image"/>, <see cref="CopyImage"/> and
    /// <see cref="OpenDisk"/> only work while the state is the enumeration's current one; they throw
    /// once it has moved on rather than hand out another state's bytes.
    /// </remarks>
    public sealed class CrashState
    {
        private readonly WriteLog _log;
        private readonly byte[] _buffer;
        private readonly SharedBuffer? _shared;
        private readonly int _generation;

        internal CrashState(
            CrashStateKind kind, string description, WriteLog log, int entriesIssued, int seed,
            int inOrderWrites, IReadOnlyList<WritePiece> keptPieces, byte[] buffer, SharedBuffer? shared)
        {
            Kind = kind;
            Description = description;
            _log = log;
            EntriesIssued = entriesIssued;
            DurableEntries = log.DurableEntries(entriesIssued);
            Seed = seed;
            InOrderWrites = inOrderWrites;
            KeptPieces = keptPieces;
            _buffer = buffer;
            _shared = shared;
            _generation = shared?.Generation ?? 0;
        }

        /// <summary>How the state came about.</summary>
        public CrashStateKind Kind { get; }

        /// <summary>
        /// Everything needed to rebuild the state, for a failure message:
        /// <c>random seed=7 epoch=2 crash-after=17 sample=3 kept=[12,14.1]</c>.
        /// </summary>
        public string Description { get; }

        /// <summary>
        /// The power was cut after log entries 0..EntriesIssued-1. The same image stands for every
        /// crash point up to the next write (for a reordered state, up to the next write or flush,
        /// since a flush ends the epoch), so this is the latest of them: the one with the most marks
        /// and flushes behind it, which makes the test's checks strictest.
        /// </summary>
        public int EntriesIssued { get; }

        /// <summary>Index of the last log entry issued before the crash (-1 when none was).</summary>
        public int LastEntry => EntriesIssued - 1;

        /// <summary>Entries 0..DurableEntries-1 were durable: the last flush before the crash is among them.</summary>
        public int DurableEntries { get; }

        /// <summary>Number of flushes before the crash: the epoch whose writes were in flight.</summary>
        public int Epoch => CountFlushes(DurableEntries);

        /// <summary>The seed the state was drawn with (the options' seed; prefix states do not use it).</summary>
        public int Seed { get; }

        /// <summary>How many of the log's writes the image holds whole and in order, from the first.</summary>
        public int InOrderWrites { get; }

        /// <summary>
        /// Pieces of the crash epoch's writes applied after those, in this order, so a block written
        /// twice holds the later piece in this list (empty for prefix states).
        /// </summary>
        public IReadOnlyList<WritePiece> KeptPieces { get; }

        /// <summary>Operations acknowledged before the crash (their marks were issued).</summary>
        public IReadOnlyList<WriteLogEntry> AcknowledgedMarks => _log.AcknowledgedMarks(EntriesIssued);

        /// <summary>Operations a flush made durable before the crash.</summary>
        public IReadOnlyList<WriteLogEntry> DurableMarks => _log.DurableMarks(EntriesIssued);

        /// <summary>Whether the image can still be read (always, for a replayed state).</summary>
        public bool IsCurrent => _shared == null || _shared.Generation == _generation;

        /// <summary>The image, without a copy; only while the state is current.</summary>
        public ReadOnlySpan<byte> Image
        {
            get
            {
                ThrowIfStale();
                return _buffer;
            }
        }

        /// <summary>A copy of the image the caller owns; only while the state is current.</summary>
        public byte[] CopyImage()
        {
            ThrowIfStale();
            return (byte[])_buffer.Clone();
        }

        /// <summary>
        /// A writable RAM disk over a copy of the image, for mounting: a filesystem may replay a
        /// journal or repair while it mounts, which must not change the states that follow.
        /// </summary>
        public RamDisk OpenDisk() => new RamDisk(CopyImage(), _log.BlockSize, false) { Name = "crash" };

        /// <summary>The <see cref="Description"/>.</summary>
        public override string ToString() => Description;

        private int CountFlushes(int entryCount)
        {
            int flushes = 0;
            for (int i = 0; i < entryCount; i++)
                if (_log[i].Kind == WriteLogEntryKind.Flush)
                    flushes++;
            return flushes;
        }

        private void ThrowIfStale()
        {
            if (!IsCurrent)
                throw new InvalidOperationException("crash state \"" + Description + "\" was read after its enumeration moved on; "
                    + "take CopyImage() while it is current, or Replay its description");
        }
    }

    /// <summary>
    /// The working buffer an enumeration reuses for every state; its generation moves on whenever
    /// the buffer is about to change so that earlier states notice.
    /// </summary>
    internal sealed class SharedBuffer
    {
        public int Generation;
    }
}
