using EclipseOS.Hal.Text;
using System.Collections.Generic;

namespace EclipseOS.Storage.Partitions
{
    /// <summary>
    /// Reads a GUID partition table (UEFI 2.10 §5.3). The primary header at LBA 1 and its entry
    /// array are checked field by field — signature, revision, header size, header CRC32 (taken
    /// with the CRC field zeroed), MyLBA, usable range, entry array position, size and CRC32 —
    /// and when anything is wrong the backup header at the disk's last block is used instead,
    /// with the reason kept as a warning (a damaged backup behind a good primary is a warning
    /// too). Entries are then checked (start ≤ end, inside the
    /// usable range, no overlap). Everything is counted in logical blocks, so 512- and
    /// 4096-byte disks read the same way. Allocations are capped: the entry array may not
    /// exceed <see cref="MaxEntryArrayBytes"/>.
    /// </summary>
    public static class GptPartitionTable
    {
        /// <summary>LBA of the primary header (§5.3.2).</summary>
        public const ulong PrimaryHeaderLba = 1;

        /// <summary>"EFI PART" read as a little-endian 64-bit value (§5.3.2, Table 5-5).</summary>
        public const ulong Signature = 0x5452415020494645;

        /// <summary>The only revision defined (1.0).</summary>
        public const uint Revision = 0x00010000;

        /// <summary>Smallest header (the fields defined in §5.3.2).</summary>
        public const int MinHeaderSize = 92;

        /// <summary>Smallest entry (§5.3.3: 128 × 2^n).</summary>
        public const int MinEntrySize = 128;

        /// <summary>Largest entry array read (1 MiB, 64 times the usual 16 KiB): a bound on what a damaged header can make us allocate.</summary>
        public const int MaxEntryArrayBytes = 1 << 20;

        /// <summary>Characters in an entry's name (72 bytes of UTF-16LE).</summary>
        public const int NameChars = 36;

        // Header fields (§5.3.2, Table 5-5).
        private const int HeaderSignature = 0;
        private const int HeaderRevision = 8;
        private const int HeaderSizeField = 12;
        private const int HeaderCrc = 16;
        private const int HeaderMyLba = 24;
        private const int HeaderAlternateLba = 32;
        private const int HeaderFirstUsableLba = 40;
        private const int HeaderLastUsableLba = 48;
        private const int HeaderDiskGuid = 56;
        private const int HeaderEntryLba = 72;
        private const int HeaderEntryCount = 80;
        private const int HeaderEntrySize = 84;
        private const int HeaderEntryArrayCrc = 88;

        // Entry fields (§5.3.3, Table 5-6).
        private const int EntryTypeGuid = 0;
        private const int EntryUniqueGuid = 16;
        private const int EntryStartingLba = 32;
        private const int EntryEndingLba = 40;
        private const int EntryAttributes = 48;
        private const int EntryName = 56;
        private const ulong AttributeLegacyBiosBootable = 1UL << 2;

        /// <summary>
        /// Reads the table of <paramref name="disk"/> (whose protective MBR the caller checked).
        /// Throws <see cref="PartitionTableException"/> when neither header is usable or the
        /// entries are inconsistent; I/O errors propagate as <see cref="BlockDeviceException"/>.
        /// </summary>
        public static PartitionTable Read(IBlockDevice disk)
        {
            if (disk.BlockCount < 4)
                throw new PartitionTableException(disk.Name, PrimaryHeaderLba, "disk of " + disk.BlockCount + " blocks is too small for a GPT");
            var warnings = new List<string>();
            ulong backupLba = disk.BlockCount - 1;
            string? primaryProblem = TryReadOrIoError(disk, PrimaryHeaderLba, out GptHeader? header, out byte[]? entries);
            if (primaryProblem != null)
            {
                string? backupProblem = TryReadOrIoError(disk, backupLba, out header, out entries);
                if (backupProblem != null)
                    throw new PartitionTableException(disk.Name, PrimaryHeaderLba, "no usable GPT: primary header at LBA 1: " + primaryProblem + "; backup header at LBA " + backupLba + ": " + backupProblem);
                warnings.Add("primary GPT at LBA 1 is damaged (" + primaryProblem + "); using the backup at LBA " + backupLba);
            }
            else if (header!.AlternateLba != backupLba)
            {
                warnings.Add("primary GPT header places the backup at LBA " + header.AlternateLba + " but the disk's last block is " + backupLba + " (was the disk resized?)");
            }
            else
            {
                // The primary is good; check the backup too, so a damaged one is reported
                // while the primary can still repair it (what `sgdisk -v` would flag).
                string? backupProblem = TryReadOrIoError(disk, backupLba, out GptHeader? backup, out _);
                if (backupProblem != null)
                    warnings.Add("backup GPT at LBA " + backupLba + " is damaged (" + backupProblem + "); the primary is intact");
                else if (backup!.EntryArrayCrc != header.EntryArrayCrc)
                    warnings.Add("backup GPT at LBA " + backupLba + " lists different partitions from the primary (entry array CRC32 0x" + Hex.Upper(backup.EntryArrayCrc, 8) + " vs 0x" + Hex.Upper(header.EntryArrayCrc, 8) + "); using the primary");
            }
            List<PartitionInfo> partitions = ParseEntries(disk, header!, entries!);
            return new PartitionTable(PartitionScheme.Gpt, partitions, header!.DiskGuid, warnings);
        }

        /// <summary>
        /// <see cref="TryRead"/>, with a read error counted as one more thing wrong with that copy:
        /// the other copy exists precisely so that one unreadable block does not lose the table.
        /// </summary>
        private static string? TryReadOrIoError(IBlockDevice disk, ulong lba, out GptHeader? header, out byte[]? entries)
        {
            try
            {
                return TryRead(disk, lba, out header, out entries);
            }
            catch (BlockDeviceException e)
            {
                header = null;
                entries = null;
                return "cannot be read (" + e.Message + ")";
            }
        }

        /// <summary>Reads and checks the header at <paramref name="lba"/> and its entry array; returns what is wrong, or null.</summary>
        private static string? TryRead(IBlockDevice disk, ulong lba, out GptHeader? header, out byte[]? entries)
        {
            header = null;
            entries = null;
            var block = new byte[disk.BlockSize];
            disk.Read(lba, 1, block, 0);
            if (LittleEndian.U64(block, HeaderSignature) != Signature)
                return "signature is not \"EFI PART\"";
            uint headerSize = LittleEndian.U32(block, HeaderSizeField);
            if (headerSize < MinHeaderSize || headerSize > (uint)disk.BlockSize)
                return "HeaderSize " + headerSize + " is outside " + MinHeaderSize + "-" + disk.BlockSize;
            uint storedCrc = LittleEndian.U32(block, HeaderCrc);
            uint crc = Crc32.Update(Crc32.Start, block, 0, HeaderCrc);
            crc = Crc32.UpdateZeros(crc, 4);
            crc = Crc32.Finish(Crc32.Update(crc, block, HeaderCrc + 4, (int)headerSize - HeaderCrc - 4));
            if (crc != storedCrc)
                return "HeaderCRC32 is 0x" + Hex.Upper(storedCrc, 8) + " but the header's CRC32 is 0x" + Hex.Upper(crc, 8);
            uint revision = LittleEndian.U32(block, HeaderRevision);
            if (revision != Revision)
                return "Revision 0x" + Hex.Upper(revision, 8) + " is not 1.0 (0x00010000)";
            ulong myLba = LittleEndian.U64(block, HeaderMyLba);
            if (myLba != lba)
                return "MyLBA is " + myLba + ", not the header's own LBA " + lba;
            ulong firstUsable = LittleEndian.U64(block, HeaderFirstUsableLba);
            ulong lastUsable = LittleEndian.U64(block, HeaderLastUsableLba);
            if (firstUsable < 2 || firstUsable > lastUsable || lastUsable >= disk.BlockCount - 1)
                return "usable range FirstUsableLBA " + firstUsable + " - LastUsableLBA " + lastUsable + " is not inside blocks 2-" + (disk.BlockCount - 2);
            uint entrySize = LittleEndian.U32(block, HeaderEntrySize);
            if (entrySize < MinEntrySize || (entrySize & (entrySize - 1)) != 0 || entrySize > MaxEntryArrayBytes)
                return "SizeOfPartitionEntry " + entrySize + " is not 128 x 2^n";
            uint entryCount = LittleEndian.U32(block, HeaderEntryCount);
            ulong arrayBytes = (ulong)entryCount * entrySize;
            if (arrayBytes > MaxEntryArrayBytes)
                return "NumberOfPartitionEntries " + entryCount + " x " + entrySize + " bytes exceeds the " + MaxEntryArrayBytes + "-byte limit";
            ulong arrayLba = LittleEndian.U64(block, HeaderEntryLba);
            ulong arrayBlocks = (arrayBytes + (ulong)disk.BlockSize - 1) / (ulong)disk.BlockSize;
            if (arrayLba < 2 || arrayLba > disk.BlockCount || arrayBlocks > disk.BlockCount - arrayLba)
                return "PartitionEntryLBA " + arrayLba + " (" + arrayBlocks + " blocks) is not inside the disk after LBA 1";
            if (arrayLba <= lba && lba < arrayLba + arrayBlocks)
                return "PartitionEntryLBA " + arrayLba + " (" + arrayBlocks + " blocks) covers the header itself";
            if (arrayLba <= lastUsable && firstUsable < arrayLba + arrayBlocks)
                return "PartitionEntryLBA " + arrayLba + " (" + arrayBlocks + " blocks) overlaps the usable range " + firstUsable + "-" + lastUsable;
            var array = new byte[arrayBlocks * (ulong)disk.BlockSize];
            if (arrayBlocks > 0)
                disk.Read(arrayLba, (int)arrayBlocks, array, 0);
            uint storedArrayCrc = LittleEndian.U32(block, HeaderEntryArrayCrc);
            uint arrayCrc = Crc32.Compute(array, 0, (int)arrayBytes);
            if (arrayCrc != storedArrayCrc)
                return "PartitionEntryArrayCRC32 is 0x" + Hex.Upper(storedArrayCrc, 8) + " but the entry array at LBA " + arrayLba + " has CRC32 0x" + Hex.Upper(arrayCrc, 8);
            header = new GptHeader(LittleEndian.U64(block, HeaderAlternateLba), firstUsable, lastUsable, arrayLba, entryCount, (int)entrySize, arrayCrc, GptGuid.Format(block, HeaderDiskGuid));
            entries = array;
            return null;
        }

        private static List<PartitionInfo> ParseEntries(IBlockDevice disk, GptHeader header, byte[] entries)
        {
            var partitions = new List<PartitionInfo>();
            for (int index = 0; index < header.EntryCount; index++)
            {
                int at = index * header.EntrySize;
                if (GptGuid.IsZero(entries, at + EntryTypeGuid)) continue;
                int number = index + 1;
                ulong start = LittleEndian.U64(entries, at + EntryStartingLba);
                ulong end = LittleEndian.U64(entries, at + EntryEndingLba);
                ulong entryLba = header.EntryArrayLba + (ulong)at / (ulong)disk.BlockSize;
                if (start > end)
                    throw new PartitionTableException(disk.Name, entryLba, "GPT entry " + number + ": StartingLBA " + start + " is after EndingLBA " + end);
                if (start < header.FirstUsableLba || end > header.LastUsableLba)
                    throw new PartitionTableException(disk.Name, entryLba, "GPT entry " + number + ": LBAs " + start + "-" + end + " are outside the usable range " + header.FirstUsableLba + "-" + header.LastUsableLba);
                ulong attributes = LittleEndian.U64(entries, at + EntryAttributes);
                partitions.Add(new PartitionInfo(number, start, end - start + 1,
                    GptGuid.Format(entries, at + EntryTypeGuid), GptGuid.Format(entries, at + EntryUniqueGuid), 0,
                    ReadName(entries, at + EntryName), (attributes & AttributeLegacyBiosBootable) != 0, false));
            }
            PartitionOverlap.Check(disk.Name, header.EntryArrayLba, "GPT entries", partitions);
            return partitions;
        }

        private static string ReadName(byte[] entries, int at)
        {
            var chars = new char[NameChars];
            int length = 0;
            while (length < NameChars)
            {
                char c = (char)LittleEndian.U16(entries, at + 2 * length);
                if (c == '\0') break;
                chars[length++] = c;
            }
            return new string(chars, 0, length);
        }

        /// <summary>The checked fields of a header the table is read from.</summary>
        private sealed class GptHeader
        {
            public GptHeader(ulong alternateLba, ulong firstUsableLba, ulong lastUsableLba, ulong entryArrayLba, uint entryCount, int entrySize, uint entryArrayCrc, string diskGuid)
            {
                AlternateLba = alternateLba;
                FirstUsableLba = firstUsableLba;
                LastUsableLba = lastUsableLba;
                EntryArrayLba = entryArrayLba;
                EntryCount = (int)entryCount;
                EntrySize = entrySize;
                EntryArrayCrc = entryArrayCrc;
                DiskGuid = diskGuid;
            }

            public ulong AlternateLba { get; }
            public ulong FirstUsableLba { get; }
            public ulong LastUsableLba { get; }
            public ulong EntryArrayLba { get; }
            public int EntryCount { get; }
            public int EntrySize { get; }
            public uint EntryArrayCrc { get; }
            public string DiskGuid { get; }
        }
    }
}
