using System.Collections.Generic;

namespace EclipseOS.EclipseFS.Fsck
{
    /// <summary>One problem fsck found, with its location.</summary>
    public sealed class FsckProblem
    {
        /// <summary>Creates a problem report.</summary>
        public FsckProblem(uint inode, string field, ulong offset, string description)
        {
            Inode = inode;
            Field = field;
            Offset = offset;
            Description = description;
        }

        /// <summary>The inode concerned, or 0 for the header and the image as a whole.</summary>
        public uint Inode { get; }
        /// <summary>The field concerned.</summary>
        public string Field { get; }
        /// <summary>Byte offset in the filesystem, or <see cref="EclipseFsException.NoOffset"/>.</summary>
        public ulong Offset { get; }
        /// <summary>What is wrong.</summary>
        public string Description { get; }

        /// <inheritdoc />
        public override string ToString() => EclipseFsException.Describe(Inode, Field, Offset, Description);
    }

    /// <summary>What fsck found: every problem, and what it looked at.</summary>
    public sealed class FsckReport
    {
        /// <summary>Every problem, in the order found.</summary>
        public List<FsckProblem> Problems { get; } = new List<FsckProblem>();
        /// <summary>Whether no problem was found.</summary>
        public bool IsClean => Problems.Count == 0;
        /// <summary>Inodes whose records were parsed.</summary>
        public uint InodesChecked { get; internal set; }
        /// <summary>Records whose RECORD_CRC32C was verified.</summary>
        public uint RecordCrcsChecked { get; internal set; }
        /// <summary>Files and symlinks whose CONTENT_CRC32C was verified.</summary>
        public uint ContentCrcsChecked { get; internal set; }
        /// <summary>Content bytes read for CRC checks.</summary>
        public ulong ContentBytesChecked { get; internal set; }
        /// <summary>Directories reached from the root.</summary>
        public uint DirectoriesReached { get; internal set; }
        /// <summary>Whether the volume has a journal (it was changed through a read-write mount, §12); it was checked after replaying its log in memory.</summary>
        public bool Journaled { get; internal set; }
        /// <summary>Log transactions replayed (in memory) before the check.</summary>
        public int ReplayedTransactions { get; internal set; }
        /// <summary>Free inodes (all-zero inode-table entries of a journaled volume).</summary>
        public uint FreeInodes { get; internal set; }
        /// <summary>Bytes neither used by the structure nor listed free by the log (journaled volumes).</summary>
        public ulong LeakedBytes { get; internal set; }
        /// <summary>Bytes both used by the structure and listed free by the log (journaled volumes).</summary>
        public ulong DoublyUsedBytes { get; internal set; }
        /// <summary>Findings that are not problems, e.g. a last log record torn by a crash before its commit.</summary>
        public List<string> Notes { get; } = new List<string>();
    }

    /// <summary>Receives fsck's progress (bytes of records and content gone through, of a total).</summary>
    public interface IFsckProgress
    {
        /// <summary>Called now and then with <paramref name="done"/> of <paramref name="total"/> bytes.</summary>
        void Report(ulong done, ulong total);
    }

    /// <summary>fsck's sink: collects problems instead of throwing.</summary>
    internal sealed class CollectingProblemSink : IProblemSink
    {
        private readonly FsckReport _report;
        private readonly int _limit;

        public CollectingProblemSink(FsckReport report, int limit)
        {
            _report = report;
            _limit = limit;
        }

        public void Report(uint inode, string field, ulong offset, string problem)
        {
            if (_report.Problems.Count < _limit)
                _report.Problems.Add(new FsckProblem(inode, field, offset, problem));
            else if (_report.Problems.Count == _limit)
                _report.Problems.Add(new FsckProblem(0, "fsck", EclipseFsException.NoOffset, "more than " + _limit + " problems; the rest are not listed"));
        }
    }
}
