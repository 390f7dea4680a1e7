using System.Collections.Generic;
using EclipseOS.EclipseFS.Journaling;
using EclipseOS.EclipseFS.Writing;

namespace EclipseOS.EclipseFS.Fsck
{
    /// <summary>
    /// What one fsck pass found, beyond the report: the facts the repair works from (the used
    /// extents, how the free-space map is wrong, which inodes to reattach or relink).
    /// </summary>
    internal sealed class FsckExamination
    {
        /// <summary>The problems and counts, as <see cref="EclipseFsChecker.Check"/> returns them.</summary>
        public readonly FsckReport Report = new FsckReport();

        /// <summary>Whether the anchor has the journal's magic (the volume was changed read-write).</summary>
        public bool Journaled;

        /// <summary>The log replayed into memory (null without a journal, or when it could not be replayed).</summary>
        public Journal? Journal;

        /// <summary>Why the log could not be found or replayed (null when it was, or when there is none).</summary>
        public string? LogUnusable;

        /// <summary>Whether the log holds a damaged checkpoint or a lost committed transaction (a fresh checkpoint puts them behind it).</summary>
        public bool LogDamaged;

        /// <summary>The highest sequence number of any record header in the log.</summary>
        public ulong LogHighestSequence;

        /// <summary>The used extents of a journaled volume (null for other volumes).</summary>
        public SpaceMap? Used;

        /// <summary>Live inodes whose record extent is unknown: <see cref="Used"/> is then incomplete.</summary>
        public int UnknownRecords;

        /// <summary>Pairs of records (or a record and the log or the table) sharing bytes.</summary>
        public int Overlaps;

        /// <summary>Whether the free-space map was compared with <see cref="Used"/>.</summary>
        public bool SpaceCompared;

        /// <summary>Bytes both used and free.</summary>
        public ulong DoublyUsedBytes;

        /// <summary>Bytes neither used nor free.</summary>
        public ulong LeakedBytes;

        /// <summary>Extents of <see cref="LeakedBytes"/>.</summary>
        public int LeakedExtents;

        /// <summary>Bytes freed by the log since the checkpoint that the checkpoint already lists free.</summary>
        public ulong FreedTwiceBytes;

        /// <summary>Live inodes no directory reachable from the root names, which no other such directory names either: the tops of lost subtrees.</summary>
        public readonly List<uint> LostTops = new List<uint>();

        /// <summary>Unreachable inodes below no lost top (only in directory cycles): reattaching cannot give them one parent.</summary>
        public readonly List<uint> LostInCycles = new List<uint>();

        /// <summary>Inodes whose NLINK is wrong …</summary>
        public readonly List<uint> NlinkInodes = new List<uint>();

        /// <summary>… and the NLINK each should have (parallel to <see cref="NlinkInodes"/>).</summary>
        public readonly List<uint> NlinkWanted = new List<uint>();

        /// <summary>Whether the free-space map disagrees with the structure.</summary>
        public bool FreeSpaceWrong => DoublyUsedBytes > 0 || LeakedBytes > 0 || FreedTwiceBytes > 0;
    }
}
