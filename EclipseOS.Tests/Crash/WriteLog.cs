using System;
using System.Collections;
using System.Collections.Generic;

namespace EclipseOS.Tests.Crash
{
    /// <summary>
    /// The ordered record of every write, flush and mark a <see cref="WriteLogDevice"/> saw — what
    /// dm-log-writes keeps for a Linux block device. Crash states are computed from it, and it
    /// answers which operations a crash at a given point must have kept.
    /// </summary>
    public sealed class WriteLog : IReadOnlyList<WriteLogEntry>
    {
        private readonly List<WriteLogEntry> _entries = new List<WriteLogEntry>();

        /// <summary>An empty log for a device of <paramref name="blockSize"/>-byte blocks.</summary>
        internal WriteLog(int blockSize)
        {
            BlockSize = blockSize;
        }

        /// <summary>Block size of the device the log was recorded on.</summary>
        public int BlockSize { get; }

        /// <summary>Number of entries.</summary>
        public int Count => _entries.Count;

        /// <summary>Entry number <paramref name="index"/>.</summary>
        public WriteLogEntry this[int index] => _entries[index];

        /// <summary>Number of write entries.</summary>
        public int WriteCount { get; private set; }

        /// <summary>Number of flush entries.</summary>
        public int FlushCount { get; private set; }

        /// <summary>Number of mark entries (also the number the next mark's operation gets).</summary>
        public int MarkCount { get; private set; }

        /// <inheritdoc />
        public IEnumerator<WriteLogEntry> GetEnumerator() => _entries.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>
        /// How many leading entries are durable when the power is cut after the first
        /// <paramref name="entriesIssued"/> entries: everything up to and including the last flush
        /// among them (0 when there was none).
        /// </summary>
        public int DurableEntries(int entriesIssued)
        {
            CheckEntriesIssued(entriesIssued);
            for (int i = entriesIssued - 1; i >= 0; i--)
                if (_entries[i].Kind == WriteLogEntryKind.Flush)
                    return i + 1;
            return 0;
        }

        /// <summary>
        /// The marks among the first <paramref name="entriesIssued"/> entries: the operations the
        /// filesystem had acknowledged when the power was cut (they must be all there or not at all
        /// unless also durable).
        /// </summary>
        public IReadOnlyList<WriteLogEntry> AcknowledgedMarks(int entriesIssued)
        {
            CheckEntriesIssued(entriesIssued);
            return MarksBefore(entriesIssued);
        }

        /// <summary>
        /// The marks that a flush followed before the power was cut after the first
        /// <paramref name="entriesIssued"/> entries: operations whose effects must survive that crash
        /// if the filesystem promises durability at a flush.
        /// </summary>
        public IReadOnlyList<WriteLogEntry> DurableMarks(int entriesIssued) => MarksBefore(DurableEntries(entriesIssued));

        internal WriteLogEntry AddWrite(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            var data = new byte[(long)blockCount * BlockSize];
            Array.Copy(buffer, offset, data, 0, data.Length);
            var entry = WriteLogEntry.ForWrite(_entries.Count, lba, blockCount, data);
            _entries.Add(entry);
            WriteCount++;
            return entry;
        }

        internal WriteLogEntry AddFlush()
        {
            var entry = WriteLogEntry.ForFlush(_entries.Count);
            _entries.Add(entry);
            FlushCount++;
            return entry;
        }

        internal WriteLogEntry AddMark(string label)
        {
            var entry = WriteLogEntry.ForMark(_entries.Count, label, MarkCount);
            _entries.Add(entry);
            MarkCount++;
            return entry;
        }

        private List<WriteLogEntry> MarksBefore(int entryCount)
        {
            var marks = new List<WriteLogEntry>();
            for (int i = 0; i < entryCount; i++)
                if (_entries[i].Kind == WriteLogEntryKind.Mark)
                    marks.Add(_entries[i]);
            return marks;
        }

        private void CheckEntriesIssued(int entriesIssued)
        {
            if (entriesIssued < 0 || entriesIssued > _entries.Count)
                throw new ArgumentOutOfRangeException(nameof(entriesIssued), entriesIssued + " entries issued, but the log has " + _entries.Count);
        }
    }
}
