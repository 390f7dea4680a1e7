using System.Collections.Generic;
using EclipseOS.EclipseFS.Journaling;

namespace EclipseOS.EclipseFS.Writing
{
    /// <summary>
    /// One operation being prepared: its log transaction, plus what must be undone in memory if
    /// it is abandoned before the commit (space and inodes taken) and what changes in memory
    /// once it commits (records to forget, inodes that become free).
    /// </summary>
    internal sealed class VolumeChange
    {
        /// <summary>The log transaction.</summary>
        public readonly JournalTransaction Transaction = new JournalTransaction();
        /// <summary>Extents taken from the free space (given back when abandoned).</summary>
        public readonly List<ulong> TakenStarts = new List<ulong>();
        /// <summary>Lengths of <see cref="TakenStarts"/>.</summary>
        public readonly List<ulong> TakenLengths = new List<ulong>();
        /// <summary>Inodes taken from the free list (given back when abandoned).</summary>
        public readonly List<uint> TakenInodes = new List<uint>();
        /// <summary>Inodes whose records change (dropped from the record cache at commit).</summary>
        public readonly List<uint> Touched = new List<uint>();
        /// <summary>Inodes removed by the operation (free after the commit).</summary>
        public readonly List<uint> Released = new List<uint>();
        /// <summary>Bytes written into free space ahead of the log record.</summary>
        public ulong BytesWrittenAhead;
        /// <summary>Where the bytes written ahead went, while they are few enough to be checked by CRC (§12.3 WRITTEN).</summary>
        public readonly List<ulong> WrittenStarts = new List<ulong>();
        /// <summary>Lengths of <see cref="WrittenStarts"/>.</summary>
        public readonly List<ulong> WrittenLengths = new List<ulong>();
        /// <summary>CRC-32C of each range of <see cref="WrittenStarts"/>.</summary>
        public readonly List<uint> WrittenCrcs = new List<uint>();
    }
}
