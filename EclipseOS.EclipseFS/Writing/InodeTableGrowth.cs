using System;
using System.Collections.Generic;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS.Writing
{
    /// <summary>
    /// Grows the inode table when no inode is free (§12.6). The original format puts the records
    /// right after the table and counts each record's offset from the table's end, so growing
    /// the table means (1) moving the records that sit where the table will end, and (2)
    /// rewriting every entry, because every relative offset changes. The new table is written
    /// ahead into free space as a blob; one transaction copies it into place, points the moved
    /// records' entries at their copies and rewrites the header. The table doubles (at least 64
    /// entries), so the cost is paid once per doubling; new entries are all zero (free).
    /// </summary>
    internal sealed class InodeTableGrowth
    {
        private readonly VolumeWriter _w;

        public InodeTableGrowth(VolumeWriter writer)
        {
            _w = writer;
        }

        public void Grow()
        {
            EclipseFsVolume volume = _w.Volume;
            Superblock sb = volume.Superblock;
            uint n = sb.TotalInodes;
            uint add = n < 64 ? 64 : n;
            if ((ulong)n + add >= EclipseFsLayout.FirstReservedInode)
                add = EclipseFsLayout.FirstReservedInode - 1 - n;
            if (add == 0)
                throw new VfsException(volume.Device.Name, "no free inode: the table holds " + n + " inodes, the most the original kernel accepts");
            uint m = n + add;
            ulong oldEnd = sb.RecordAreaOffset;
            ulong newEnd = sb.InodeTableOffset + (ulong)m * EclipseFsLayout.InodeTableEntrySize;

            // Space freed since the last checkpoint may not be written directly yet; a
            // checkpoint first makes every free byte in the table's new area plainly free.
            _w.Journal.Checkpoint(null);
            VolumeChange c = _w.Begin();
            try
            {
                ulong[] offsets = _w.ReadRecordOffsets();
                ulong covered = TakeFreeSpaceIn(c, oldEnd, newEnd);
                for (uint i = 1; i <= n; i++)
                {
                    ulong at = offsets[i - 1];
                    if (at == 0 || at >= newEnd)
                        continue;
                    ulong size = _w.Io.U32(at + 4);
                    ulong end = at + size;
                    covered += (end < newEnd ? end : newEnd) - at;
                    ulong copy = _w.Allocate(c, size, false);
                    _w.CopyData(c, at, copy, size);
                    offsets[i - 1] = copy;
                    // A record straddling the new end leaves its tail behind as free space.
                    if (end > newEnd)
                        c.Transaction.Free(newEnd, end - newEnd);
                }
                if (covered != newEnd - oldEnd)
                    throw new VfsException(volume.Device.Name, "no free inode, and the inode table cannot grow: of the " + (newEnd - oldEnd)
                        + " bytes after it, " + (newEnd - oldEnd - covered) + " are neither free nor records (the log or lost space; run fsck)");

                byte[] table = new byte[(ulong)m * EclipseFsLayout.InodeTableEntrySize];
                for (uint i = 1; i <= n; i++)
                {
                    ulong at = offsets[i - 1];
                    if (at == 0)
                        continue;
                    if (at - newEnd > 0xFFFF_FFFFUL)
                        throw new VfsException(volume.Device.Name, "the inode table cannot grow: inode " + i + "'s record would lie more than 4 GiB after it");
                    LittleEndian.Put32(table, (int)(i - 1) * EclipseFsLayout.InodeTableEntrySize, i);
                    LittleEndian.Put32(table, (int)(i - 1) * EclipseFsLayout.InodeTableEntrySize + 4, (uint)(at - newEnd));
                }
                ulong blob = _w.Allocate(c, (ulong)table.Length, false);
                _w.WriteData(c, blob, table, 0, table.Length);
                c.Transaction.Copy(sb.InodeTableOffset, blob, (uint)table.Length, _w.Crc.Append(0, table, 0, table.Length));
                c.Transaction.Free(blob, (ulong)table.Length);

                var grown = new Superblock
                {
                    Version = sb.Version, InodeTableOffset = sb.InodeTableOffset, InodeTableSize = (ulong)table.Length, TotalInodes = m,
                    MetadataChecksum = sb.MetadataChecksum, DataChecksum = sb.DataChecksum, CreationTime = sb.CreationTime, LastCheck = sb.LastCheck, Flags = sb.Flags,
                };
                var header = new byte[EclipseFsLayout.HeaderLength];
                grown.WriteTo(header);
                c.Transaction.Redo(0, header, 0, header.Length);
                _w.Commit(c);
                sb.InodeTableSize = grown.InodeTableSize;
                sb.TotalInodes = m;
                sb.HeaderChecksum = grown.HeaderChecksum;
            }
            catch (Exception e)
            {
                _w.Abandon(c, e);
                throw;
            }
            volume.ForgetAll();
            _w.AddFreeInodes(n + 1, m);
            // The copy blob is free once no replay can need it again.
            _w.Journal.Checkpoint(null);
        }

        /// <summary>Takes every free byte of [<paramref name="start"/>, <paramref name="end"/>); returns how many.</summary>
        private ulong TakeFreeSpaceIn(VolumeChange c, ulong start, ulong end)
        {
            SpaceMap free = _w.Journal.FreeSpace;
            var starts = new List<ulong>();
            var lengths = new List<ulong>();
            for (int i = 0; i < free.Count; i++)
            {
                ulong s = free.StartAt(i), e = s + free.LengthAt(i);
                if (e <= start || s >= end)
                    continue;
                if (s < start) s = start;
                if (e > end) e = end;
                starts.Add(s);
                lengths.Add(e - s);
            }
            ulong taken = 0;
            for (int i = 0; i < starts.Count; i++)
            {
                if (!_w.TryTakeAnywhere(c, starts[i], lengths[i]))
                    throw new VfsException(_w.Volume.Device.Name, "free space changed while the inode table grew");
                taken += lengths[i];
            }
            return taken;
        }
    }
}
