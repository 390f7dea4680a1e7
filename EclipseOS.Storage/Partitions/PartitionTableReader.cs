namespace EclipseOS.Storage.Partitions
{
    /// <summary>Decides which partition table a disk carries — GPT behind a protective MBR, a plain MBR, or none — and reads it.</summary>
    public static class PartitionTableReader
    {
        /// <summary>
        /// Reads the partition table of <paramref name="disk"/>. A disk without one gets
        /// <see cref="PartitionScheme.None"/> with the reason in the warnings. Damaged tables throw
        /// <see cref="PartitionTableException"/>; I/O errors propagate as <see cref="BlockDeviceException"/>.
        /// </summary>
        public static PartitionTable Read(IBlockDevice disk)
        {
            if (disk.BlockCount == 0)
                return PartitionTable.NoTable("empty device");
            if (disk.BlockSize < MbrPartitionTable.RecordSize)
                return PartitionTable.NoTable("blocks of " + disk.BlockSize + " bytes cannot hold an MBR");
            var lba0 = new byte[disk.BlockSize];
            disk.Read(0, 1, lba0, 0);
            if (!MbrPartitionTable.HasSignature(lba0))
                return PartitionTable.NoTable("no partition table (LBA 0 has no 0x55AA signature)");
            string? notMbr = MbrPartitionTable.NotAnMbr(lba0);
            if (notMbr != null)
                return PartitionTable.NoTable("no partition table (LBA 0 is not an MBR: " + notMbr + ")");
            int protective = MbrPartitionTable.ProtectiveSlot(lba0);
            if (protective != 0)
            {
                uint start = MbrPartitionTable.EntryStart(lba0, protective);
                if (start != GptPartitionTable.PrimaryHeaderLba)
                    throw new PartitionTableException(disk.Name, 0, "protective MBR entry " + protective + " (type 0xEE) starts at LBA " + start + ", not at the GPT header's LBA 1");
                return GptPartitionTable.Read(disk);
            }
            PartitionTable mbr = MbrPartitionTable.Read(disk, lba0);
            if (mbr.Partitions.Count == 0)
                return PartitionTable.NoTable("no partition table (the MBR at LBA 0 lists no partitions)");
            return mbr;
        }
    }
}
