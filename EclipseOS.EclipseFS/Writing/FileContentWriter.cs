using System;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Vfs;

namespace EclipseOS.EclipseFS.Writing
{
    /// <summary>
    /// Writes file bytes and file attributes (§12.8). A file is one contiguous CONTENT range
    /// covered by one CRC, so:
    /// <list type="bullet">
    /// <item>appending (or growing) a file whose record is followed by free space extends the
    /// record in place: the new bytes go straight into that space, and only the record's head
    /// (117 bytes) and the old CRC tail, which the new bytes overwrite, go through the log. The
    /// CRC is extended, not recomputed, so a sequential write costs about its own bytes;</item>
    /// <item>any other change (overwriting inside, shrinking, no room behind) writes the whole new
    /// record copy-on-write into free space — the old bytes stay valid until the commit;</item>
    /// <item>attributes of a record in this project's layout change in place (head and tail through the log).</item>
    /// </list>
    /// </summary>
    internal sealed class FileContentWriter
    {
        /// <summary>Largest content: record_size is a u32 (§4).</summary>
        public static readonly ulong MaxContentLength = 0xFFFF_FFFFUL - RecordEncoder.RecordSize(NodeType.File, 1) + 1;
        /// <summary>Files at least this long are placed where they can grow.</summary>
        private const ulong RoomyFileBytes = 4096;
        private const int Piece = 1024 * 1024;

        private readonly VolumeWriter _w;
        private byte[]? _buffer;

        public FileContentWriter(VolumeWriter writer)
        {
            _w = writer;
        }

        /// <summary>Writes <paramref name="count"/> bytes at <paramref name="position"/>, zero-filling a gap after the end.</summary>
        public void Write(uint inode, ulong position, byte[] data, int offset, int count)
        {
            EclipseFsNode node = FileNode(inode);
            if (count == 0)
                return;
            ulong end = position + (ulong)count;
            ulong newSize = end > node.ContentLength ? end : node.ContentLength;
            Change(node, position, data, offset, count, newSize);
        }

        /// <summary>Cuts or zero-extends the file to <paramref name="length"/> bytes.</summary>
        public void Truncate(uint inode, ulong length)
        {
            EclipseFsNode node = FileNode(inode);
            Change(node, length, null, 0, 0, length);
        }

        /// <summary>Changes attributes: in place for records in this layout, copy-on-write otherwise.</summary>
        public void SetAttributes(EclipseFsNode node, NodeMetadata m, NamespaceOperations names)
        {
            if (node.Type == NodeType.Directory || !RecordEncoder.IsOwnLayout(node))
            {
                names.Rewrite(node, m);
                return;
            }
            VolumeChange c = _w.Begin();
            try
            {
                byte[] head = RecordEncoder.Head(m, node.ContentLength);
                byte[] tail = RecordEncoder.ContentTail(_w.Crc, head, node.ContentCrc);
                c.Transaction.Redo(node.RecordOffset, head, 0, head.Length);
                c.Transaction.Redo(node.RecordOffset + (ulong)head.Length + node.ContentLength, tail, 0, tail.Length);
                c.Touched.Add(node.Inode);
                _w.Commit(c);
            }
            catch (Exception e)
            {
                _w.Abandon(c, e);
                throw;
            }
        }

        private EclipseFsNode FileNode(uint inode)
        {
            EclipseFsNode node = _w.Volume.GetNode(inode);
            if (node.Type == NodeType.Directory)
                throw new VfsException("inode " + inode, "is a directory");
            if (node.Type != NodeType.File)
                throw new VfsException("inode " + inode, "not a regular file");
            return node;
        }

        /// <summary>
        /// Makes the content <paramref name="newSize"/> bytes where byte k is data[k − position]
        /// for k in [position, position + count), else the old byte when k is below the old size,
        /// else 0 — one formula for write, grow and shrink.
        /// </summary>
        private void Change(EclipseFsNode node, ulong position, byte[]? data, int offset, int count, ulong newSize)
        {
            if (newSize > MaxContentLength)
                throw new VfsException("inode " + node.Inode, "file too large: " + newSize + " bytes, EclipseFS records hold at most " + MaxContentLength);
            VolumeChange c = _w.Begin();
            try
            {
                bool appending = position >= node.ContentLength && newSize >= node.ContentLength;
                if (!(appending && RecordEncoder.IsOwnLayout(node) && ExtendInPlace(c, node, position, data, offset, count, newSize)))
                    CopyOnWrite(c, node, position, data, offset, count, newSize);
                _w.Commit(c);
            }
            catch (Exception e)
            {
                _w.Abandon(c, e);
                throw;
            }
        }

        private bool ExtendInPlace(VolumeChange c, EclipseFsNode node, ulong position, byte[]? data, int offset, int count, ulong newSize)
        {
            ulong oldSize = node.ContentLength;
            ulong start = node.RecordOffset;
            ulong oldRecord = node.RecordSize;
            ulong grow = RecordEncoder.RecordSize(NodeType.File, newSize) - oldRecord;
            if (grow > 0 && !_w.TryTake(c, start + oldRecord, grow))
                return false;
            NodeMetadata m = NodeMetadata.Of(node);
            m.Mtime = m.Ctime = _w.Now;
            byte[] head = RecordEncoder.Head(m, newSize);
            uint crc = node.ContentCrc;
            ulong at = (ulong)RecordEncoder.PayloadStart(newSize) + oldSize;
            // The gap and the data; bytes that land inside the old record (its CRC tail) go
            // through the log, the rest straight into the space just taken.
            at = EmitZeros(c, start, at, position - oldSize, oldRecord, ref crc);
            if (count > 0)
            {
                Emit(c, start, at, data!, offset, count, oldRecord);
                crc = _w.Crc.Append(crc, data!, offset, count);
                at += (ulong)count;
            }
            byte[] tail = RecordEncoder.ContentTail(_w.Crc, head, crc);
            Emit(c, start, at, tail, 0, tail.Length, oldRecord);
            c.Transaction.Redo(start, head, 0, head.Length);
            c.Touched.Add(node.Inode);
            return true;
        }

        private ulong EmitZeros(VolumeChange c, ulong start, ulong at, ulong length, ulong oldRecord, ref uint crc)
        {
            if (length == 0)
                return at;
            byte[] zeros = Buffer(length);
            System.Array.Clear(zeros, 0, zeros.Length);
            while (length > 0)
            {
                int n = length < (ulong)zeros.Length ? (int)length : zeros.Length;
                Emit(c, start, at, zeros, 0, n, oldRecord);
                crc = _w.Crc.Append(crc, zeros, 0, n);
                at += (ulong)n;
                length -= (ulong)n;
            }
            return at;
        }

        /// <summary>Places record bytes [<paramref name="at"/>, +count): below <paramref name="oldRecord"/> through the log, above it directly.</summary>
        private void Emit(VolumeChange c, ulong start, ulong at, byte[] bytes, int offset, int count, ulong oldRecord)
        {
            if (at < oldRecord)
            {
                int logged = oldRecord - at < (ulong)count ? (int)(oldRecord - at) : count;
                c.Transaction.Redo(start + at, bytes, offset, logged);
                at += (ulong)logged;
                offset += logged;
                count -= logged;
            }
            if (count > 0)
                _w.WriteData(c, start + at, bytes, offset, count);
        }

        private void CopyOnWrite(VolumeChange c, EclipseFsNode node, ulong position, byte[]? data, int offset, int count, ulong newSize)
        {
            // Old bytes that survive are checked before they are copied under a fresh CRC.
            ulong end = position + (ulong)count;
            bool keepsOldBytes = newSize > 0 && (position > 0 || (end < newSize && end < node.ContentLength));
            if (keepsOldBytes && node.HasContentCrc && node.ContentLength > 0)
                _w.Volume.VerifyContent(node.Inode);
            NodeMetadata m = NodeMetadata.Of(node);
            m.Mtime = m.Ctime = _w.Now;
            byte[] head = RecordEncoder.Head(m, newSize);
            ulong size = RecordEncoder.RecordSize(NodeType.File, newSize);
            ulong slot = _w.Allocate(c, size, newSize >= RoomyFileBytes);
            _w.WriteData(c, slot, head, 0, head.Length);
            ulong dst = slot + (ulong)head.Length;
            uint crc = 0;
            ulong before = position < newSize ? position : newSize;
            crc = CopyOld(c, node, 0, before, dst, crc);
            if (count > 0)
            {
                _w.WriteData(c, dst + position, data!, offset, count);
                crc = _w.Crc.Append(crc, data!, offset, count);
            }
            if (end < newSize)
                crc = CopyOld(c, node, end, newSize, dst, crc);
            byte[] tail = RecordEncoder.ContentTail(_w.Crc, head, crc);
            _w.WriteData(c, dst + newSize, tail, 0, tail.Length);
            _w.PointTableEntry(c, node.Inode, slot, node);
        }

        /// <summary>Copies content bytes [from, to) of the old record to the new one (zeros past the old end); returns the CRC so far.</summary>
        private uint CopyOld(VolumeChange c, EclipseFsNode node, ulong from, ulong to, ulong dst, uint crc)
        {
            if (to <= from)
                return crc;
            byte[] buffer = Buffer(to - from);
            ulong k = from;
            while (k < to)
            {
                int n = to - k < (ulong)buffer.Length ? (int)(to - k) : buffer.Length;
                int old = k >= node.ContentLength ? 0 : (node.ContentLength - k < (ulong)n ? (int)(node.ContentLength - k) : n);
                if (old > 0)
                    _w.Io.Read(node.ContentOffset + k, buffer, 0, old);
                System.Array.Clear(buffer, old, n - old);
                _w.WriteData(c, dst + k, buffer, 0, n);
                crc = _w.Crc.Append(crc, buffer, 0, n);
                k += (ulong)n;
            }
            return crc;
        }

        private byte[] Buffer(ulong wanted)
        {
            int size = wanted < Piece ? (int)wanted : Piece;
            if (_buffer == null || _buffer.Length < size)
                _buffer = new byte[size < 4096 ? 4096 : size];
            return _buffer;
        }
    }
}
