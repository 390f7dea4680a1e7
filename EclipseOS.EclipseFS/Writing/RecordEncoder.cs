using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Integrity;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS.Writing
{
    /// <summary>
    /// Encodes node records in the layout this project writes (§3, §7, §12.5): the record
    /// header, tags 1–9 in the original writer's order (so file data starts at offset 117, as in
    /// the original), the payload TLV (CONTENT or DIRECTORY_ENTRIES, left out when empty), then
    /// CONTENT_CRC32C (files and symlinks) and RECORD_CRC32C last. Because the CRC tags follow
    /// the payload, a file's head (its first 117 bytes) and its 20-byte tail can be encoded
    /// without the content: appending to a file touches only those and the new bytes.
    /// </summary>
    public static class RecordEncoder
    {
        /// <summary>Bytes of the record header and tags 1–9: where the payload TLV starts.</summary>
        public const int FixedLength = EclipseFsLayout.RecordHeaderSize + 9 * EclipseFsLayout.TlvHeaderSize + 1 + 3 * 4 + 4 * 8 + 4;
        /// <summary>Where the payload starts when present (after its TLV header).</summary>
        public const int PayloadOffset = FixedLength + EclipseFsLayout.TlvHeaderSize;
        /// <summary>Bytes of one 4-byte-valued CRC TLV.</summary>
        public const int CrcTlvLength = EclipseFsLayout.TlvHeaderSize + 4;

        /// <summary>Bytes of the tail after the payload: CONTENT_CRC32C for files and symlinks, RECORD_CRC32C always.</summary>
        public static int TailLength(NodeType type) => type == NodeType.Directory ? CrcTlvLength : 2 * CrcTlvLength;

        /// <summary>record_size of a record of <paramref name="type"/> with <paramref name="payloadLength"/> payload bytes.</summary>
        public static ulong RecordSize(NodeType type, ulong payloadLength)
        {
            return (ulong)FixedLength + (payloadLength > 0 ? (ulong)EclipseFsLayout.TlvHeaderSize + payloadLength : 0) + (ulong)TailLength(type);
        }

        /// <summary>Where the payload starts in a record whose payload has <paramref name="payloadLength"/> bytes (the tail when empty).</summary>
        public static int PayloadStart(ulong payloadLength) => payloadLength > 0 ? PayloadOffset : FixedLength;

        /// <summary>
        /// The head of a record: record header, tags 1–9 and, when the payload is not empty, the
        /// payload's TLV header (<see cref="PayloadOffset"/> bytes, or <see cref="FixedLength"/>).
        /// </summary>
        public static byte[] Head(NodeMetadata m, ulong payloadLength)
        {
            var head = new byte[PayloadStart(payloadLength)];
            LittleEndian.Put32(head, 0, m.Inode);
            LittleEndian.Put32(head, 4, (uint)RecordSize(m.Type, payloadLength));
            int at = EclipseFsLayout.RecordHeaderSize;
            at = Tlv(head, at, TlvTag.NodeType, 1);
            head[at++] = (byte)m.Type;
            at = Put32Tlv(head, at, TlvTag.Mode, m.Mode);
            at = Put32Tlv(head, at, TlvTag.Uid, m.Uid);
            at = Put32Tlv(head, at, TlvTag.Gid, m.Gid);
            at = Put64Tlv(head, at, TlvTag.Size, m.Type == NodeType.Directory ? 0 : payloadLength);
            at = Put64Tlv(head, at, TlvTag.Atime, m.Atime);
            at = Put64Tlv(head, at, TlvTag.Mtime, m.Mtime);
            at = Put64Tlv(head, at, TlvTag.Ctime, m.Ctime);
            at = Put32Tlv(head, at, TlvTag.Nlink, m.Nlink);
            if (payloadLength > 0)
                Tlv(head, at, m.Type == NodeType.Directory ? TlvTag.DirectoryEntries : TlvTag.Content, (uint)payloadLength);
            return head;
        }

        /// <summary>
        /// The tail of a file or symlink record: CONTENT_CRC32C = <paramref name="contentCrc"/>, then
        /// RECORD_CRC32C over the head and that tag (the content is left out of the record CRC, §7).
        /// </summary>
        public static byte[] ContentTail(ICrc32C crc, byte[] head, uint contentCrc)
        {
            var tail = new byte[2 * CrcTlvLength];
            Put32Tlv(tail, 0, TlvTag.ContentCrc32C, contentCrc);
            uint recordCrc = crc.Append(crc.Append(0, head, 0, head.Length), tail, 0, CrcTlvLength);
            Put32Tlv(tail, CrcTlvLength, TlvTag.RecordCrc32C, recordCrc);
            return tail;
        }

        /// <summary>A whole record with its payload (directories, symlinks and small files).</summary>
        public static byte[] Record(ICrc32C crc, NodeMetadata m, byte[] payload, int payloadLength)
        {
            byte[] head = Head(m, (ulong)payloadLength);
            var record = new byte[(int)RecordSize(m.Type, (ulong)payloadLength)];
            System.Array.Copy(head, record, head.Length);
            System.Array.Copy(payload, 0, record, head.Length, payloadLength);
            int at = head.Length + payloadLength;
            if (m.Type == NodeType.Directory)
            {
                Put32Tlv(record, at, TlvTag.RecordCrc32C, crc.Append(0, record, 0, at));
                return record;
            }
            byte[] tail = ContentTail(crc, head, crc.Append(0, payload, 0, payloadLength));
            System.Array.Copy(tail, 0, record, at, tail.Length);
            return record;
        }

        /// <summary>
        /// Whether a parsed record is in exactly this layout (and so can be changed in place by
        /// rewriting its head and tail): the original writer's records are not, until rewritten once.
        /// </summary>
        public static bool IsOwnLayout(EclipseFsNode node)
        {
            if (!node.HasRecordCrc || node.UnknownTagCount != 0)
                return false;
            ulong payload = node.Type == NodeType.Directory ? (node.Entries != null ? (ulong)node.Entries.Length : 0) : node.ContentLength;
            if (node.RecordSize != RecordSize(node.Type, payload))
                return false;
            if (node.Type == NodeType.Directory)
                return payload == 0 || node.EntriesOffset == node.RecordOffset + PayloadOffset;
            return node.HasContentCrc && (payload == 0 || node.ContentOffset == node.RecordOffset + PayloadOffset);
        }

        private static int Tlv(byte[] b, int at, ushort tag, uint length)
        {
            LittleEndian.Put16(b, at, tag);
            LittleEndian.Put32(b, at + 2, length);
            return at + EclipseFsLayout.TlvHeaderSize;
        }

        private static int Put32Tlv(byte[] b, int at, ushort tag, uint value)
        {
            at = Tlv(b, at, tag, 4);
            LittleEndian.Put32(b, at, value);
            return at + 4;
        }

        private static int Put64Tlv(byte[] b, int at, ushort tag, ulong value)
        {
            at = Tlv(b, at, tag, 8);
            LittleEndian.Put64(b, at, value);
            return at + 8;
        }
    }

    /// <summary>The metadata of a node as the writer changes it (everything of a record but its payload).</summary>
    public sealed class NodeMetadata
    {
        /// <summary>The inode number.</summary>
        public uint Inode;
        /// <summary>File, directory or symlink.</summary>
        public NodeType Type;
        /// <summary>POSIX mode with type bits.</summary>
        public uint Mode;
        /// <summary>Owner.</summary>
        public uint Uid;
        /// <summary>Group.</summary>
        public uint Gid;
        /// <summary>Access time.</summary>
        public ulong Atime;
        /// <summary>Modification time.</summary>
        public ulong Mtime;
        /// <summary>Change time.</summary>
        public ulong Ctime;
        /// <summary>Link count.</summary>
        public uint Nlink;

        /// <summary>The metadata of a parsed record.</summary>
        public static NodeMetadata Of(EclipseFsNode n)
        {
            return new NodeMetadata { Inode = n.Inode, Type = n.Type, Mode = n.Mode, Uid = n.Uid, Gid = n.Gid, Atime = n.Atime, Mtime = n.Mtime, Ctime = n.Ctime, Nlink = n.Nlink };
        }
    }
}
