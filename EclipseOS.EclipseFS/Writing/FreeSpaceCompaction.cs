using System;
using System.Collections.Generic;
using EclipseOS.EclipseFS.Journaling;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS.Writing
{
    /// <summary>
    /// Keeps the free-space map small enough for a log checkpoint (§12.9). Records are
    /// byte-granular and never move on their own, so every record rewritten elsewhere or deleted
    /// between two live ones leaves a hole the map must list: the map grows towards one extent per
    /// record, whatever the allocation policy, and a checkpoint holds only
    /// <see cref="Journal.CheckpointCapacity"/> extents. When the map passes half of that, the
    /// records that sit alone between two free extents are moved (copy-on-write, best fit, a
    /// batch per transaction): each move joins the two extents around it into one. A checkpoint
    /// then makes the joined space free. The cost is paid once per many operations, like the
    /// table's growth; when too few records can move, the next attempt waits until the map has
    /// grown by another quarter of the threshold, so a volume that cannot be compacted does not
    /// pay for a scan on every operation.
    /// </summary>
    internal sealed class FreeSpaceCompaction
    {
        /// <summary>The most bytes moved to join two extents: moving costs a copy, and runs that long are few.</summary>
        private const ulong LargestMoved = 64 * 1024;

        private readonly VolumeWriter _w;
        private readonly int _above;
        private int _retryAbove;

        /// <summary>
        /// Compaction for <paramref name="writer"/>'s volume, above <paramref name="above"/> extents
        /// (<see cref="EclipseFsOptions.CompactFreeSpaceAbove"/>: 0 or more than half the
        /// checkpoint's capacity means that half).
        /// </summary>
        public FreeSpaceCompaction(VolumeWriter writer, int above)
        {
            _w = writer;
            int half = writer.Journal.CheckpointCapacity / 2;
            _above = above > 0 && above < half ? above : half;
        }

        /// <summary>Extents (free and freed since the last checkpoint) above which a compaction runs.</summary>
        private int Threshold => _retryAbove > _above ? _retryAbove : _above;

        /// <summary>Whether the free map has grown past the threshold.</summary>
        public bool Due => Extents > Threshold;

        /// <summary>Records moved since mount.</summary>
        public int Moved { get; private set; }

        private int Extents => _w.Journal.FreeSpace.Count + _w.Journal.PendingFree.Count;

        /// <summary>
        /// Moves records until the map is down to half the threshold (or no more can move), then
        /// checkpoints. Running out of space ends it early; a device error stops all writes, as
        /// in any operation.
        /// </summary>
        public void Run()
        {
            Journal journal = _w.Journal;
            int target = _above / 2;
            // Freed space joins the map now, so that holes freed since the last checkpoint count.
            journal.Checkpoint(null);
            if (journal.FreeSpace.Count > target)
            {
                var moves = new RecordMoves();
                FindRuns(journal.FreeSpace.Count - target, moves);
                MoveAll(moves);
            }
            journal.Checkpoint(null);
            _retryAbove = Extents > _above ? Extents + _above / 4 : 0;
        }

        /// <summary>
        /// Picks up to <paramref name="wanted"/> used runs between two free extents that hold only
        /// records (no table, log or written-ahead blob) of at most <see cref="LargestMoved"/> bytes
        /// in all, small runs first, and adds their records to <paramref name="moves"/>.
        /// </summary>
        private void FindRuns(int wanted, RecordMoves moves)
        {
            SpaceMap free = _w.Journal.FreeSpace;
            ulong[] offsets = _w.ReadRecordOffsets();
            // The records of each used run, as linked lists of inode numbers (run g lies between
            // free extents g-1 and g): head per run, next per inode, 0 ends a list.
            var head = new uint[free.Count + 1];
            var next = new uint[offsets.Length + 1];
            for (int i = 0; i < offsets.Length; i++)
            {
                if (offsets[i] == 0)
                    continue;
                int run = free.FirstEndingAfter(offsets[i]);
                next[i + 1] = head[run];
                head[run] = (uint)(i + 1);
            }
            int found = 0;
            for (ulong largest = 4096; largest <= LargestMoved && found < wanted; largest *= 4)
            {
                for (int run = 1; run < free.Count && found < wanted; run++)
                {
                    if (head[run] == 0)
                        continue;
                    ulong runStart = free.StartAt(run - 1) + free.LengthAt(run - 1);
                    ulong runLength = free.StartAt(run) - runStart;
                    if (runLength > largest || !OnlyRecords(head, next, offsets, run, runStart, runLength))
                        continue;
                    for (uint inode = head[run]; inode != 0; inode = next[inode])
                        moves.Add(inode, offsets[inode - 1], _w.Io.U32(offsets[inode - 1] + 4));
                    head[run] = 0;
                    found++;
                }
            }
        }

        /// <summary>Whether the records of <paramref name="run"/> lie inside it and fill all of it.</summary>
        private bool OnlyRecords(uint[] head, uint[] next, ulong[] offsets, int run, ulong runStart, ulong runLength)
        {
            ulong total = 0;
            for (uint inode = head[run]; inode != 0; inode = next[inode])
            {
                ulong at = offsets[inode - 1];
                ulong size = _w.Io.U32(at + 4);
                if (size > runStart + runLength - at)
                    return false;
                total += size;
            }
            return total == runLength;
        }

        /// <summary>Log bytes of one move: the table entry's REDO, the ALLOCATE, the FREE and (small batches) the copy's WRITTEN.</summary>
        private const int MoveLogBytes = (1 + 12 + 8) + 2 * (1 + 16) + (1 + 20);

        /// <summary>Moves the records in transactions as large as the log takes next to a checkpoint.</summary>
        private void MoveAll(RecordMoves moves)
        {
            Journal journal = _w.Journal;
            int first = 0;
            while (first < moves.Count)
            {
                ulong checkpoint = (ulong)(JournalLayout.RecordHeaderLength + SpaceMap.SerializedLength(journal.FreeSpace.Count + journal.PendingFree.Count + 2));
                ulong half = journal.LogLength / 2;
                if (checkpoint + 2 * 4096 >= half)
                    return;
                int batch = (int)((half - checkpoint - 4096) / 2 / MoveLogBytes);
                int end = moves.Count - first < batch ? moves.Count : first + batch;
                if (!MoveBatch(moves, first, end))
                    return;
                first = end;
            }
        }

        /// <summary>Moves records [<paramref name="first"/>, <paramref name="end"/>) in one transaction; false when space ran out.</summary>
        private bool MoveBatch(RecordMoves moves, int first, int end)
        {
            VolumeChange c = _w.Begin();
            try
            {
                for (int i = first; i < end; i++)
                {
                    ulong size = moves.Sizes[i];
                    ulong copy = _w.Allocate(c, size, false);
                    _w.CopyData(c, moves.Starts[i], copy, size);
                    _w.PointTableEntry(c, moves.Inodes[i], copy, moves.Starts[i], size);
                }
                _w.Commit(c);
                Moved += end - first;
                return true;
            }
            catch (Exception e)
            {
                _w.Abandon(c, e);
                if (e is Vfs.VfsException)
                    return false;
                throw;
            }
        }

        /// <summary>Records to move: inode, where its record is, its size.</summary>
        private sealed class RecordMoves
        {
            public readonly List<uint> Inodes = new List<uint>();
            public readonly List<ulong> Starts = new List<ulong>();
            public readonly List<ulong> Sizes = new List<ulong>();

            public int Count => Inodes.Count;

            public void Add(uint inode, ulong start, ulong size)
            {
                Inodes.Add(inode);
                Starts.Add(start);
                Sizes.Add(size);
            }
        }
    }
}
