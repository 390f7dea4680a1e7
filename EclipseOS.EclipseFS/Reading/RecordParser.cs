using EclipseOS.Hal.Text;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Integrity;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS
{
    /// <summary>
    /// Parses one node record: inode-table entry (§2), record header and TLVs (§3), directory
    /// entry framing, and the RECORD_CRC32C check (§7). Every offset, length and count is
    /// checked against the record and the filesystem before use; problems go to a sink.
    /// </summary>
    internal sealed class RecordParser
    {
        private readonly ImageReader _reader;
        private readonly Superblock _sb;
        private readonly ICrc32C _crc;
        private readonly byte[] _small = new byte[8];

        public RecordParser(ImageReader reader, Superblock sb, ICrc32C crc)
        {
            _reader = reader;
            _sb = sb;
            _crc = crc;
        }

        /// <summary>Byte offset of inode <paramref name="inode"/>'s table entry.</summary>
        public ulong TableEntryOffset(uint inode) => _sb.InodeTableOffset + (ulong)(inode - 1) * EclipseFsLayout.InodeTableEntrySize;

        /// <summary>
        /// Parses inode <paramref name="inode"/> (1..total_inodes). Returns null when the record is
        /// too broken to describe; with a throwing sink it either returns a node or throws.
        /// </summary>
        public EclipseFsNode? Parse(uint inode, IProblemSink sink)
        {
            if (inode == 0 || inode > _sb.TotalInodes)
            {
                sink.Report(inode, "inode number", EclipseFsException.NoOffset, "outside 1.." + _sb.TotalInodes);
                return null;
            }
            ulong entry = TableEntryOffset(inode);
            uint tableInode = _reader.U32(entry);
            uint relative = _reader.U32(entry + 4);
            if (tableInode != inode)
                sink.Report(inode, "inode table entry " + inode + " inode", entry, "says inode " + tableInode + "; entry i-1 must belong to inode i");
            ulong record = _sb.RecordAreaOffset + relative;
            if (!_reader.Contains(record, EclipseFsLayout.RecordHeaderSize))
            {
                sink.Report(inode, "inode table entry " + inode + " relative_offset", entry + 4,
                    "record at byte " + record + " lies past the end of the filesystem (" + _reader.Length + " bytes)");
                return null;
            }
            uint recordInode = _reader.U32(record);
            uint recordSize = _reader.U32(record + 4);
            if (recordInode != inode)
                sink.Report(inode, "record.inode", record, "record says inode " + recordInode);
            if (recordSize < EclipseFsLayout.RecordHeaderSize)
            {
                sink.Report(inode, "record.record_size", record + 4, recordSize + " is smaller than the 8-byte record header");
                return null;
            }
            if (!_reader.Contains(record, recordSize))
            {
                sink.Report(inode, "record.record_size", record + 4, "record of " + recordSize + " bytes at byte " + record +
                    " runs past the end of the filesystem (" + _reader.Length + " bytes)");
                return null;
            }

            var node = new EclipseFsNode { Inode = inode, RecordOffset = record, RecordSize = recordSize };
            bool haveType = false, haveSize = false, haveContent = false, haveEntries = false, haveRecordCrc = false;
            uint seen = 0; // bit per known tag, to find duplicates
            uint storedRecordCrc = 0;
            ulong recordCrcTlv = 0;
            ulong end = record + recordSize;
            ulong pos = record + EclipseFsLayout.RecordHeaderSize;
            while (pos < end)
            {
                if (end - pos < EclipseFsLayout.TlvHeaderSize)
                {
                    sink.Report(inode, "TLV header", pos, "only " + (end - pos) + " bytes left in the record; a TLV header needs 6");
                    return null;
                }
                ushort tag = _reader.U16(pos);
                uint length = _reader.U32(pos + 2);
                ulong value = pos + EclipseFsLayout.TlvHeaderSize;
                if (length > end - value)
                {
                    sink.Report(inode, TlvTag.Name(tag) + " length", pos + 2, "length " + length + " runs past the record's end (" + (end - value) + " bytes left)");
                    return null;
                }
                pos = value + length;
                if (!TlvTag.IsKnown(tag))
                {
                    node.UnknownTagCount++;
                    continue;
                }
                uint bit = 1u << (tag < 32 ? tag : (tag - TlvTag.RecordCrc32C + 16));
                if ((seen & bit) != 0)
                {
                    sink.Report(inode, TlvTag.Name(tag), pos - length - EclipseFsLayout.TlvHeaderSize, "appears more than once in the record");
                    continue;
                }
                seen |= bit;
                int fixedLength = TlvTag.FixedLength(tag);
                if (fixedLength >= 0 && length != (uint)fixedLength)
                {
                    sink.Report(inode, TlvTag.Name(tag) + " length", value - 4, "is " + length + "; " + TlvTag.Name(tag) + " must be " + fixedLength + " bytes");
                    continue;
                }
                if (fixedLength > 0)
                    _reader.Read(value, _small, 0, fixedLength);
                switch (tag)
                {
                    case TlvTag.NodeType:
                        byte t = _small[0];
                        if (t < 1 || t > 3)
                        {
                            sink.Report(inode, "NODE_TYPE", value, "value " + t + " is not 1 (file), 2 (directory) or 3 (symlink)");
                            return null;
                        }
                        node.Type = (NodeType)t;
                        haveType = true;
                        break;
                    case TlvTag.Mode: node.Mode = LittleEndian.U32(_small, 0); break;
                    case TlvTag.Uid: node.Uid = LittleEndian.U32(_small, 0); break;
                    case TlvTag.Gid: node.Gid = LittleEndian.U32(_small, 0); break;
                    case TlvTag.Size: node.Size = LittleEndian.U64(_small, 0); haveSize = true; break;
                    case TlvTag.Atime: node.Atime = LittleEndian.U64(_small, 0); break;
                    case TlvTag.Mtime: node.Mtime = LittleEndian.U64(_small, 0); break;
                    case TlvTag.Ctime: node.Ctime = LittleEndian.U64(_small, 0); break;
                    case TlvTag.Nlink: node.Nlink = LittleEndian.U32(_small, 0); break;
                    case TlvTag.Content:
                        node.ContentOffset = value;
                        node.ContentLength = length;
                        haveContent = true;
                        break;
                    case TlvTag.DirectoryEntries:
                        node.EntriesOffset = value;
                        haveEntries = true;
                        if (length > int.MaxValue)
                        {
                            sink.Report(inode, "DIRECTORY_ENTRIES length", value - 4, length + " bytes of entries are more than this reader loads");
                            return null;
                        }
                        var entries = new byte[length];
                        _reader.Read(value, entries, 0, (int)length);
                        node.Entries = entries;
                        break;
                    case TlvTag.RecordCrc32C:
                        storedRecordCrc = LittleEndian.U32(_small, 0);
                        recordCrcTlv = value - EclipseFsLayout.TlvHeaderSize;
                        haveRecordCrc = true;
                        break;
                    case TlvTag.ContentCrc32C:
                        node.ContentCrc = LittleEndian.U32(_small, 0);
                        node.HasContentCrc = true;
                        break;
                }
            }

            if (!haveType)
            {
                sink.Report(inode, "NODE_TYPE", record, "missing from the record");
                return null;
            }
            if (haveRecordCrc)
            {
                node.HasRecordCrc = true;
                uint computed = RecordCrc(node, recordCrcTlv, haveContent);
                if (computed != storedRecordCrc)
                    sink.Report(inode, "RECORD_CRC32C", recordCrcTlv + EclipseFsLayout.TlvHeaderSize,
                        "stored 0x" + Hex.Upper(storedRecordCrc, 8) + " but the record's CRC-32C is 0x" + Hex.Upper(computed, 8));
            }
            if (node.Type == NodeType.Directory)
            {
                if (haveContent)
                    sink.Report(inode, "CONTENT", node.ContentOffset - EclipseFsLayout.TlvHeaderSize, "a directory has no CONTENT");
                if (haveSize && node.Size != 0)
                    sink.Report(inode, "SIZE", record, "is " + node.Size + "; a directory's SIZE is 0");
                if (node.HasContentCrc)
                    sink.Report(inode, "CONTENT_CRC32C", record, "a directory has no content to check");
                if (node.Entries != null && !CheckEntries(node, sink))
                    return null;
                node.ContentLength = 0;
                node.Size = 0;
            }
            else
            {
                if (haveEntries)
                {
                    sink.Report(inode, "DIRECTORY_ENTRIES", node.EntriesOffset - EclipseFsLayout.TlvHeaderSize,
                        "a " + (node.Type == NodeType.File ? "file" : "symlink") + " has no directory entries");
                    node.Entries = null;
                }
                if (haveSize && node.Size != node.ContentLength)
                    sink.Report(inode, "SIZE", record, "says " + node.Size + " bytes but CONTENT holds " + node.ContentLength);
                node.Size = node.ContentLength;
            }
            return node;
        }

        /// <summary>Checks every entry's framing, child inode and name; counts them.</summary>
        private bool CheckEntries(EclipseFsNode node, IProblemSink sink)
        {
            byte[] e = node.Entries!;
            int p = 0;
            int index = 0;
            bool ok = true;
            while (p < e.Length)
            {
                ulong at = node.EntriesOffset + (ulong)p;
                if (e.Length - p < EclipseFsLayout.DirectoryEntryHeaderSize)
                {
                    sink.Report(node.Inode, "entry " + index + " header", at, "only " + (e.Length - p) + " bytes left; an entry header needs 8");
                    return false;
                }
                uint nameLength = LittleEndian.U32(e, p);
                uint child = LittleEndian.U32(e, p + 4);
                int name = p + EclipseFsLayout.DirectoryEntryHeaderSize;
                if (nameLength > (uint)(e.Length - name))
                {
                    sink.Report(node.Inode, "entry " + index + " name_length", at, nameLength + " runs past the end of DIRECTORY_ENTRIES (" + (e.Length - name) + " bytes left)");
                    return false;
                }
                if (child == 0 || child > _sb.TotalInodes)
                {
                    sink.Report(node.Inode, "entry " + index + " child_inode", at + 4, "inode " + child + " does not exist (1.." + _sb.TotalInodes + ")");
                    ok = false;
                }
                string? problem = Utf8Name.Problem(e, name, (int)nameLength);
                if (problem == null && Utf8Name.Decode(e, name, (int)nameLength) == null)
                    problem = "is not valid UTF-8";
                if (problem != null)
                {
                    sink.Report(node.Inode, "entry " + index + " name", at + 8, "name " + problem);
                    ok = false;
                }
                p = name + (int)nameLength;
                index++;
            }
            node.EntryCount = index;
            return ok;
        }

        /// <summary>
        /// CRC-32C over the record with the CONTENT payload and the whole RECORD_CRC32C TLV left
        /// out (§7): content has its own CRC, and the record CRC cannot cover itself.
        /// </summary>
        private uint RecordCrc(EclipseFsNode node, ulong crcTlv, bool haveContent)
        {
            ulong start = node.RecordOffset;
            ulong end = start + node.RecordSize;
            ulong crcEnd = crcTlv + EclipseFsLayout.TlvHeaderSize + 4;
            ulong skip1 = crcTlv, skip1End = crcEnd;
            ulong skip2 = end, skip2End = end;
            if (haveContent && node.ContentLength > 0)
            {
                if (node.ContentOffset < crcTlv)
                {
                    skip2 = skip1; skip2End = skip1End;
                    skip1 = node.ContentOffset; skip1End = node.ContentOffset + node.ContentLength;
                }
                else
                {
                    skip2 = node.ContentOffset; skip2End = node.ContentOffset + node.ContentLength;
                }
            }
            uint crc = CrcRange(0, start, skip1);
            crc = CrcRange(crc, skip1End, skip2);
            return CrcRange(crc, skip2End, end);
        }

        private uint CrcRange(uint crc, ulong from, ulong to) => from < to ? _reader.Crc(_crc, crc, from, to - from) : crc;
    }
}
