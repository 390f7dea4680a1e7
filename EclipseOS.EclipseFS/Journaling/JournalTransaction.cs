using EclipseOS.Storage;

namespace EclipseOS.EclipseFS.Journaling
{
    /// <summary>
    /// The changes of one operation, in the log's own encoding (§12.3): in-place writes (REDO,
    /// or COPY from a blob written ahead), space changes (ALLOCATE, FREE) and the CRCs of the
    /// bytes written into free space ahead of the record (WRITTEN). The same bytes are
    /// written to the log, applied after the commit, and applied again by replay after a crash,
    /// so there is one interpretation of a transaction, not two.
    /// </summary>
    public sealed class JournalTransaction
    {
        private byte[] _body = new byte[256];
        private int _length;

        /// <summary>Bytes of the encoded operations.</summary>
        public int Length => _length;

        /// <summary>The encoded operations (the first <see cref="Length"/> bytes).</summary>
        public byte[] Body => _body;

        /// <summary>Whether nothing was recorded.</summary>
        public bool IsEmpty => _length == 0;

        /// <summary>Records that <paramref name="count"/> bytes go to <paramref name="target"/> once the transaction commits.</summary>
        public void Redo(ulong target, byte[] data, int offset, int count)
        {
            Reserve(13 + count);
            _body[_length++] = JournalLayout.OpRedo;
            Put64(target);
            Put32((uint)count);
            System.Array.Copy(data, offset, _body, _length, count);
            _length += count;
        }

        /// <summary>Records that the blob at <paramref name="source"/> (CRC-32C <paramref name="crc"/>) is copied to <paramref name="target"/>.</summary>
        public void Copy(ulong target, ulong source, uint length, uint crc)
        {
            Reserve(25);
            _body[_length++] = JournalLayout.OpCopy;
            Put64(target);
            Put64(source);
            Put32(length);
            Put32(crc);
        }

        /// <summary>Records that an extent is now in use.</summary>
        public void Allocate(ulong start, ulong length) => Extent(JournalLayout.OpAllocate, start, length);

        /// <summary>Records that an extent is no longer in use.</summary>
        public void Free(ulong start, ulong length) => Extent(JournalLayout.OpFree, start, length);

        /// <summary>
        /// Records that the <paramref name="length"/> bytes at <paramref name="start"/>, written into
        /// free space before the record, have CRC-32C <paramref name="crc"/>: the record and those
        /// bytes reach the disk with one flush, and a replay checks them (§12.3).
        /// </summary>
        public void Written(ulong start, ulong length, uint crc)
        {
            Reserve(21);
            _body[_length++] = JournalLayout.OpWritten;
            Put64(start);
            Put64(length);
            Put32(crc);
        }

        private void Extent(byte op, ulong start, ulong length)
        {
            if (length == 0)
                return;
            Reserve(17);
            _body[_length++] = op;
            Put64(start);
            Put64(length);
        }

        private void Put64(ulong v)
        {
            LittleEndian.Put64(_body, _length, v);
            _length += 8;
        }

        private void Put32(uint v)
        {
            LittleEndian.Put32(_body, _length, v);
            _length += 4;
        }

        private void Reserve(int more)
        {
            if (_length + more <= _body.Length)
                return;
            int size = _body.Length * 2;
            while (size < _length + more)
                size *= 2;
            var grown = new byte[size];
            System.Array.Copy(_body, grown, _length);
            _body = grown;
        }
    }
}
