using System;
using System.Collections.Generic;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Integrity;
using EclipseOS.EclipseFS.Journaling;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS.Writing
{
    /// <summary>
    /// The transaction machinery of a read-write volume (§12): takes space and inodes, writes
    /// new records copy-on-write into free space, stages inode-table entries, and commits
    /// through the <see cref="Journal"/>. The operations themselves live in
    /// <see cref="NamespaceOperations"/> (names and directories) and <see cref="FileContentWriter"/>
    /// (file bytes). A device error during an operation leaves the volume read-only: what is on
    /// disk is consistent (the log decides), but memory may no longer match it.
    /// </summary>
    internal sealed class VolumeWriter
    {
        private readonly EclipseFsVolume _volume;
        private readonly ImageReader _io;
        private readonly Journal _journal;
        private readonly IUnixClock? _clock;
        private readonly List<uint> _freeInodes = new List<uint>();
        private readonly FreeSpaceCompaction _compaction;
        private string? _failure;

        private VolumeWriter(EclipseFsVolume volume, ImageReader io, Journal journal, IUnixClock? clock, int compactAbove)
        {
            _volume = volume;
            _io = io;
            _journal = journal;
            _clock = clock;
            Crc = volume.Crc32C;
            _compaction = new FreeSpaceCompaction(this, compactAbove);
        }

        /// <summary>The volume written.</summary>
        public EclipseFsVolume Volume => _volume;

        /// <summary>Byte I/O of the volume.</summary>
        public ImageReader Io => _io;

        /// <summary>The log.</summary>
        public Journal Journal => _journal;

        /// <summary>The CRC-32C implementation.</summary>
        public ICrc32C Crc { get; }

        /// <summary>Why the volume stopped taking writes (null while it takes them).</summary>
        public string? Failure => _failure;

        /// <summary>Now, in Unix seconds (0 without a clock).</summary>
        public ulong Now => _clock != null ? _clock.UnixSeconds : 0;

        /// <summary>Inodes free in the table.</summary>
        public int FreeInodeCount => _freeInodes.Count;

        /// <summary>
        /// The writer of a mounted volume whose log was already replayed (or just created):
        /// finds the free inodes by one pass over the inode table. <paramref name="compactAbove"/>
        /// is <see cref="EclipseFsOptions.CompactFreeSpaceAbove"/>.
        /// </summary>
        public static VolumeWriter Open(EclipseFsVolume volume, ImageReader io, Journal journal, IUnixClock? clock, int compactAbove)
        {
            var writer = new VolumeWriter(volume, io, journal, clock, compactAbove);
            writer.FindFreeInodes();
            return writer;
        }

        private void FindFreeInodes()
        {
            _freeInodes.Clear();
            ulong[] offsets = ReadRecordOffsets();
            for (int i = 0; i < offsets.Length; i++)
                if (offsets[i] == 0)
                    _freeInodes.Add((uint)(i + 1));
            // Hand out low numbers first: the list is used as a stack.
            _freeInodes.Reverse();
        }

        /// <summary>Starts an operation; refuses when the volume no longer takes writes.</summary>
        public VolumeChange Begin()
        {
            if (_failure != null)
                throw new VfsException(_volume.Device.Name, "read-only after an earlier error: " + _failure);
            return new VolumeChange();
        }

        /// <summary>
        /// Compacts the free map when it has grown towards what a checkpoint holds, so that no
        /// operation ever finds the log unable to take a checkpoint. Called before an operation
        /// looks up any node: compaction moves records, so node objects read before it are stale.
        /// </summary>
        public void CompactWhenDue()
        {
            if (_failure == null && _compaction.Due)
                _compaction.Run();
        }

        /// <summary>Records moved by free-space compaction since mount.</summary>
        public int RecordsCompacted => _compaction.Moved;

        /// <summary>
        /// Takes <paramref name="length"/> bytes for a record: low and packed for small ones, at the
        /// start of the largest free extent for <paramref name="roomy"/> ones (files that grow).
        /// </summary>
        public ulong Allocate(VolumeChange c, ulong length, bool roomy)
        {
            ulong limit = RecordLimit;
            ulong start = roomy ? _journal.FreeSpace.AllocateRoomy(length, limit) : _journal.FreeSpace.Allocate(length, limit);
            if (start == SpaceMap.NoSpace && !roomy)
                start = _journal.FreeSpace.AllocateRoomy(length, limit);
            if (start == SpaceMap.NoSpace && _journal.PendingFree.Count > 0)
            {
                // Space freed since the last checkpoint becomes usable after one.
                _journal.Checkpoint(c.Transaction);
                start = _journal.FreeSpace.AllocateRoomy(length, limit);
            }
            if (start == SpaceMap.NoSpace)
                throw new VfsException(_volume.Device.Name, "no space left on device: " + length + " contiguous bytes needed, " + _journal.FreeSpace.TotalBytes + " free in " + _journal.FreeSpace.Count + " pieces");
            Took(c, start, length);
            return start;
        }

        /// <summary>Takes [<paramref name="start"/>, +<paramref name="length"/>) when it is free; false otherwise.</summary>
        public bool TryTake(VolumeChange c, ulong start, ulong length)
        {
            if (start + length > RecordLimit || !_journal.FreeSpace.Take(start, length))
                return false;
            Took(c, start, length);
            return true;
        }

        /// <summary>Takes a free extent wherever it lies, also below the record limit's start (the inode table growing into it).</summary>
        public bool TryTakeAnywhere(VolumeChange c, ulong start, ulong length)
        {
            if (!_journal.FreeSpace.Take(start, length))
                return false;
            Took(c, start, length);
            return true;
        }

        private void Took(VolumeChange c, ulong start, ulong length)
        {
            c.TakenStarts.Add(start);
            c.TakenLengths.Add(length);
            c.Transaction.Allocate(start, length);
        }

        /// <summary>
        /// The end of the space records may use: the volume's end, or 4 GiB past the inode table
        /// (relative_offset is a u32, §4), whichever comes first.
        /// </summary>
        public ulong RecordLimit
        {
            get
            {
                ulong limit = _volume.Superblock.RecordAreaOffset + 0xFFFF_FFFFUL;
                return limit < _io.Length ? limit : _io.Length;
            }
        }

        /// <summary>
        /// Bytes written ahead up to which an operation commits with one flush, their CRCs in its
        /// log record (§12.3 WRITTEN); above it (large file writes, compaction batches) the bytes
        /// are flushed before the record instead, because computing a second CRC over megabytes
        /// costs more than the flush it saves.
        /// </summary>
        public const ulong CheckedWriteAheadBytes = 128 * 1024;

        /// <summary>Writes new bytes into space this operation took (not yet part of the volume).</summary>
        public void WriteData(VolumeChange c, ulong position, byte[] data, int offset, int count)
        {
            _io.Write(position, data, offset, count);
            c.BytesWrittenAhead += (ulong)count;
            if (c.BytesWrittenAhead <= CheckedWriteAheadBytes)
            {
                c.WrittenStarts.Add(position);
                c.WrittenLengths.Add((ulong)count);
                c.WrittenCrcs.Add(Crc.Append(0, data, offset, count));
            }
        }

        /// <summary>
        /// Writes <paramref name="record"/> for <paramref name="inode"/> copy-on-write: into newly
        /// taken space, pointing the table entry at it and freeing <paramref name="old"/>'s bytes.
        /// </summary>
        public void StageRecord(VolumeChange c, uint inode, byte[] record, EclipseFsNode? old)
        {
            ulong at = Allocate(c, (ulong)record.Length, false);
            WriteData(c, at, record, 0, record.Length);
            PointTableEntry(c, inode, at, old);
        }

        /// <summary>Points <paramref name="inode"/>'s table entry at a record written at <paramref name="at"/>; frees <paramref name="old"/>'s bytes.</summary>
        public void PointTableEntry(VolumeChange c, uint inode, ulong at, EclipseFsNode? old)
        {
            if (old != null)
                PointTableEntry(c, inode, at, old.RecordOffset, old.RecordSize);
            else
                PointTableEntry(c, inode, at, 0, 0);
        }

        /// <summary>
        /// Points <paramref name="inode"/>'s table entry at a record written at <paramref name="at"/>;
        /// frees the <paramref name="oldSize"/> bytes of its previous record at <paramref name="oldStart"/>.
        /// </summary>
        public void PointTableEntry(VolumeChange c, uint inode, ulong at, ulong oldStart, ulong oldSize)
        {
            var entry = new byte[EclipseFsLayout.InodeTableEntrySize];
            LittleEndian.Put32(entry, 0, inode);
            LittleEndian.Put32(entry, 4, (uint)(at - _volume.Superblock.RecordAreaOffset));
            c.Transaction.Redo(TableEntry(inode), entry, 0, entry.Length);
            if (oldSize > 0)
                c.Transaction.Free(oldStart, oldSize);
            c.Touched.Add(inode);
        }

        /// <summary>Frees <paramref name="node"/>: its record's bytes and its table entry (which becomes all zero, §12.5).</summary>
        public void StageRelease(VolumeChange c, EclipseFsNode node)
        {
            var entry = new byte[EclipseFsLayout.InodeTableEntrySize];
            c.Transaction.Redo(TableEntry(node.Inode), entry, 0, entry.Length);
            c.Transaction.Free(node.RecordOffset, node.RecordSize);
            c.Touched.Add(node.Inode);
            c.Released.Add(node.Inode);
        }

        /// <summary>An inode for a new node, growing the inode table first when none is free.</summary>
        public uint TakeInode(VolumeChange c)
        {
            if (_freeInodes.Count == 0)
                new InodeTableGrowth(this).Grow();
            uint inode = _freeInodes[_freeInodes.Count - 1];
            _freeInodes.RemoveAt(_freeInodes.Count - 1);
            c.TakenInodes.Add(inode);
            return inode;
        }

        /// <summary>Makes inodes <paramref name="first"/>..<paramref name="last"/> available (after the table grew).</summary>
        public void AddFreeInodes(uint first, uint last)
        {
            for (uint i = last; i >= first; i--)
                _freeInodes.Add(i);
        }

        /// <summary>
        /// Commits: the log record and one flush for it and the bytes written before it (their
        /// CRCs in the record let a replay tell whether they all landed) — or, for more than
        /// <see cref="CheckedWriteAheadBytes"/>, a flush of those bytes first; then the in-place
        /// writes and the in-memory state. Durable when this returns.
        /// </summary>
        public void Commit(VolumeChange c)
        {
            if (c.Transaction.IsEmpty)
                return;
            if (c.BytesWrittenAhead > CheckedWriteAheadBytes)
                _io.Flush();
            else
                for (int i = 0; i < c.WrittenStarts.Count; i++)
                    c.Transaction.Written(c.WrittenStarts[i], c.WrittenLengths[i], c.WrittenCrcs[i]);
            _journal.Commit(c.Transaction);
            for (int i = 0; i < c.Touched.Count; i++)
                _volume.Forget(c.Touched[i]);
            for (int i = 0; i < c.Released.Count; i++)
                _freeInodes.Add(c.Released[i]);
        }

        /// <summary>
        /// Undoes in memory what an operation that failed before its commit took. A device error
        /// (anything but a <see cref="VfsException"/>) also stops all further writes.
        /// </summary>
        public void Abandon(VolumeChange c, Exception e)
        {
            for (int i = 0; i < c.TakenStarts.Count; i++)
                _journal.FreeSpace.Add(c.TakenStarts[i], c.TakenLengths[i]);
            for (int i = c.TakenInodes.Count - 1; i >= 0; i--)
                _freeInodes.Add(c.TakenInodes[i]);
            if (!(e is VfsException))
                _failure = e.Message;
        }

        /// <summary>Stops all further writes (a failure outside an operation, e.g. growing the table).</summary>
        public void Fail(string reason)
        {
            _failure = reason;
        }

        /// <summary>Flushes the device and writes a checkpoint (so the next mount replays nothing).</summary>
        public void Sync()
        {
            if (_failure != null)
                throw new VfsException(_volume.Device.Name, "read-only after an earlier error: " + _failure);
            _journal.Checkpoint(null);
        }

        /// <summary>Copies <paramref name="size"/> bytes of a record from <paramref name="from"/> into space this change took at <paramref name="to"/>.</summary>
        public void CopyData(VolumeChange c, ulong from, ulong to, ulong size)
        {
            const int Piece = 1024 * 1024;
            var buffer = new byte[size < Piece ? (int)size : Piece];
            ulong done = 0;
            while (done < size)
            {
                int n = size - done < (ulong)buffer.Length ? (int)(size - done) : buffer.Length;
                _io.Read(from + done, buffer, 0, n);
                WriteData(c, to + done, buffer, 0, n);
                done += (ulong)n;
            }
        }

        /// <summary>Absolute record offsets of inodes 1..total_inodes (0 for free inodes), from one pass over the table.</summary>
        public ulong[] ReadRecordOffsets()
        {
            const int Piece = 1024 * 1024;
            Superblock sb = _volume.Superblock;
            uint n = sb.TotalInodes;
            var offsets = new ulong[n];
            var buffer = new byte[Piece];
            uint inode = 1;
            while (inode <= n)
            {
                uint count = n - inode + 1;
                if (count > Piece / EclipseFsLayout.InodeTableEntrySize)
                    count = Piece / EclipseFsLayout.InodeTableEntrySize;
                _io.Read(sb.InodeTableOffset + (ulong)(inode - 1) * EclipseFsLayout.InodeTableEntrySize, buffer, 0, (int)count * EclipseFsLayout.InodeTableEntrySize);
                for (uint i = 0; i < count; i++)
                {
                    int e = (int)i * EclipseFsLayout.InodeTableEntrySize;
                    if (LittleEndian.U32(buffer, e) != 0)
                        offsets[inode + i - 1] = sb.RecordAreaOffset + LittleEndian.U32(buffer, e + 4);
                }
                inode += count;
            }
            return offsets;
        }

        /// <summary>Byte offset of <paramref name="inode"/>'s table entry.</summary>
        public ulong TableEntry(uint inode) => _volume.Superblock.InodeTableOffset + (ulong)(inode - 1) * EclipseFsLayout.InodeTableEntrySize;
    }
}
