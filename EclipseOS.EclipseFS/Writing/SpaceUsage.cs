using EclipseOS.EclipseFS.Format;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS.Writing
{
    /// <summary>
    /// Which bytes of a volume are in use, found from the structure itself: the header block,
    /// the inode table, every live inode's record and the log. Giving a volume its journal
    /// starts from it (the free space is the rest), and fsck compares it with the free-space map
    /// the log keeps to find leaked and doubly used space.
    /// </summary>
    public static class SpaceUsage
    {
        /// <summary>
        /// The used extents of <paramref name="volume"/>; <paramref name="problem"/> names the first
        /// overlap (two records, or a record and the log, sharing bytes), else null.
        /// </summary>
        public static SpaceMap Used(EclipseFsVolume volume, ulong logOffset, ulong logLength, out string? problem)
        {
            problem = null;
            Superblock sb = volume.Superblock;
            var used = new SpaceMap();
            used.Add(0, sb.RecordAreaOffset);
            if (logLength > 0 && !used.Add(logOffset, logLength))
                problem = "the log at " + logOffset + " overlaps the inode table";
            const int Chunk = 64 * 1024;
            var buffer = new byte[Chunk];
            var header = new byte[EclipseFsLayout.RecordHeaderSize];
            uint total = sb.TotalInodes;
            uint inode = 1;
            while (inode <= total)
            {
                uint count = total - inode + 1;
                if (count > Chunk / EclipseFsLayout.InodeTableEntrySize)
                    count = Chunk / EclipseFsLayout.InodeTableEntrySize;
                volume.ReadBytes(sb.InodeTableOffset + (ulong)(inode - 1) * EclipseFsLayout.InodeTableEntrySize, buffer, 0, (int)count * EclipseFsLayout.InodeTableEntrySize);
                for (uint i = 0; i < count; i++)
                {
                    int e = (int)i * EclipseFsLayout.InodeTableEntrySize;
                    if (LittleEndian.U32(buffer, e) == 0)
                        continue;
                    ulong at = sb.RecordAreaOffset + LittleEndian.U32(buffer, e + 4);
                    if (at + EclipseFsLayout.RecordHeaderSize > volume.DeviceBytes)
                    {
                        if (problem == null)
                            problem = "inode " + (inode + i) + "'s record at " + at + " lies past the end";
                        continue;
                    }
                    volume.ReadBytes(at, header, 0, header.Length);
                    ulong size = LittleEndian.U32(header, 4);
                    if (size < EclipseFsLayout.RecordHeaderSize || size > volume.DeviceBytes - at)
                    {
                        if (problem == null)
                            problem = "inode " + (inode + i) + "'s record at " + at + " has record_size " + size;
                        continue;
                    }
                    if (!used.Add(at, size) && problem == null)
                        problem = "inode " + (inode + i) + "'s record at " + at + " (" + size + " bytes) overlaps another record or the log";
                }
                inode += count;
            }
            return used;
        }

        /// <summary>The bytes of [0, <paramref name="length"/>) not in <paramref name="used"/>.</summary>
        public static SpaceMap Complement(SpaceMap used, ulong length)
        {
            var free = new SpaceMap();
            ulong at = 0;
            for (int i = 0; i < used.Count; i++)
            {
                ulong s = used.StartAt(i);
                if (s > at)
                    free.Add(at, s - at);
                at = s + used.LengthAt(i);
            }
            if (at < length)
                free.Add(at, length - at);
            return free;
        }
    }
}
