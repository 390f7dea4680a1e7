using System.Collections.Generic;
using EclipseOS.EclipseFS.Writing;

namespace EclipseOS.EclipseFS.Fsck
{
    /// <summary>
    /// The bytes a journaled volume's structure uses — the header block with the inode table, the
    /// log, every live inode's record — and who uses each (the same rule as
    /// <see cref="SpaceUsage.Used"/>, which gives a volume its first free-space map). Unlike it,
    /// fsck names every overlap, counts an overlapping record's bytes as used all the same, and
    /// compares the result with the log's free-space map.
    /// </summary>
    internal sealed class UsedSpace
    {
        /// <summary>Overlaps and doubly used extents named one by one; the rest are counted.</summary>
        private const int MaxNamed = 64;
        /// <summary>Leaked extents listed in the problem's text.</summary>
        private const int MaxListed = 16;

        private readonly SpaceMap _used = new SpaceMap();
        // Who uses what, in the order added (parallel lists: IL2CPU mis-sizes some structs).
        private readonly List<ulong> _starts = new List<ulong>();
        private readonly List<ulong> _lengths = new List<ulong>();
        private readonly List<uint> _inodes = new List<uint>();
        private readonly List<string> _names = new List<string>();

        /// <summary>The used extents, sorted and coalesced.</summary>
        public SpaceMap Map => _used;

        /// <summary>Pairs of users sharing bytes (past <see cref="MaxNamed"/>, users overlapping others).</summary>
        public int Overlaps { get; private set; }

        /// <summary>Live inodes whose record's extent is unknown (no usable record_size): the used space is then a lower bound.</summary>
        public int UnknownRecords { get; set; }

        /// <summary>Adds a region that is not a record (the header block and inode table, the log).</summary>
        public void AddRegion(string name, ulong start, ulong length, IProblemSink sink) => Add(0, name, start, length, sink);

        /// <summary>Adds inode <paramref name="inode"/>'s record.</summary>
        public void AddRecord(uint inode, ulong start, ulong length, IProblemSink sink) => Add(inode, null, start, length, sink);

        private void Add(uint inode, string? name, ulong start, ulong length, IProblemSink sink)
        {
            if (length == 0)
                return;
            if (!_used.Add(start, length))
            {
                // Users are named one by one (a linear search) only up to a bound, so that an
                // image whose every entry points at one record still takes linear time.
                int before = Overlaps;
                for (int i = 0; i < _starts.Count && Overlaps <= MaxNamed; i++)
                {
                    if (_starts[i] >= start + length || start >= _starts[i] + _lengths[i])
                        continue;
                    Overlaps++;
                    if (Overlaps <= MaxNamed)
                        sink.Report(inode, inode != 0 ? "record" : name!, start,
                            Describe(inode, name, start, length) + " overlaps " + Owner(i));
                    else
                        sink.Report(0, "records", EclipseFsException.NoOffset, "more than " + MaxNamed + " overlaps; the rest are not listed");
                }
                if (Overlaps == before)
                    Overlaps++; // past the bound: counted, not named
                // The record's bytes are used all the same: only what no one used yet is added.
                SpaceMap fresh = ExtentSets.Uncovered(_used, start, length);
                for (int i = 0; i < fresh.Count; i++)
                    _used.Add(fresh.StartAt(i), fresh.LengthAt(i));
            }
            _starts.Add(start);
            _lengths.Add(length);
            _inodes.Add(inode);
            _names.Add(name ?? "");
        }

        /// <summary>What the log is called in problems.</summary>
        public const string LogName = "the log";

        private string Owner(int i) => Describe(_inodes[i], _inodes[i] == 0 ? _names[i] : null, _starts[i], _lengths[i]);

        private static string Describe(uint inode, string? name, ulong start, ulong length)
        {
            return (inode != 0 ? "inode " + inode + "'s record" : name!) + " at " + start + " (" + length + " bytes)";
        }

        /// <summary>
        /// Compares the used bytes with the log's free space after replay: <paramref name="free"/>
        /// (free now) and <paramref name="pending"/> (freed since the last checkpoint, free at the
        /// next). Reports bytes freed twice, bytes both used and free (doubly used: the next
        /// allocation would overwrite them) and bytes neither (leaked), into
        /// <paramref name="result"/> and <paramref name="sink"/>.
        /// </summary>
        public void Compare(SpaceMap free, SpaceMap pending, ulong volumeBytes, FsckExamination result, IProblemSink sink)
        {
            SpaceMap twice = ExtentSets.Intersect(free, pending);
            for (int i = 0; i < twice.Count && i < MaxNamed; i++)
                sink.Report(0, "free space", twice.StartAt(i), twice.LengthAt(i) + " bytes freed by a log transaction since the checkpoint are already free in it (freed twice: the next checkpoint would fail)");
            result.FreedTwiceBytes = twice.TotalBytes;

            int named = 0;
            ulong doubly = 0;
            named = ReportDoublyUsed(ExtentSets.Intersect(_used, free), "listed free by the log's free-space map", named, ref doubly, sink);
            ReportDoublyUsed(ExtentSets.Intersect(_used, pending), "freed by a log transaction since the checkpoint", named, ref doubly, sink);
            result.DoublyUsedBytes = doubly;

            SpaceMap leaked = SpaceUsage.Complement(ExtentSets.Union(_used, ExtentSets.Union(free, pending)), volumeBytes);
            result.LeakedBytes = leaked.TotalBytes;
            result.LeakedExtents = leaked.Count;
            if (leaked.Count > 0)
                sink.Report(0, "free space", leaked.StartAt(0), leaked.TotalBytes + " bytes in " + ExtentSets.Count(leaked.Count)
                    + " are neither used nor free (leaked): " + ExtentSets.List(leaked, MaxListed));
        }

        /// <summary>Names each user of the bytes in <paramref name="doubly"/>; returns how many were named so far.</summary>
        private int ReportDoublyUsed(SpaceMap doubly, string how, int named, ref ulong total, IProblemSink sink)
        {
            for (int d = 0; d < doubly.Count; d++)
            {
                ulong ds = doubly.StartAt(d), de = ds + doubly.LengthAt(d);
                total += de - ds;
                for (int i = 0; i < _starts.Count && named <= MaxNamed; i++)
                {
                    ulong s = _starts[i] > ds ? _starts[i] : ds;
                    ulong e = _starts[i] + _lengths[i] < de ? _starts[i] + _lengths[i] : de;
                    if (s >= e)
                        continue;
                    named++;
                    if (named <= MaxNamed)
                        sink.Report(_inodes[i], "free space", s, (e - s) + " bytes used by " + Owner(i) + " are " + how + " (doubly used)");
                    else
                        sink.Report(0, "free space", EclipseFsException.NoOffset, "more than " + MaxNamed + " doubly used extents; the rest are not listed");
                }
            }
            return named;
        }
    }
}
