using EclipseOS.Hal.Text;

namespace EclipseOS.Drivers.Ata.Identify
{
    /// <summary>
    /// The 256 words an IDENTIFY DEVICE or IDENTIFY PACKET DEVICE command returns, decoded.
    /// Word numbers from ATA/ATAPI-6 §8.15 (table 26) and §8.16 (table 30).
    /// </summary>
    public sealed class IdentifyData
    {
        /// <summary>Size of the IDENTIFY data block in bytes.</summary>
        public const int Size = 512;

        private const int WordGeneralConfiguration = 0;
        private const int WordSerialFirst = 10, SerialWords = 10;
        private const int WordFirmwareFirst = 23, FirmwareWords = 4;
        private const int WordModelFirst = 27, ModelWords = 20;
        private const int WordCapabilities = 49;
        private const int WordLba28Count = 60;
        private const int WordQueueDepth = 75;
        private const int WordSataCapabilities = 76;
        private const int WordCommandSets2 = 83;
        private const int WordLba48Count = 100;
        private const int WordSectorSize = 106;
        private const int WordLogicalSectorSize = 117;
        private const int WordIntegrity = 255;

        /// <summary>Word 76 bit 8: native command queuing (READ/WRITE FPDMA QUEUED) is supported (ACS-3 §7.12.7.38).</summary>
        private const ushort SataNcq = 1 << 8;
        private const ushort CapabilityDma = 1 << 8;
        private const ushort CapabilityLba = 1 << 9;
        /// <summary>Word 83 bit 10: the 48-bit address feature set is supported (not bit 6, which Cosmos tests).</summary>
        private const ushort CommandSetLba48 = 1 << 10;
        /// <summary>Word 83 bit 12: FLUSH CACHE is supported.</summary>
        private const ushort CommandSetFlushCache = 1 << 12;
        /// <summary>Word 83 bit 13: FLUSH CACHE EXT is supported.</summary>
        private const ushort CommandSetFlushCacheExt = 1 << 13;
        /// <summary>Words 83 and 106 are valid when bits 15:14 read 01.</summary>
        private const ushort ValidMask = 0xC000, ValidValue = 0x4000;
        /// <summary>Word 106 bit 12: the logical sector is longer than 256 words (size in words 117–118).</summary>
        private const ushort SectorSizeLongLogical = 1 << 12;
        /// <summary>Word 255 low byte when the checksum in the high byte is valid.</summary>
        private const byte IntegritySignature = 0xA5;
        /// <summary>Word 0 bit 15 set and bit 14 clear: a packet device.</summary>
        private const ushort PacketDeviceMask = 0xC000, PacketDeviceValue = 0x8000;

        private readonly ushort[] _words;

        private IdentifyData(ushort[] words)
        {
            _words = words;
        }

        /// <summary>
        /// Decodes 512 bytes of IDENTIFY data at <paramref name="offset"/>; returns null and sets
        /// <paramref name="problem"/> when the block is malformed (bad checksum).
        /// </summary>
        public static IdentifyData? Parse(byte[] data, int offset, out string problem)
        {
            var words = new ushort[256];
            for (int i = 0; i < 256; i++)
                words[i] = (ushort)(data[offset + 2 * i] | (data[offset + 2 * i + 1] << 8));
            problem = "";
            // The checksum is optional: only a block that carries the A5 signature must sum to 0.
            if ((words[WordIntegrity] & 0xFF) == IntegritySignature)
            {
                byte sum = 0;
                for (int i = 0; i < Size; i++)
                    sum += data[offset + i];
                if (sum != 0)
                {
                    problem = "IDENTIFY data checksum is wrong (bytes sum to 0x" + Hex.Upper(sum, 2) + ", not 0)";
                    return null;
                }
            }
            return new IdentifyData(words);
        }

        /// <summary>Model number (words 27–46), trimmed.</summary>
        public string Model => ReadString(WordModelFirst, ModelWords);

        /// <summary>Serial number (words 10–19), trimmed.</summary>
        public string Serial => ReadString(WordSerialFirst, SerialWords);

        /// <summary>Firmware revision (words 23–26), trimmed.</summary>
        public string Firmware => ReadString(WordFirmwareFirst, FirmwareWords);

        /// <summary>Whether word 0 describes a packet (ATAPI) device.</summary>
        public bool IsPacketDevice => (_words[WordGeneralConfiguration] & PacketDeviceMask) == PacketDeviceValue;

        /// <summary>Packet device type (word 0 bits 12:8): 5 is a CD/DVD drive.</summary>
        public int PacketDeviceType => (_words[WordGeneralConfiguration] >> 8) & 0x1F;

        /// <summary>Command packet length of a packet device (word 0 bits 1:0): 12 or 16 bytes.</summary>
        public int PacketLength => (_words[WordGeneralConfiguration] & 0x3) == 1 ? 16 : 12;

        /// <summary>Whether LBA addressing is supported (word 49 bit 9).</summary>
        public bool SupportsLba => (_words[WordCapabilities] & CapabilityLba) != 0;

        /// <summary>Whether DMA is supported (word 49 bit 8).</summary>
        public bool SupportsDma => (_words[WordCapabilities] & CapabilityDma) != 0;

        private bool CommandSets2Valid => (_words[WordCommandSets2] & ValidMask) == ValidValue;

        /// <summary>Whether the 48-bit address feature set is supported (word 83 bit 10).</summary>
        public bool SupportsLba48 => CommandSets2Valid && (_words[WordCommandSets2] & CommandSetLba48) != 0;

        /// <summary>
        /// Whether the device queues commands (NCQ). Word 76 is a SATA word: 0 and 0xFFFF mean a
        /// device that is not SATA at all.
        /// </summary>
        public bool SupportsNcq => _words[WordSataCapabilities] != 0 && _words[WordSataCapabilities] != 0xFFFF && (_words[WordSataCapabilities] & SataNcq) != 0;

        /// <summary>How many queued commands the device takes at once (word 75 bits 4:0, plus one); 1 without NCQ.</summary>
        public int NcqQueueDepth => SupportsNcq ? (_words[WordQueueDepth] & 0x1F) + 1 : 1;

        /// <summary>Whether FLUSH CACHE EXT is supported (word 83 bit 13).</summary>
        public bool SupportsFlushCacheExt => CommandSets2Valid && (_words[WordCommandSets2] & CommandSetFlushCacheExt) != 0;

        /// <summary>Whether FLUSH CACHE is supported (word 83 bit 12).</summary>
        public bool SupportsFlushCache => CommandSets2Valid && (_words[WordCommandSets2] & CommandSetFlushCache) != 0;

        /// <summary>Sectors addressable by LBA28 commands (words 60–61): a count, not the last LBA.</summary>
        public uint Lba28SectorCount => (uint)(_words[WordLba28Count] | (_words[WordLba28Count + 1] << 16));

        /// <summary>Sectors addressable by LBA48 commands (words 100–103), a count.</summary>
        public ulong Lba48SectorCount =>
            _words[WordLba48Count] | ((ulong)_words[WordLba48Count + 1] << 16) |
            ((ulong)_words[WordLba48Count + 2] << 32) | ((ulong)_words[WordLba48Count + 3] << 48);

        /// <summary>The device's sector count: the LBA48 count when LBA48 is supported, else the LBA28 count.</summary>
        public ulong SectorCount => SupportsLba48 ? Lba48SectorCount : Lba28SectorCount;

        /// <summary>Logical sector size in bytes (words 106, 117–118; 512 unless the device says otherwise).</summary>
        public ulong LogicalSectorSize
        {
            get
            {
                ushort word = _words[WordSectorSize];
                if ((word & ValidMask) != ValidValue || (word & SectorSizeLongLogical) == 0)
                    return 512;
                ulong words = _words[WordLogicalSectorSize] | ((ulong)_words[WordLogicalSectorSize + 1] << 16);
                return words * 2;
            }
        }

        /// <summary>
        /// An ATA string: each word carries two characters, the first in its high byte (§3.2.9);
        /// trailing (and leading) spaces and NULs are padding.
        /// </summary>
        private string ReadString(int firstWord, int wordCount)
        {
            var chars = new char[wordCount * 2];
            for (int i = 0; i < wordCount; i++)
            {
                ushort w = _words[firstWord + i];
                chars[2 * i] = Printable((byte)(w >> 8));
                chars[2 * i + 1] = Printable((byte)w);
            }
            int start = 0, end = chars.Length;
            while (start < end && chars[start] == ' ') start++;
            while (end > start && chars[end - 1] == ' ') end--;
            return new string(chars, start, end - start);
        }

        private static char Printable(byte b) => b >= 0x20 && b < 0x7F ? (char)b : ' ';
    }
}
