using EclipseOS.EclipseFS.Integrity;
using EclipseOS.Hal.Text;
using EclipseOS.EclipseFS.Writing;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS.Journaling
{
    /// <summary>
    /// The write-ahead log of a read-write volume and the free space it keeps (§12). The log is
    /// two halves; each starts with a checkpoint (the whole free-space map) followed by one
    /// transaction record per operation. An operation writes its new records into free space,
    /// then its transaction (the in-place writes to the inode table and header, and its space
    /// changes), then flushes: that flush is the commit. The in-place writes are applied after it.
    /// After a crash, <see cref="Replay"/> applies every committed transaction again from the
    /// newest checkpoint, so a half-applied operation is completed and an uncommitted one never
    /// happened. Space freed by an operation is only reused after the next checkpoint: until
    /// then a replayed transaction may still write into it.
    /// </summary>
    public sealed class Journal
    {
        private readonly ImageReader _io;
        private readonly ICrc32C _crc;
        private readonly ulong _logOffset;
        private readonly ulong _halfSize;
        private readonly ulong _volumeId;
        private readonly int _blockSize;
        private int _half;
        private ulong _position;
        private ulong _sequence;
        private bool _afterReplay;
        private byte[] _scratch = new byte[4096];
        private byte[] _spare = new byte[4096];

        private Journal(ImageReader io, ICrc32C crc, ulong logOffset, ulong halfSize, ulong volumeId)
        {
            _io = io;
            _crc = crc;
            _logOffset = logOffset;
            _halfSize = halfSize;
            _volumeId = volumeId;
            _blockSize = io.BlockSize;
        }

        private readonly SpaceMap _freeSpace = new SpaceMap();
        private byte[]? _unparsedCheckpoint;
        private int _unparsedCheckpointLength;
        private ulong _unparsedCheckpointAt;

        /// <summary>
        /// Free bytes that may be allocated now. <see cref="Replay"/> reads the newest checkpoint
        /// and checks its CRC, but its map is parsed only on first use — the first change, a
        /// replayed transaction, fsck, a free-space query — so a mount that changes nothing costs
        /// the same however many extents the free space has split into (§12.9). A map that
        /// cannot be parsed throws here (see <see cref="ParseFreeSpace"/>).
        /// </summary>
        public SpaceMap FreeSpace
        {
            get
            {
                if (_unparsedCheckpoint != null)
                    ParseFreeSpace();
                return _freeSpace;
            }
        }

        /// <summary>Bytes freed since the last checkpoint: free once the next checkpoint is durable.</summary>
        public SpaceMap PendingFree { get; } = new SpaceMap();

        /// <summary>Where the log starts (bytes into the filesystem).</summary>
        public ulong LogOffset => _logOffset;

        /// <summary>Bytes of the whole log (both halves).</summary>
        public ulong LogLength => 2 * _halfSize;

        /// <summary>Sequence number of the newest record.</summary>
        public ulong Sequence => _sequence;

        /// <summary>Checkpoints written since mount.</summary>
        public int CheckpointsWritten { get; private set; }

        /// <summary>
        /// Free extents a checkpoint of this log holds: what fits in a log half next to the largest
        /// transaction (a quarter of a half). Past it no operation can commit, so the writer keeps
        /// the free map well below it (<see cref="Writing.FreeSpaceCompaction"/>).
        /// </summary>
        public int CheckpointCapacity => (int)((_halfSize - _halfSize / 4 - (ulong)JournalLayout.RecordHeaderLength - 4) / 16);

        /// <summary>
        /// Whether <see cref="Replay"/> started from the older checkpoint because the newer one was
        /// not whole: a power cut while it was written, or damage that fsck must see and judge.
        /// </summary>
        public bool StartedFromOlderCheckpoint { get; private set; }

        /// <summary>
        /// Whether <see cref="Replay"/> left out the last transaction because not all the bytes it
        /// wrote ahead reached the disk: an operation a power cut interrupted before its flush
        /// returned, which never happened.
        /// </summary>
        public bool DroppedUnfinishedTransaction { get; private set; }

        /// <summary>Transactions applied again by <see cref="Replay"/> at mount.</summary>
        public int ReplayedTransactions { get; private set; }

        /// <summary>The log's half size for a volume of <paramref name="volumeBytes"/> (§12.4), a whole number of 4 KiB.</summary>
        public static ulong HalfSizeFor(ulong volumeBytes)
        {
            ulong half = volumeBytes / 128 / 4096 * 4096;
            if (half > JournalLayout.MaxHalfSize) half = JournalLayout.MaxHalfSize;
            if (half < JournalLayout.MinHalfSize) half = JournalLayout.MinHalfSize;
            return half;
        }

        /// <summary>
        /// The journal named by the anchor in the header block, or null when the volume has none
        /// (an image as the original writer or <c>mkfs</c> left it). A damaged anchor is an error.
        /// </summary>
        internal static Journal? Open(ImageReader io, ICrc32C crc)
        {
            var anchor = new byte[JournalLayout.AnchorLength];
            io.Read(JournalLayout.AnchorOffset, anchor, 0, anchor.Length);
            bool any = false;
            for (int i = 0; i < anchor.Length; i++)
                any |= anchor[i] != 0;
            if (!any)
                return null;
            for (int i = 0; i < JournalLayout.AnchorMagic.Length; i++)
                if (anchor[i] != (byte)JournalLayout.AnchorMagic[i])
                    throw new EclipseFsException(0, "journal anchor", JournalLayout.AnchorOffset, "bytes 512–575 of the header block are neither zero nor a journal anchor");
            uint stored = LittleEndian.U32(anchor, JournalLayout.AnchorCrcField);
            uint computed = crc.Append(0, anchor, 0, JournalLayout.AnchorCrcField);
            if (stored != computed)
                throw new EclipseFsException(0, "journal anchor", JournalLayout.AnchorOffset, "CRC-32C stored 0x" + Hex.Upper(stored, 8) + " but computed 0x" + Hex.Upper(computed, 8));
            uint version = LittleEndian.U32(anchor, JournalLayout.AnchorVersionField);
            if (version != JournalLayout.AnchorVersion)
                throw new EclipseFsException(0, "journal anchor", JournalLayout.AnchorOffset + JournalLayout.AnchorVersionField, "version " + version + " is not the supported " + JournalLayout.AnchorVersion);
            ulong log = LittleEndian.U64(anchor, JournalLayout.AnchorLogOffsetField);
            ulong half = LittleEndian.U64(anchor, JournalLayout.AnchorHalfSizeField);
            if (half < JournalLayout.MinHalfSize || half > JournalLayout.MaxHalfSize || half % (ulong)io.BlockSize != 0 || log % (ulong)io.BlockSize != 0
                || log < EclipseFsLayoutHeader || !io.Contains(log, 2 * half))
                throw new EclipseFsException(0, "journal anchor", JournalLayout.AnchorOffset + JournalLayout.AnchorLogOffsetField,
                    "log of 2 × " + half + " bytes at " + log + " does not fit the " + io.Length + "-byte filesystem in whole blocks");
            return new Journal(io, crc, log, half, LittleEndian.U64(anchor, JournalLayout.AnchorVolumeIdField));
        }

        private const ulong EclipseFsLayoutHeader = Format.EclipseFsLayout.HeaderBlockSize;

        /// <summary>
        /// Gives a volume a journal at <paramref name="logOffset"/> (already taken out of
        /// <paramref name="free"/>): a first checkpoint holding <paramref name="free"/>, a flush,
        /// then the anchor and a flush. Until the anchor is durable the volume is exactly as before.
        /// </summary>
        internal static Journal Create(ImageReader io, ICrc32C crc, ulong logOffset, ulong halfSize, ulong volumeId, SpaceMap free)
        {
            var journal = new Journal(io, crc, logOffset, halfSize, volumeId);
            for (int i = 0; i < free.Count; i++)
                journal.FreeSpace.Add(free.StartAt(i), free.LengthAt(i));
            // Zero the first half's first block: whatever the free space held there before must
            // never be mistaken for a checkpoint (the volume id and CRC make that unlikely anyway).
            var zero = new byte[io.BlockSize];
            io.Write(logOffset, zero, 0, zero.Length);
            journal._half = 1;
            journal.WriteCheckpoint(journal.FreeSpace.Serialize());
            var anchor = new byte[JournalLayout.AnchorLength];
            for (int i = 0; i < JournalLayout.AnchorMagic.Length; i++)
                anchor[i] = (byte)JournalLayout.AnchorMagic[i];
            LittleEndian.Put32(anchor, JournalLayout.AnchorVersionField, JournalLayout.AnchorVersion);
            LittleEndian.Put64(anchor, JournalLayout.AnchorLogOffsetField, logOffset);
            LittleEndian.Put64(anchor, JournalLayout.AnchorHalfSizeField, halfSize);
            LittleEndian.Put64(anchor, JournalLayout.AnchorVolumeIdField, volumeId);
            LittleEndian.Put32(anchor, JournalLayout.AnchorCrcField, crc.Append(0, anchor, 0, JournalLayout.AnchorCrcField));
            io.Write(JournalLayout.AnchorOffset, anchor, 0, anchor.Length);
            io.Flush();
            return journal;
        }

        /// <summary>
        /// Finds the newest valid checkpoint, loads its free-space map and applies every
        /// committed transaction after it, in order; the next record goes after the last one.
        /// Returns the number of transactions replayed.
        /// </summary>
        public int Replay()
        {
            // Headers first, then the whole of the newer checkpoint only: it can be most of a
            // log half, and mount time should not pay for reading and checking both.
            ulong seq0 = CheckpointHeaderSequence(0), seq1 = CheckpointHeaderSequence(1);
            _half = seq1 > seq0 ? 1 : 0;
            int length = seq0 == 0 && seq1 == 0 ? 0 : ReadRecord(HalfStart(_half), JournalLayout.KindCheckpoint, 0);
            if (length == 0 && (_half == 1 ? seq0 : seq1) != 0)
            {
                // The newer one is torn (a power cut while writing it) or damaged: the older one holds.
                _half = 1 - _half;
                StartedFromOlderCheckpoint = true;
                length = ReadRecord(HalfStart(_half), JournalLayout.KindCheckpoint, 0);
            }
            if (length == 0)
                throw new EclipseFsException(0, "journal", _logOffset, "neither log half starts with a valid checkpoint");
            ulong start = HalfStart(_half);
            PendingFree.Clear();
            _sequence = LittleEndian.U64(_scratch, JournalLayout.RecordSequenceField);
            _position = start + Align((ulong)length);
            // The checkpoint keeps its buffer until its map is parsed; records after it get another.
            _unparsedCheckpoint = _scratch;
            _unparsedCheckpointLength = length;
            _unparsedCheckpointAt = start;
            _scratch = new byte[4096];
            int replayed = 0;
            byte[] current = _scratch;
            int n = ReadRecord(_position, JournalLayout.KindTransaction, _sequence + 1, ref current);
            if (n != 0)
                ParseFreeSpace();
            while (n != 0)
            {
                // The last transaction's record may have reached the disk without the bytes it
                // wrote ahead (they share one flush): it is applied only when they all landed.
                // Every earlier one was acknowledged by its flush before the next began.
                ulong next = _position + Align((ulong)n);
                byte[] following = _spare;
                int m = ReadRecord(next, JournalLayout.KindTransaction, _sequence + 2, ref following);
                if (m == 0 && !WrittenBytesLanded(current, JournalLayout.RecordHeaderLength, n))
                {
                    DroppedUnfinishedTransaction = true;
                    break;
                }
                Apply(current, JournalLayout.RecordHeaderLength, n, true);
                _sequence++;
                _position = next;
                replayed++;
                _spare = current;
                current = following;
                n = m;
            }
            _scratch = current;
            if (replayed > 0)
                _io.Flush();
            ReplayedTransactions = replayed;
            _afterReplay = true;
            return replayed;
        }

        /// <summary>
        /// Parses the free-space map of the checkpoint <see cref="Replay"/> started from, when that
        /// has not happened yet; throws an <see cref="EclipseFsException"/> naming the checkpoint
        /// when the map is not sorted, disjoint extents inside the volume (and again on every
        /// later use: nothing is ever allocated from such a map). fsck calls it right
        /// after the replay so that such a map is reported with the log's other problems.
        /// </summary>
        internal void ParseFreeSpace()
        {
            byte[]? record = _unparsedCheckpoint;
            if (record == null)
                return;
            // On failure the map stays empty and unparsed, so every later use throws again
            // rather than allocating from part of a map.
            string? problem = _freeSpace.Load(record, JournalLayout.RecordHeaderLength, _unparsedCheckpointLength - JournalLayout.RecordHeaderLength, _io.Length);
            if (problem != null)
                throw new EclipseFsException(0, "journal checkpoint", _unparsedCheckpointAt, problem);
            _unparsedCheckpoint = null;
        }

        /// <summary>
        /// Commits <paramref name="t"/>: writes its record (after a checkpoint into the other half
        /// when this one is full), flushes, then applies its in-place writes and frees. When this
        /// returns the operation is durable.
        /// </summary>
        public void Commit(JournalTransaction t)
        {
            ulong need = Align((ulong)(JournalLayout.RecordHeaderLength + t.Length));
            if (need + Align((ulong)(JournalLayout.RecordHeaderLength + SpaceMap.SerializedLength(FreeSpace.Count + PendingFree.Count + 2))) > _halfSize)
                throw new EclipseFsException(0, "journal", _logOffset, "one operation needs " + need + " bytes of log, more than the " + _halfSize + "-byte log half holds");
            // The first record after a mount goes after a new checkpoint, never after the replayed
            // ones: the replay stops at the first record that is not whole, and when that was
            // damage rather than the end, valid records with the following numbers lie beyond it.
            if (_afterReplay || _position + need > HalfStart(_half) + _halfSize)
                Checkpoint(t);
            _sequence++;
            WriteRecord(_position, JournalLayout.KindTransaction, _sequence, t.Body, t.Length);
            _io.Flush();
            _position += need;
            Apply(t.Body, 0, t.Length, false);
        }

        /// <summary>
        /// Makes the in-place state durable (flush), moves freed space into the free map and
        /// writes that map as a checkpoint at the start of the other half, then flushes. After it
        /// no transaction before it is ever replayed, so freed space may be reused.
        /// <paramref name="inFlight"/> is an operation not yet committed: the space it took is
        /// still free as far as the disk knows, so the checkpoint lists it as free (its own
        /// ALLOCATE records take it when it commits or is replayed).
        /// </summary>
        public void Checkpoint(JournalTransaction? inFlight)
        {
            _io.Flush();
            for (int i = 0; i < PendingFree.Count; i++)
                if (!FreeSpace.Add(PendingFree.StartAt(i), PendingFree.LengthAt(i)))
                    throw new EclipseFsException(0, "free space", PendingFree.StartAt(i), "extent of " + PendingFree.LengthAt(i) + " bytes freed twice");
            PendingFree.Clear();
            _half = 1 - _half;
            if (inFlight != null)
                ForEachAllocation(inFlight, true);
            byte[] map = FreeSpace.Serialize();
            if (inFlight != null)
                ForEachAllocation(inFlight, false);
            WriteCheckpoint(map);
        }

        /// <summary>
        /// fsck's repair: makes <paramref name="free"/> (the complement of what the structure uses)
        /// the whole free space and writes it as a checkpoint into the other half, as
        /// <see cref="Checkpoint"/> does. No operation may be in flight. Its sequence number is
        /// above <paramref name="highestInLog"/>, the highest of any record header in the log: after
        /// a replay that stopped early (damage), records with higher numbers are still there, and
        /// one that came to follow the new checkpoint with the next number would be replayed.
        /// </summary>
        internal void CheckpointWith(SpaceMap free, ulong highestInLog)
        {
            if (_sequence < highestInLog)
                _sequence = highestInLog;
            _afterReplay = false;
            _io.Flush();
            // The map replaced here is never parsed.
            _unparsedCheckpoint = null;
            _freeSpace.Clear();
            PendingFree.Clear();
            for (int i = 0; i < free.Count; i++)
                FreeSpace.Add(free.StartAt(i), free.LengthAt(i));
            _half = 1 - _half;
            WriteCheckpoint(FreeSpace.Serialize());
        }

        /// <summary>Gives back (<paramref name="giveBack"/>) or takes again the extents <paramref name="t"/> allocates.</summary>
        private void ForEachAllocation(JournalTransaction t, bool giveBack)
        {
            byte[] body = t.Body;
            int at = 0;
            while (at < t.Length)
            {
                byte op = body[at++];
                if (op == JournalLayout.OpRedo)
                    at += 12 + (int)LittleEndian.U32(body, at + 8);
                else if (op == JournalLayout.OpCopy)
                    at += 24;
                else if (op == JournalLayout.OpWritten)
                    at += 20;
                else
                {
                    if (op == JournalLayout.OpAllocate)
                    {
                        ulong start = LittleEndian.U64(body, at), length = LittleEndian.U64(body, at + 8);
                        if (giveBack) FreeSpace.Add(start, length); else FreeSpace.Take(start, length);
                    }
                    at += 16;
                }
            }
        }

        private void WriteCheckpoint(byte[] map)
        {
            if ((ulong)(JournalLayout.RecordHeaderLength + map.Length) > _halfSize)
                throw new EclipseFsException(0, "free space", EclipseFsException.NoOffset,
                    "split into " + FreeSpace.Count + " extents, more than a " + _halfSize + "-byte log checkpoint holds");
            // After a replay, the checkpoint's number passes every record the half it leaves could
            // hold (consecutive numbers from that half's checkpoint), so none of them can ever
            // follow the new checkpoint as its next record.
            _sequence += _afterReplay ? _halfSize / (ulong)_blockSize + 1 : 1;
            _afterReplay = false;
            ulong start = HalfStart(_half);
            WriteRecord(start, JournalLayout.KindCheckpoint, _sequence, map, map.Length);
            _io.Flush();
            _position = start + Align((ulong)(JournalLayout.RecordHeaderLength + map.Length));
            CheckpointsWritten++;
        }

        private void Apply(byte[] body, int at, int end, bool replaying)
        {
            while (at < end)
            {
                byte op = body[at++];
                if (op == JournalLayout.OpRedo)
                {
                    ulong target = LittleEndian.U64(body, at);
                    int count = (int)LittleEndian.U32(body, at + 8);
                    at += 12;
                    _io.Write(target, body, at, count);
                    at += count;
                }
                else if (op == JournalLayout.OpCopy)
                {
                    CopyBlob(LittleEndian.U64(body, at), LittleEndian.U64(body, at + 8), LittleEndian.U32(body, at + 16), LittleEndian.U32(body, at + 20));
                    at += 24;
                }
                else if (op == JournalLayout.OpWritten)
                    at += 20;
                else if (op == JournalLayout.OpAllocate || op == JournalLayout.OpFree)
                {
                    ulong start = LittleEndian.U64(body, at);
                    ulong length = LittleEndian.U64(body, at + 8);
                    at += 16;
                    if (op == JournalLayout.OpFree)
                    {
                        if (!PendingFree.Add(start, length))
                            throw new EclipseFsException(0, "free space", start, "extent of " + length + " bytes freed twice");
                    }
                    else if (replaying && !FreeSpace.Take(start, length))
                        throw new EclipseFsException(0, "free space", start, "log transaction " + (_sequence + 1) + " allocates " + length + " bytes that the checkpoint does not list as free");
                }
                else
                    throw new EclipseFsException(0, "journal", EclipseFsException.NoOffset, "unknown log operation " + op + " in transaction " + (_sequence + 1));
            }
        }

        /// <summary>Whether every range the WRITTEN operations of a transaction name holds the bytes whose CRC they give.</summary>
        private bool WrittenBytesLanded(byte[] body, int at, int end)
        {
            while (at < end)
            {
                byte op = body[at++];
                if (op == JournalLayout.OpRedo)
                    at += 12 + (int)LittleEndian.U32(body, at + 8);
                else if (op == JournalLayout.OpCopy)
                    at += 24;
                else if (op == JournalLayout.OpWritten)
                {
                    ulong start = LittleEndian.U64(body, at), length = LittleEndian.U64(body, at + 8);
                    uint crc = LittleEndian.U32(body, at + 16);
                    at += 20;
                    if (!_io.Contains(start, length) || _io.Crc(_crc, 0, start, length) != crc)
                        return false;
                }
                else
                    at += 16;
            }
            return true;
        }

        /// <summary>Copies a blob in 1 MiB pieces, checking its CRC first: a replay must never spread damaged bytes.</summary>
        private void CopyBlob(ulong target, ulong source, uint length, uint crc)
        {
            const int Piece = 1024 * 1024;
            var buffer = new byte[length < Piece ? (int)length : Piece];
            uint state = 0;
            ulong done = 0;
            while (done < length)
            {
                int n = length - done < (ulong)buffer.Length ? (int)(length - done) : buffer.Length;
                _io.Read(source + done, buffer, 0, n);
                state = _crc.Append(state, buffer, 0, n);
                done += (ulong)n;
            }
            if (state != crc)
                throw new EclipseFsException(0, "journal", source, "blob of " + length + " bytes for " + target + " has CRC-32C 0x" + Hex.Upper(state, 8) + ", the log says 0x" + Hex.Upper(crc, 8));
            done = 0;
            while (done < length)
            {
                int n = length - done < (ulong)buffer.Length ? (int)(length - done) : buffer.Length;
                _io.Read(source + done, buffer, 0, n);
                _io.Write(target + done, buffer, 0, n);
                done += (ulong)n;
            }
        }

        /// <summary>The sequence number in the header of the checkpoint starting <paramref name="half"/>, or 0 when no checkpoint header is there (its body is not checked).</summary>
        private ulong CheckpointHeaderSequence(int half)
        {
            _io.Read(HalfStart(half), _scratch, 0, JournalLayout.RecordHeaderLength);
            if (LittleEndian.U32(_scratch, 0) != JournalLayout.RecordMagic || LittleEndian.U32(_scratch, JournalLayout.RecordKindField) != JournalLayout.KindCheckpoint
                || LittleEndian.U64(_scratch, JournalLayout.RecordVolumeIdField) != _volumeId)
                return 0;
            return LittleEndian.U64(_scratch, JournalLayout.RecordSequenceField);
        }

        /// <summary>
        /// Reads the record at <paramref name="at"/> into the scratch buffer; returns its length,
        /// or 0 when it is not a whole, valid record of this log of the given kind (and sequence,
        /// when not 0) — the end of the log.
        /// </summary>
        private int ReadRecord(ulong at, uint kind, ulong sequence) => ReadRecord(at, kind, sequence, ref _scratch);

        /// <summary>As <see cref="ReadRecord(ulong, uint, ulong)"/>, into <paramref name="buffer"/> (replaced by a larger one when needed).</summary>
        private int ReadRecord(ulong at, uint kind, ulong sequence, ref byte[] buffer)
        {
            ulong halfEnd = HalfStart(at >= HalfStart(1) ? 1 : 0) + _halfSize;
            if (at + JournalLayout.RecordHeaderLength > halfEnd)
                return 0;
            _io.Read(at, buffer, 0, JournalLayout.RecordHeaderLength);
            if (LittleEndian.U32(buffer, 0) != JournalLayout.RecordMagic || LittleEndian.U32(buffer, JournalLayout.RecordKindField) != kind
                || LittleEndian.U64(buffer, JournalLayout.RecordVolumeIdField) != _volumeId)
                return 0;
            if (sequence != 0 && LittleEndian.U64(buffer, JournalLayout.RecordSequenceField) != sequence)
                return 0;
            uint length = LittleEndian.U32(buffer, JournalLayout.RecordLengthField);
            if (length < JournalLayout.RecordHeaderLength || length > halfEnd - at)
                return 0;
            if (buffer.Length < (int)length)
            {
                var bigger = new byte[length];
                System.Array.Copy(buffer, bigger, JournalLayout.RecordHeaderLength);
                buffer = bigger;
            }
            _io.Read(at + JournalLayout.RecordHeaderLength, buffer, JournalLayout.RecordHeaderLength, (int)length - JournalLayout.RecordHeaderLength);
            uint stored = LittleEndian.U32(buffer, JournalLayout.RecordCrcField);
            LittleEndian.Put32(buffer, JournalLayout.RecordCrcField, 0);
            uint computed = _crc.Append(0, buffer, 0, (int)length);
            LittleEndian.Put32(buffer, JournalLayout.RecordCrcField, stored);
            return computed == stored ? (int)length : 0;
        }

        private void WriteRecord(ulong at, uint kind, ulong sequence, byte[] body, int bodyLength)
        {
            int length = JournalLayout.RecordHeaderLength + bodyLength;
            var record = new byte[(int)Align((ulong)length)];
            LittleEndian.Put32(record, 0, JournalLayout.RecordMagic);
            LittleEndian.Put32(record, JournalLayout.RecordKindField, kind);
            LittleEndian.Put64(record, JournalLayout.RecordSequenceField, sequence);
            LittleEndian.Put64(record, JournalLayout.RecordVolumeIdField, _volumeId);
            LittleEndian.Put32(record, JournalLayout.RecordLengthField, (uint)length);
            System.Array.Copy(body, 0, record, JournalLayout.RecordHeaderLength, bodyLength);
            LittleEndian.Put32(record, JournalLayout.RecordCrcField, _crc.Append(0, record, 0, length));
            _io.Write(at, record, 0, record.Length);
        }

        private ulong HalfStart(int half) => _logOffset + (ulong)half * _halfSize;

        private ulong Align(ulong n) => (n + (ulong)_blockSize - 1) / (ulong)_blockSize * (ulong)_blockSize;
    }
}
