using System;

namespace EclipseOS.Tests.Crash
{
    /// <summary>What a <see cref="WriteLogEntry"/> records.</summary>
    public enum WriteLogEntryKind
    {
        /// <summary>A completed <c>Write</c>: its blocks reached the device's cache, not necessarily the medium.</summary>
        Write,

        /// <summary>A completed <c>Flush</c>: every write before it is on the medium.</summary>
        Flush,

        /// <summary>A point the test marked: the operation it names had been acknowledged by then.</summary>
        Mark,
    }

    /// <summary>
    /// One entry of a <see cref="WriteLog"/>: a write with a copy of its data, a flush, or a mark the
    /// test put between the filesystem's operations. Entries are immutable so crash states built
    /// from them stay valid however the device is used afterwards.
    /// </summary>
    public sealed class WriteLogEntry
    {
        private readonly byte[] _data;

        private WriteLogEntry(WriteLogEntryKind kind, int index, ulong lba, int blockCount, byte[] data, string label, int operation)
        {
            Kind = kind;
            Index = index;
            Lba = lba;
            BlockCount = blockCount;
            _data = data;
            Label = label;
            Operation = operation;
        }

        /// <summary>A write entry; <paramref name="data"/> must already be a private copy.</summary>
        internal static WriteLogEntry ForWrite(int index, ulong lba, int blockCount, byte[] data) =>
            new WriteLogEntry(WriteLogEntryKind.Write, index, lba, blockCount, data, "", -1);

        /// <summary>A flush entry.</summary>
        internal static WriteLogEntry ForFlush(int index) =>
            new WriteLogEntry(WriteLogEntryKind.Flush, index, 0, 0, Array.Empty<byte>(), "", -1);

        /// <summary>A mark entry for operation number <paramref name="operation"/>.</summary>
        internal static WriteLogEntry ForMark(int index, string label, int operation) =>
            new WriteLogEntry(WriteLogEntryKind.Mark, index, 0, 0, Array.Empty<byte>(), label, operation);

        /// <summary>Whether this is a write, a flush or a mark.</summary>
        public WriteLogEntryKind Kind { get; }

        /// <summary>Position in the log, from 0.</summary>
        public int Index { get; }

        /// <summary>First block written (0 for flushes and marks).</summary>
        public ulong Lba { get; }

        /// <summary>Number of blocks written (0 for flushes and marks).</summary>
        public int BlockCount { get; }

        /// <summary>The bytes written, <see cref="BlockCount"/> whole blocks (empty for flushes and marks).</summary>
        public ReadOnlyMemory<byte> Data => _data;

        /// <summary>The mark's label ("" for writes and flushes).</summary>
        public string Label { get; }

        /// <summary>
        /// For a mark, the number of the operation that had just completed: marks are numbered 0, 1, 2 …
        /// in the order they were made, so operations 0..k were acknowledged once mark k is in the log
        /// (-1 for writes and flushes).
        /// </summary>
        public int Operation { get; }

        /// <summary>One line for failure messages: <c>#3 write lba 4 x2</c>, <c>#4 flush</c>, <c>#5 mark 1 "create a"</c>.</summary>
        public override string ToString()
        {
            switch (Kind)
            {
                case WriteLogEntryKind.Write: return "#" + Index + " write lba " + Lba + " x" + BlockCount;
                case WriteLogEntryKind.Flush: return "#" + Index + " flush";
                default: return "#" + Index + " mark " + Operation + " \"" + Label + "\"";
            }
        }
    }
}
