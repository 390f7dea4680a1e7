using EclipseOS.EclipseFS.Integrity;
using EclipseOS.EclipseFS.Journaling;
using EclipseOS.Hal.Text;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS.Fsck
{
    /// <summary>
    /// fsck's look at a volume's log (§12) before it is replayed: the anchor, the checkpoint at the
    /// start of each half, and the transactions after the newest checkpoint up to where the log
    /// ends. The replay itself is the <see cref="Journal"/>'s (one interpretation of the log);
    /// this tells apart what a crash leaves — a checkpoint or a last transaction torn while it was
    /// written, never committed — from damage: a record whose header is whole but whose body is
    /// not, followed by a committed record, or with a length no write could have left.
    /// </summary>
    internal sealed class LogInspection
    {
        private readonly ImageReader _io;
        private readonly ICrc32C _crc;
        private readonly IProblemSink _sink;
        private readonly FsckReport _report;
        private ulong _logOffset;
        private ulong _halfSize;
        private ulong _volumeId;
        private byte[] _buffer = new byte[JournalLayout.RecordHeaderLength];
        // What the last ReadRecord found in the header (also when the record is damaged).
        private uint _kind;
        private ulong _sequence;
        private uint _length;
        private string? _damage;

        private LogInspection(ImageReader io, ICrc32C crc, IProblemSink sink, FsckReport report)
        {
            _io = io;
            _crc = crc;
            _sink = sink;
            _report = report;
        }

        /// <summary>Whether the anchor has the journal's magic: the volume was written read-write.</summary>
        public bool Journaled { get; private set; }

        /// <summary>Whether the anchor is valid (the log can be found and replayed).</summary>
        public bool AnchorValid { get; private set; }

        /// <summary>Whether the log holds damage a fresh checkpoint would put behind it (a damaged checkpoint, a lost committed transaction).</summary>
        public bool Damaged { get; private set; }

        /// <summary>The highest sequence number in any record header of this log (whole or not): a new checkpoint must go above it.</summary>
        public ulong HighestSequence { get; private set; }

        /// <summary>
        /// Inspects the log of the volume <paramref name="io"/> reads (not replayed), reporting
        /// problems to <paramref name="sink"/> and harmless findings as notes of <paramref name="report"/>.
        /// </summary>
        public static LogInspection Inspect(ImageReader io, ICrc32C crc, IProblemSink sink, FsckReport report)
        {
            var log = new LogInspection(io, crc, sink, report);
            log.Run();
            return log;
        }

        private void Run()
        {
            var anchor = new byte[JournalLayout.AnchorLength];
            _io.Read(JournalLayout.AnchorOffset, anchor, 0, anchor.Length);
            bool magic = true;
            for (int i = 0; i < JournalLayout.AnchorMagic.Length; i++)
                magic &= anchor[i] == (byte)JournalLayout.AnchorMagic[i];
            Journaled = magic;
            try
            {
                if (Journal.Open(_io, _crc) == null)
                    return;
            }
            catch (EclipseFsException e)
            {
                _sink.Report(e.Inode, e.Field, e.Offset, e.Problem + (magic
                    ? " (the log cannot be found: it is neither replayed nor checked, and the structure is checked as it is on the device)"
                    : ""));
                return;
            }
            AnchorValid = true;
            _logOffset = LittleEndian.U64(anchor, JournalLayout.AnchorLogOffsetField);
            _halfSize = LittleEndian.U64(anchor, JournalLayout.AnchorHalfSizeField);
            _volumeId = LittleEndian.U64(anchor, JournalLayout.AnchorVolumeIdField);

            var valid = new bool[2];
            var sequence = new ulong[2];
            var damaged = new string?[2];
            var damagedLength = new uint[2];
            var tearable = new bool[2]; // whole header, damaged body: what a crash during the write leaves
            for (int h = 0; h < 2; h++)
            {
                uint n = ReadRecord(HalfStart(h));
                sequence[h] = _sequence;
                damagedLength[h] = _length;
                if (n > 0 && _kind == JournalLayout.KindCheckpoint)
                    valid[h] = true;
                else if (n > 0)
                    damaged[h] = "is a record of kind " + _kind + " where a checkpoint belongs";
                else if (_damage != null)
                {
                    damaged[h] = _damage;
                    tearable[h] = _kind == JournalLayout.KindCheckpoint && LengthFits(HalfStart(h), _length);
                }
            }
            // The replay starts from the newer valid checkpoint (Journal.Replay's rule).
            int newest = valid[1] && (!valid[0] || sequence[1] > sequence[0]) ? 1 : 0;
            for (int h = 0; h < 2; h++)
            {
                if (damaged[h] == null)
                    continue;
                int other = 1 - h;
                bool committed = Follows(HalfStart(h), damagedLength[h], sequence[h] + 1);
                if (tearable[h] && valid[other] && sequence[h] > sequence[other] && !committed)
                    _report.Notes.Add("journal: the checkpoint in log half " + h + " at byte " + HalfStart(h) + " (sequence " + sequence[h] + ") " + damaged[h]
                        + ": torn by a crash while it was written, never committed; the replay starts from the older checkpoint in half " + other);
                else
                {
                    Damaged = true;
                    _sink.Report(0, "journal checkpoint", HalfStart(h), "log half " + h + "'s checkpoint (sequence " + sequence[h] + ") " + damaged[h]
                        + (committed ? ", and committed transactions follow it: the replay cannot start from it and they are lost"
                            : valid[other] ? "; the replay uses half " + other + "'s checkpoint" : ""));
                }
            }
            if (valid[newest])
                WalkTransactions(newest, sequence[newest]);
            FindHighestSequence();
        }

        /// <summary>Reads the header at every block of the log (records start on block boundaries).</summary>
        private void FindHighestSequence()
        {
            uint block = (uint)_io.BlockSize;
            for (ulong at = _logOffset; at + JournalLayout.RecordHeaderLength <= _logOffset + 2 * _halfSize; at += block)
            {
                _io.Read(at, _buffer, 0, JournalLayout.RecordHeaderLength);
                if (LittleEndian.U32(_buffer, 0) != JournalLayout.RecordMagic || LittleEndian.U64(_buffer, JournalLayout.RecordVolumeIdField) != _volumeId)
                    continue;
                ulong sequence = LittleEndian.U64(_buffer, JournalLayout.RecordSequenceField);
                if (sequence > HighestSequence)
                    HighestSequence = sequence;
            }
        }

        /// <summary>Follows the transactions after the checkpoint of half <paramref name="half"/>, as the replay does, and judges the record that ends them.</summary>
        private void WalkTransactions(int half, ulong checkpointSequence)
        {
            ulong position = HalfStart(half) + Align(ReadRecord(HalfStart(half)));
            ulong expected = checkpointSequence + 1;
            while (true)
            {
                uint n = ReadRecord(position);
                if (n > 0 && _kind == JournalLayout.KindTransaction && _sequence == expected)
                {
                    position += Align(n);
                    expected++;
                    continue;
                }
                if (n != 0 || _damage == null || _kind != JournalLayout.KindTransaction || _sequence != expected)
                    return; // the end of the log: an older record, or space never written
                string damage = _damage;
                if (!LengthFits(position, _length))
                {
                    Damaged = true;
                    _sink.Report(0, "journal transaction", position, "transaction " + expected + " " + damage + ", which no torn write leaves: the replay stops before it");
                }
                else if (Follows(position, _length, expected + 1))
                {
                    Damaged = true;
                    _sink.Report(0, "journal transaction", position, "transaction " + expected + " " + damage
                        + ", and transaction " + (expected + 1) + " after it is whole: it was committed, and the replay stops before it (the operations from here on are lost)");
                }
                else
                    _report.Notes.Add("journal: the log ends with transaction " + expected + " at byte " + position + ", which " + damage
                        + ": an operation interrupted by a crash before its commit never happened (if it was committed and then damaged, the space check shows what it changed)");
                return;
            }
        }

        /// <summary>Whether a whole transaction of this log with sequence <paramref name="sequence"/> follows a record of <paramref name="length"/> bytes at <paramref name="at"/>.</summary>
        private bool Follows(ulong at, uint length, ulong sequence)
        {
            if (!LengthFits(at, length))
                return false;
            return ReadRecord(at + Align(length)) > 0 && _kind == JournalLayout.KindTransaction && _sequence == sequence;
        }

        /// <summary>
        /// Reads the record at <paramref name="at"/>: its length when it is a whole record of this
        /// log; 0 otherwise, with <c>_damage</c> saying what is wrong when its header is this log's
        /// (magic and volume id) — else it is not a record of this log at all (never written, or
        /// another volume's). The header's fields are kept either way.
        /// </summary>
        private uint ReadRecord(ulong at)
        {
            _damage = null;
            _kind = 0;
            _sequence = 0;
            _length = 0;
            ulong halfEnd = HalfEnd(at);
            if (at >= halfEnd || halfEnd - at < JournalLayout.RecordHeaderLength)
                return 0;
            _io.Read(at, _buffer, 0, JournalLayout.RecordHeaderLength);
            if (LittleEndian.U32(_buffer, 0) != JournalLayout.RecordMagic || LittleEndian.U64(_buffer, JournalLayout.RecordVolumeIdField) != _volumeId)
                return 0;
            _kind = LittleEndian.U32(_buffer, JournalLayout.RecordKindField);
            _sequence = LittleEndian.U64(_buffer, JournalLayout.RecordSequenceField);
            _length = LittleEndian.U32(_buffer, JournalLayout.RecordLengthField);
            if (!LengthFits(at, _length))
            {
                _damage = "has length " + _length + ", outside the " + JournalLayout.RecordHeaderLength + ".." + (halfEnd - at) + " bytes left in its log half";
                return 0;
            }
            if (_buffer.Length < (int)_length)
            {
                var bigger = new byte[_length];
                System.Array.Copy(_buffer, bigger, JournalLayout.RecordHeaderLength);
                _buffer = bigger;
            }
            _io.Read(at + JournalLayout.RecordHeaderLength, _buffer, JournalLayout.RecordHeaderLength, (int)_length - JournalLayout.RecordHeaderLength);
            uint stored = LittleEndian.U32(_buffer, JournalLayout.RecordCrcField);
            LittleEndian.Put32(_buffer, JournalLayout.RecordCrcField, 0);
            uint computed = _crc.Append(0, _buffer, 0, (int)_length);
            if (computed != stored)
            {
                _damage = "has CRC-32C 0x" + Hex.Upper(computed, 8) + " but stores 0x" + Hex.Upper(stored, 8);
                return 0;
            }
            return _length;
        }

        /// <summary>Whether a record of <paramref name="length"/> bytes at <paramref name="at"/> fits its log half.</summary>
        private bool LengthFits(ulong at, uint length) => length >= JournalLayout.RecordHeaderLength && length <= HalfEnd(at) - at;

        private ulong HalfStart(int half) => _logOffset + (ulong)half * _halfSize;

        private ulong HalfEnd(ulong at) => HalfStart(at >= HalfStart(1) ? 1 : 0) + _halfSize;

        private ulong Align(ulong n)
        {
            uint block = (uint)_io.BlockSize;
            return (n + block - 1) / block * block;
        }
    }
}
