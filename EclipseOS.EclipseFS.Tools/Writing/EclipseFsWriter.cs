using System;
using System.IO;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Tools.Hashing;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS.Tools.Writing
{
    /// <summary>
    /// The second pass of mkfs: streams an <see cref="ImagePlan"/> to a stream — header (all 65
    /// bytes, checksum and creation_time set), inode table, then each record with the file's
    /// bytes copied through a 1 MiB buffer, so memory does not grow with file sizes. Records
    /// carry tags 1–9 in the original order, then CONTENT or DIRECTORY_ENTRIES, then the
    /// CONTENT_CRC32C and RECORD_CRC32C tags (§7).
    /// </summary>
    public static class EclipseFsWriter
    {
        private const int CopyBuffer = 1024 * 1024;

        /// <summary>
        /// Writes the filesystem to <paramref name="output"/> from its current position;
        /// <paramref name="progress"/> (may be null) gets the content bytes written so far.
        /// Returns the bytes written (header to the end of the last record).
        /// </summary>
        public static ulong Write(ImagePlan plan, Stream output, Action<ulong>? progress)
        {
            var header = new byte[EclipseFsLayout.HeaderBlockSize];
            var sb = new Superblock
            {
                InodeTableOffset = EclipseFsLayout.HeaderBlockSize,
                InodeTableSize = (ulong)plan.Nodes.Count * EclipseFsLayout.InodeTableEntrySize,
                TotalInodes = (uint)plan.Nodes.Count,
                CreationTime = plan.CreationTime,
            };
            sb.WriteTo(header);
            output.Write(header, 0, header.Length);

            var table = new byte[64 * 1024];
            int used = 0;
            foreach (PlannedNode n in plan.Nodes)
            {
                LittleEndian.Put32(table, used, n.Inode);
                LittleEndian.Put32(table, used + 4, (uint)n.RelativeOffset);
                used += EclipseFsLayout.InodeTableEntrySize;
                if (used == table.Length)
                {
                    output.Write(table, 0, used);
                    used = 0;
                }
            }
            output.Write(table, 0, used);

            var buffer = new byte[CopyBuffer];
            var meta = new byte[4096];
            var crcTlv = new byte[ImagePlan.CrcTlvBytes];
            ulong written = 0;
            foreach (PlannedNode n in plan.Nodes)
            {
                ulong contentTlv = n.Type == NodeType.Directory ? (n.EntriesLength > 0 ? EclipseFsLayout.TlvHeaderSize + n.EntriesLength : 0)
                    : (n.ContentLength > 0 ? EclipseFsLayout.TlvHeaderSize : 0UL);
                ulong metaLength = (ulong)ImagePlan.FixedRecordBytes + contentTlv;
                if ((ulong)meta.Length < metaLength)
                    meta = new byte[metaLength];
                LittleEndian.Put32(meta, 0, n.Inode);
                LittleEndian.Put32(meta, 4, (uint)n.RecordSize);
                int p = EclipseFsLayout.RecordHeaderSize;
                p = Tlv8(meta, p, TlvTag.NodeType, (byte)n.Type);
                p = Tlv32(meta, p, TlvTag.Mode, n.Mode);
                p = Tlv32(meta, p, TlvTag.Uid, n.Uid);
                p = Tlv32(meta, p, TlvTag.Gid, n.Gid);
                p = Tlv64(meta, p, TlvTag.Size, n.Type == NodeType.Directory ? 0 : n.ContentLength);
                p = Tlv64(meta, p, TlvTag.Atime, n.Mtime);
                p = Tlv64(meta, p, TlvTag.Mtime, n.Mtime);
                p = Tlv64(meta, p, TlvTag.Ctime, n.Mtime);
                p = Tlv32(meta, p, TlvTag.Nlink, n.Type == NodeType.Directory ? 2u : 1u);
                if (n.Type == NodeType.Directory && n.EntriesLength > 0)
                {
                    LittleEndian.Put16(meta, p, TlvTag.DirectoryEntries);
                    LittleEndian.Put32(meta, p + 2, (uint)n.EntriesLength);
                    p += EclipseFsLayout.TlvHeaderSize;
                    foreach (PlannedNode c in n.Children)
                    {
                        LittleEndian.Put32(meta, p, (uint)c.Name.Length);
                        LittleEndian.Put32(meta, p + 4, c.Inode);
                        Buffer.BlockCopy(c.Name, 0, meta, p + 8, c.Name.Length);
                        p += EclipseFsLayout.DirectoryEntryHeaderSize + c.Name.Length;
                    }
                }
                else if (n.Type != NodeType.Directory && n.ContentLength > 0)
                {
                    LittleEndian.Put16(meta, p, TlvTag.Content);
                    LittleEndian.Put32(meta, p + 2, (uint)n.ContentLength);
                    p += EclipseFsLayout.TlvHeaderSize;
                }
                uint recordCrc = HardwareCrc32C.Instance.Append(0, meta, 0, p);
                output.Write(meta, 0, p);

                if (n.Type != NodeType.Directory)
                {
                    uint contentCrc = n.Type == NodeType.Symlink ? WriteBytes(output, n.LinkTarget!) : CopyFile(n, output, buffer, ref written, progress);
                    Tlv32(crcTlv, 0, TlvTag.ContentCrc32C, contentCrc);
                    recordCrc = HardwareCrc32C.Instance.Append(recordCrc, crcTlv, 0, crcTlv.Length);
                    output.Write(crcTlv, 0, crcTlv.Length);
                }
                Tlv32(crcTlv, 0, TlvTag.RecordCrc32C, recordCrc);
                output.Write(crcTlv, 0, crcTlv.Length);
            }
            return plan.RecordAreaOffset + plan.RecordAreaBytes;
        }

        private static uint WriteBytes(Stream output, byte[] data)
        {
            output.Write(data, 0, data.Length);
            return HardwareCrc32C.Instance.Append(0, data, 0, data.Length);
        }

        /// <summary>Copies a file's bytes, exactly as many as the plan promised (else the file changed under us).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private static uint CopyFile(PlannedNode n, Stream output, byte[] buffer, ref ulong written, Action<ulong>? progress)
        {
            uint crc = 0;
            ulong copied = 0;
            using (var input = new FileStream(n.SourcePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan))
            {
                while (copied < n.ContentLength)
                {
                    int want = (int)Math.Min((ulong)buffer.Length, n.ContentLength - copied);
                    int got = input.Read(buffer, 0, want);
                    if (got == 0)
                        throw new EclipseFsWriterException(n.SourcePath, "shrank while mkfs was reading it (" + copied + " of " + n.ContentLength + " bytes)");
                    crc = HardwareCrc32C.Instance.Append(crc, buffer, 0, got);
                    output.Write(buffer, 0, got);
                    copied += (ulong)got;
                    written += (ulong)got;
                    progress?.Invoke(written);
                }
                if (input.Read(buffer, 0, 1) != 0)
                    throw new EclipseFsWriterException(n.SourcePath, "grew while mkfs was reading it (planned " + n.ContentLength + " bytes)");
            }
            return crc;
        }

        private static int Tlv8(byte[] b, int p, ushort tag, byte v)
        {
            LittleEndian.Put16(b, p, tag);
            LittleEndian.Put32(b, p + 2, 1);
            b[p + 6] = v;
            return p + 7;
        }

        private static int Tlv32(byte[] b, int p, ushort tag, uint v)
        {
            LittleEndian.Put16(b, p, tag);
            LittleEndian.Put32(b, p + 2, 4);
            LittleEndian.Put32(b, p + 6, v);
            return p + 10;
        }

        private static int Tlv64(byte[] b, int p, ushort tag, ulong v)
        {
            LittleEndian.Put16(b, p, tag);
            LittleEndian.Put32(b, p + 2, 8);
            LittleEndian.Put64(b, p + 6, v);
            return p + 14;
        }
    }
}
