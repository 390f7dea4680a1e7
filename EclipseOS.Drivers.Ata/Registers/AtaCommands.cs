using EclipseOS.Hal.Text;

namespace EclipseOS.Drivers.Ata.Registers
{
    /// <summary>
    /// ATA command opcodes this driver issues (ATA/ATAPI-6 §8; ATA8-ACS for the EXT forms),
    /// with the names used in error messages.
    /// </summary>
    public static class AtaCommands
    {
        /// <summary>IDENTIFY DEVICE (§8.15): 512 bytes of identity for a non-packet device.</summary>
        public const byte IdentifyDevice = 0xEC;
        /// <summary>IDENTIFY PACKET DEVICE (§8.16): the same for an ATAPI device.</summary>
        public const byte IdentifyPacketDevice = 0xA1;
        /// <summary>READ SECTORS (§8.27), LBA28 PIO.</summary>
        public const byte ReadSectors = 0x20;
        /// <summary>READ SECTORS EXT (§8.28), LBA48 PIO.</summary>
        public const byte ReadSectorsExt = 0x24;
        /// <summary>WRITE SECTORS (§8.47), LBA28 PIO.</summary>
        public const byte WriteSectors = 0x30;
        /// <summary>WRITE SECTORS EXT (§8.48), LBA48 PIO.</summary>
        public const byte WriteSectorsExt = 0x34;
        /// <summary>READ DMA (§8.23), LBA28.</summary>
        public const byte ReadDma = 0xC8;
        /// <summary>READ DMA EXT (§8.24), LBA48.</summary>
        public const byte ReadDmaExt = 0x25;
        /// <summary>WRITE DMA (§8.43), LBA28.</summary>
        public const byte WriteDma = 0xCA;
        /// <summary>WRITE DMA EXT (§8.44), LBA48.</summary>
        public const byte WriteDmaExt = 0x35;
        /// <summary>FLUSH CACHE (§8.13).</summary>
        public const byte FlushCache = 0xE7;
        /// <summary>FLUSH CACHE EXT (§8.14), for devices with LBA48.</summary>
        public const byte FlushCacheExt = 0xEA;
        /// <summary>CHECK POWER MODE (§8.6): a non-data command every device supports; used to prove INTRQ reaches us.</summary>
        public const byte CheckPowerMode = 0xE5;
        /// <summary>PACKET (§8.21): a SCSI command block follows in a 12-byte packet.</summary>
        public const byte Packet = 0xA0;

        /// <summary>READ FPDMA QUEUED (ACS-3 §7.28): a queued DMA read; sector count in FEATURE, tag in COUNT bits 7:3.</summary>
        public const byte ReadFpdmaQueued = 0x60;
        /// <summary>WRITE FPDMA QUEUED (ACS-3 §7.60): the queued write.</summary>
        public const byte WriteFpdmaQueued = 0x61;

        /// <summary>The standard name of <paramref name="command"/>, for messages.</summary>
        public static string Name(byte command)
        {
            switch (command)
            {
                case IdentifyDevice: return "IDENTIFY DEVICE";
                case IdentifyPacketDevice: return "IDENTIFY PACKET DEVICE";
                case ReadSectors: return "READ SECTORS";
                case ReadSectorsExt: return "READ SECTORS EXT";
                case WriteSectors: return "WRITE SECTORS";
                case WriteSectorsExt: return "WRITE SECTORS EXT";
                case ReadDma: return "READ DMA";
                case ReadDmaExt: return "READ DMA EXT";
                case WriteDma: return "WRITE DMA";
                case WriteDmaExt: return "WRITE DMA EXT";
                case FlushCache: return "FLUSH CACHE";
                case FlushCacheExt: return "FLUSH CACHE EXT";
                case CheckPowerMode: return "CHECK POWER MODE";
                case Packet: return "PACKET";
                case ReadFpdmaQueued: return "READ FPDMA QUEUED";
                case WriteFpdmaQueued: return "WRITE FPDMA QUEUED";
                default: return "command 0x" + Hex.Upper(command, 2);
            }
        }
    }
}
