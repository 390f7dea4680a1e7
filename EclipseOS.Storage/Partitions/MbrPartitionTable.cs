using EclipseOS.Hal.Text;
using System.Collections.Generic;

namespace EclipseOS.Storage.Partitions
{
    /// <summary>
    /// Reads a DOS master boot record: four primary entries at byte 446 of LBA 0, the 0x55AA
    /// signature at byte 510, and extended partitions (types 0x05, 0x0F, 0x85) whose chain of
    /// extended boot records holds the logical partitions. Numbering follows Linux: primaries
    /// keep their slot number 1–4, logical partitions count from 5 in chain order. The chain is
    /// bounded (every EBR inside the extended partition, none visited twice, at most
    /// <see cref="MaxLogicalPartitions"/>), so a damaged or malicious chain cannot loop.
    /// </summary>
    public static class MbrPartitionTable
    {
        /// <summary>Bytes of a boot record that matter (the rest of a larger block is ignored).</summary>
        public const int RecordSize = 512;

        /// <summary>Offset of the first of four 16-byte partition entries.</summary>
        public const int TableOffset = 446;

        /// <summary>Size of a partition entry.</summary>
        public const int EntrySize = 16;

        /// <summary>Offset of the 0x55, 0xAA boot signature.</summary>
        public const int SignatureOffset = 510;

        /// <summary>Type of a GPT protective (or hybrid) MBR entry.</summary>
        public const byte TypeGptProtective = 0xEE;

        /// <summary>Extended partition, CHS addressed.</summary>
        public const byte TypeExtendedChs = 0x05;

        /// <summary>Extended partition, LBA addressed.</summary>
        public const byte TypeExtendedLba = 0x0F;

        /// <summary>Linux extended partition.</summary>
        public const byte TypeExtendedLinux = 0x85;

        /// <summary>Most logical partitions followed in an EBR chain.</summary>
        public const int MaxLogicalPartitions = 256;

        // Entry fields.
        private const int EntryStatus = 0;
        private const int EntryType = 4;
        private const int EntryFirstLba = 8;
        private const int EntrySectorCount = 12;
        private const byte StatusBootable = 0x80;

        /// <summary>Whether a record ends with the 0x55AA boot signature.</summary>
        public static bool HasSignature(byte[] record) => record.Length >= RecordSize && record[SignatureOffset] == 0x55 && record[SignatureOffset + 1] == 0xAA;

        /// <summary>Slot (1–4) of the first 0xEE entry, or 0 when the MBR does not protect a GPT.</summary>
        public static int ProtectiveSlot(byte[] record)
        {
            for (int slot = 1; slot <= 4; slot++)
                if (record[EntryOffset(slot) + EntryType] == TypeGptProtective) return slot;
            return 0;
        }

        /// <summary>First LBA recorded in entry <paramref name="slot"/> (1–4).</summary>
        public static uint EntryStart(byte[] record, int slot) => LittleEndian.U32(record, EntryOffset(slot) + EntryFirstLba);

        /// <summary>
        /// Why LBA 0 is not an MBR even though it carries the signature (a boot flag other than
        /// 0x00/0x80 means it is a filesystem's boot sector, as Linux decides too), or null.
        /// </summary>
        public static string? NotAnMbr(byte[] record)
        {
            for (int slot = 1; slot <= 4; slot++)
            {
                byte status = record[EntryOffset(slot) + EntryStatus];
                if (status != 0 && status != StatusBootable)
                    return "entry " + slot + " has boot flag 0x" + Hex.Byte(status) + " (not 0x00 or 0x80)";
            }
            return null;
        }

        /// <summary>Whether <paramref name="type"/> marks an extended partition.</summary>
        public static bool IsExtended(byte type) => type == TypeExtendedChs || type == TypeExtendedLba || type == TypeExtendedLinux;

        /// <summary>
        /// Reads the partitions of <paramref name="disk"/> given its LBA 0 in <paramref name="mbr"/>.
        /// Throws <see cref="PartitionTableException"/> for entries outside the disk, overlaps and
        /// broken EBR chains.
        /// </summary>
        public static PartitionTable Read(IBlockDevice disk, byte[] mbr)
        {
            var partitions = new List<PartitionInfo>();
            var primaries = new List<PartitionInfo>();
            PartitionInfo? extended = null;
            for (int slot = 1; slot <= 4; slot++)
            {
                int at = EntryOffset(slot);
                byte type = mbr[at + EntryType];
                ulong start = LittleEndian.U32(mbr, at + EntryFirstLba);
                ulong count = LittleEndian.U32(mbr, at + EntrySectorCount);
                if (type == 0 || count == 0) continue;
                CheckInside(disk, 0, "MBR entry " + slot, start, count, 1, disk.BlockCount);
                bool isExtended = IsExtended(type);
                var info = new PartitionInfo(slot, start, count, "", "", type, "", mbr[at + EntryStatus] == StatusBootable, isExtended);
                if (isExtended)
                {
                    if (extended != null)
                        throw new PartitionTableException(disk.Name, 0, "MBR entries " + extended.Number + " and " + slot + " are both extended partitions");
                    extended = info;
                }
                primaries.Add(info);
                partitions.Add(info);
            }
            PartitionOverlap.Check(disk.Name, 0, "MBR entries", primaries);
            if (extended != null)
                ReadLogical(disk, extended, partitions);
            return new PartitionTable(PartitionScheme.Mbr, partitions, "", new List<string>());
        }

        private static void ReadLogical(IBlockDevice disk, PartitionInfo extended, List<PartitionInfo> partitions)
        {
            var logical = new List<PartitionInfo>();
            var visited = new List<ulong>();
            var record = new byte[disk.BlockSize];
            ulong extendedEnd = extended.FirstLba + extended.BlockCount;
            ulong ebrLba = extended.FirstLba;
            string from = "MBR entry " + extended.Number;
            ulong fromLba = 0; // the boot record holding the link being followed: the block to blame
            int number = 5;
            while (true)
            {
                if (ebrLba < extended.FirstLba || ebrLba >= extendedEnd)
                    throw new PartitionTableException(disk.Name, fromLba, from + " links to an EBR at LBA " + ebrLba + ", outside the extended partition (LBAs " + extended.FirstLba + "-" + (extendedEnd - 1) + ")");
                if (visited.Contains(ebrLba))
                    throw new PartitionTableException(disk.Name, fromLba, from + " links back to the EBR at LBA " + ebrLba + ": the chain loops");
                if (visited.Count >= MaxLogicalPartitions)
                    throw new PartitionTableException(disk.Name, ebrLba, "EBR chain is longer than " + MaxLogicalPartitions + " links");
                visited.Add(ebrLba);
                disk.Read(ebrLba, 1, record, 0);
                if (!HasSignature(record))
                    throw new PartitionTableException(disk.Name, ebrLba, "EBR at LBA " + ebrLba + " (reached from " + from + ") has no 0x55AA signature");

                // Entry 1: the logical partition, relative to this EBR.
                int at = EntryOffset(1);
                byte type = record[at + EntryType];
                ulong count = LittleEndian.U32(record, at + EntrySectorCount);
                if (type != 0 && count != 0)
                {
                    ulong start = ebrLba + LittleEndian.U32(record, at + EntryFirstLba);
                    CheckInside(disk, ebrLba, "logical partition " + number + " (EBR at LBA " + ebrLba + ")", start, count, ebrLba + 1, extendedEnd);
                    logical.Add(new PartitionInfo(number, start, count, "", "", type, "", record[at + EntryStatus] == StatusBootable, false));
                    number++;
                }

                // Entry 2: the next EBR, relative to the start of the extended partition.
                at = EntryOffset(2);
                if (!IsExtended(record[at + EntryType]) || LittleEndian.U32(record, at + EntrySectorCount) == 0)
                    break;
                from = "EBR at LBA " + ebrLba;
                fromLba = ebrLba;
                ebrLba = extended.FirstLba + LittleEndian.U32(record, at + EntryFirstLba);
            }
            PartitionOverlap.Check(disk.Name, extended.FirstLba, "logical partitions", logical);
            for (int i = 0; i < logical.Count; i++)
                partitions.Add(logical[i]);
        }

        /// <summary>Throws unless [<paramref name="start"/>, +<paramref name="count"/>) lies in [<paramref name="low"/>, <paramref name="end"/>).</summary>
        private static void CheckInside(IBlockDevice disk, ulong tableLba, string what, ulong start, ulong count, ulong low, ulong end)
        {
            if (start < low)
                throw new PartitionTableException(disk.Name, tableLba, what + ": starts at LBA " + start + ", before LBA " + low + (low == 1 ? " (inside the MBR)" : " (inside its EBR)"));
            if (start >= end || count > end - start)
                throw new PartitionTableException(disk.Name, tableLba, what + ": LBAs " + start + "-" + (start + count - 1) + " run past " + (end == disk.BlockCount ? "the end of the disk (" + disk.BlockCount + " blocks)" : "the end of the extended partition (LBA " + (end - 1) + ")"));
        }

        private static int EntryOffset(int slot) => TableOffset + (slot - 1) * EntrySize;
    }
}
