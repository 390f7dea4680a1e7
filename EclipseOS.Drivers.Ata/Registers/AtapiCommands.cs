using EclipseOS.Hal.Text;

namespace EclipseOS.Drivers.Ata.Registers
{
    /// <summary>
    /// SCSI commands sent in ATAPI packets (MMC-3 / SPC-3) and their sense data.
    /// </summary>
    public static class AtapiCommands
    {
        /// <summary>REQUEST SENSE (SPC-3 §6.27): fixed-format sense data.</summary>
        public const byte RequestSense = 0x03;
        /// <summary>READ CAPACITY(10) (MMC-3 §6.23): last LBA and block length, big-endian.</summary>
        public const byte ReadCapacity = 0x25;
        /// <summary>READ(10) (MMC-3 §6.19): 32-bit LBA, 16-bit block count, big-endian.</summary>
        public const byte Read10 = 0x28;

        /// <summary>Length of the fixed-format sense data we ask for.</summary>
        public const int SenseLength = 18;
        /// <summary>Offset of the sense key (low nibble) in fixed sense data.</summary>
        public const int SenseKeyOffset = 2;
        /// <summary>Offset of the additional sense code (ASC).</summary>
        public const int SenseAscOffset = 12;
        /// <summary>Offset of the additional sense code qualifier (ASCQ).</summary>
        public const int SenseAscqOffset = 13;

        /// <summary>Sense key NOT READY: medium spinning up or absent.</summary>
        public const int SenseNotReady = 0x2;
        /// <summary>Sense key UNIT ATTENTION: medium changed or device reset; the command may be repeated.</summary>
        public const int SenseUnitAttention = 0x6;

        /// <summary>Interrupt reason bit CoD (in the sector count register): the device wants a command packet.</summary>
        public const byte ReasonCommand = 0x01;
        /// <summary>Interrupt reason bit IO: the transfer is towards the host.</summary>
        public const byte ReasonToHost = 0x02;

        /// <summary>The SPC-3 name of a sense key.</summary>
        public static string SenseKeyName(int key)
        {
            switch (key)
            {
                case 0x0: return "NO SENSE";
                case 0x1: return "RECOVERED ERROR";
                case 0x2: return "NOT READY";
                case 0x3: return "MEDIUM ERROR";
                case 0x4: return "HARDWARE ERROR";
                case 0x5: return "ILLEGAL REQUEST";
                case 0x6: return "UNIT ATTENTION";
                case 0x7: return "DATA PROTECT";
                case 0x8: return "BLANK CHECK";
                case 0xB: return "ABORTED COMMAND";
                case 0xE: return "MISCOMPARE";
                default: return "sense key 0x" + Hex.Upper((uint)key);
            }
        }
    }
}
