using System;
using System.IO;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using EclipseOS.Storage.Partitions;
using LittleEndian = EclipseOS.Storage.LittleEndian;

namespace EclipseOS.EclipseFS.Tools.Disk
{
    /// <summary>
    /// The original Eclipse OS disk layout (format document §5), in 512-byte sectors: protective
    /// MBR, primary GPT at LBA 1 with 128 entries at LBA 2–33, an ESP from 1 MiB to 513 MiB,
    /// the EclipseFS partition (Linux-data type) from 513 MiB to the last usable sector, and
    /// the backup entries and header at the end (UEFI 2.10 §5.2–5.3).
    /// </summary>
    public static class GptDiskLayout
    {
        /// <summary>Sector size of the layout.</summary>
        public const int SectorSize = 512;
        /// <summary>First sector of the ESP (1 MiB).</summary>
        public const ulong EspFirstLba = 2048;
        /// <summary>First sector of the EclipseFS partition (513 MiB = 4 KiB block 131328).</summary>
        public const ulong FileSystemFirstLba = 513UL * 2048;
        /// <summary>Byte offset of the EclipseFS partition.</summary>
        public const ulong FileSystemOffset = FileSystemFirstLba * SectorSize;
        /// <summary>UEFI §5.3.3: partition entries in the array, and bytes per entry.</summary>
        public const int EntryCount = 128, EntrySize = 128;
        /// <summary>Sectors taken by the entry array (128 × 128 / 512).</summary>
        public const int EntryArraySectors = EntryCount * EntrySize / SectorSize;
        /// <summary>Bytes of the GPT header (UEFI §5.3.2).</summary>
        public const int HeaderSize = 92;
        /// <summary>EFI System Partition type GUID.</summary>
        public static readonly Guid EspType = new Guid(PartitionTypeNames.EfiSystem);
        /// <summary>Linux filesystem data type GUID (what the original gives the EclipseFS partition).</summary>
        public static readonly Guid LinuxDataType = new Guid(PartitionTypeNames.LinuxFilesystem);

        /// <summary>The smallest disk (bytes, whole MiB) holding a filesystem of <paramref name="fileSystemBytes"/>.</summary>
        public static ulong MinimumDiskBytes(ulong fileSystemBytes)
        {
            ulong mib = 1024 * 1024;
            ulong fsMib = (fileSystemBytes + mib - 1) / mib * mib;
            return FileSystemOffset + fsMib + mib; // a spare MiB holds the backup GPT
        }

        /// <summary>
        /// Writes MBR and both GPTs into <paramref name="disk"/>, whose length must already be
        /// <paramref name="diskBytes"/>. GUIDs are derived from <paramref name="seed"/> so the
        /// same filesystem gives the same disk image.
        /// </summary>
        public static void Write(FileStream disk, ulong diskBytes, byte[] seed)
        {
            ulong sectors = diskBytes / SectorSize;
            ulong lastLba = sectors - 1;
            ulong firstUsable = 2 + EntryArraySectors;
            ulong lastUsable = lastLba - EntryArraySectors - 1;
            if (diskBytes % SectorSize != 0 || lastUsable < FileSystemFirstLba + 8)
                throw new ArgumentException("disk of " + diskBytes + " bytes is too small or not whole sectors");

            var mbr = new byte[SectorSize];
            // MBR §: one partition of type 0xEE covering the disk (clamped to 32 bits), CHS 0/0/2 – max.
            int e = 446;
            mbr[e + 1] = 0x00; mbr[e + 2] = 0x02; mbr[e + 3] = 0x00;
            mbr[e + 4] = 0xEE;
            mbr[e + 5] = 0xFF; mbr[e + 6] = 0xFF; mbr[e + 7] = 0xFF;
            LittleEndian.Put32(mbr, e + 8, 1);
            LittleEndian.Put32(mbr, e + 12, (uint)Math.Min(sectors - 1, 0xFFFFFFFFUL));
            mbr[510] = 0x55; mbr[511] = 0xAA;

            var entries = new byte[EntryCount * EntrySize];
            WriteEntry(entries, 0, EspType, DeriveGuid(seed, "esp"), EspFirstLba, FileSystemFirstLba - 1, "EFI System");
            // End on a 1 MiB boundary, as partitioning tools do (sgdisk warns otherwise).
            ulong fsLast = (lastUsable + 1) / 2048 * 2048 - 1;
            WriteEntry(entries, 1, LinuxDataType, DeriveGuid(seed, "eclipsefs"), FileSystemFirstLba, fsLast, "EclipseFS");
            uint entriesCrc = Crc32.HashToUInt32(entries);
            Guid diskGuid = DeriveGuid(seed, "disk");

            byte[] primary = Header(1, lastLba, firstUsable, lastUsable, diskGuid, 2, entriesCrc);
            byte[] backup = Header(lastLba, 1, firstUsable, lastUsable, diskGuid, lastLba - EntryArraySectors, entriesCrc);

            WriteAt(disk, 0, mbr);
            WriteAt(disk, SectorSize, primary);
            WriteAt(disk, 2 * SectorSize, entries);
            WriteAt(disk, (long)(lastLba - EntryArraySectors) * SectorSize, entries);
            WriteAt(disk, (long)lastLba * SectorSize, backup);
        }

        private static byte[] Header(ulong myLba, ulong alternateLba, ulong firstUsable, ulong lastUsable, Guid diskGuid, ulong entriesLba, uint entriesCrc)
        {
            var h = new byte[SectorSize];
            LittleEndian.Put64(h, 0, GptPartitionTable.Signature);
            LittleEndian.Put32(h, 8, GptPartitionTable.Revision);
            LittleEndian.Put32(h, 12, HeaderSize);
            LittleEndian.Put64(h, 24, myLba);
            LittleEndian.Put64(h, 32, alternateLba);
            LittleEndian.Put64(h, 40, firstUsable);
            LittleEndian.Put64(h, 48, lastUsable);
            diskGuid.ToByteArray().CopyTo(h, 56);
            LittleEndian.Put64(h, 72, entriesLba);
            LittleEndian.Put32(h, 80, EntryCount);
            LittleEndian.Put32(h, 84, EntrySize);
            LittleEndian.Put32(h, 88, entriesCrc);
            LittleEndian.Put32(h, 16, Crc32.HashToUInt32(h.AsSpan(0, HeaderSize)));
            return h;
        }

        private static void WriteEntry(byte[] entries, int index, Guid type, Guid unique, ulong first, ulong last, string name)
        {
            int o = index * EntrySize;
            type.ToByteArray().CopyTo(entries, o);      // Guid.ToByteArray is GPT's mixed-endian layout
            unique.ToByteArray().CopyTo(entries, o + 16);
            LittleEndian.Put64(entries, o + 32, first);
            LittleEndian.Put64(entries, o + 40, last);
            Encoding.Unicode.GetBytes(name).CopyTo(entries, o + 56);
        }

        /// <summary>A random-looking but reproducible version-4 GUID.</summary>
        private static Guid DeriveGuid(byte[] seed, string purpose)
        {
            byte[] input = new byte[seed.Length + purpose.Length];
            seed.CopyTo(input, 0);
            Encoding.ASCII.GetBytes(purpose).CopyTo(input, seed.Length);
            byte[] hash = SHA256.HashData(input);
            var g = new byte[16];
            Array.Copy(hash, g, 16);
            g[7] = (byte)((g[7] & 0x0F) | 0x40);
            g[8] = (byte)((g[8] & 0x3F) | 0x80);
            return new Guid(g);
        }

        private static void WriteAt(FileStream disk, long offset, byte[] data)
        {
            disk.Seek(offset, SeekOrigin.Begin);
            disk.Write(data, 0, data.Length);
        }
    }
}
