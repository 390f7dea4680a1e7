namespace EclipseOS.Drivers.Ahci.Registers
{
    /// <summary>
    /// The in-memory structures the HBA reads and writes (Serial ATA AHCI 1.3.1 §4.2): the
    /// command list of 32-byte headers, the received-FIS area, and per command a table holding the
    /// command FIS, the ATAPI command and the physical region descriptors (PRDT); and the
    /// host-to-device register FIS (SATA 3.x §10.5.5).
    /// </summary>
    public static class CommandLayout
    {
        /// <summary>One command header (§4.2.2).</summary>
        public const int HeaderBytes = 32;
        /// <summary>The command list: 32 headers, 1 KiB aligned.</summary>
        public const int CommandListBytes = 32 * HeaderBytes, CommandListAlignment = 1024;
        /// <summary>The received-FIS area, 256-byte aligned (§4.2.1).</summary>
        public const int ReceivedFisBytes = 256, ReceivedFisAlignment = 256;
        /// <summary>Command table: CFIS at 0, ACMD at 0x40, PRDT from 0x80; 128-byte aligned (§4.2.3).</summary>
        public const int TableCfis = 0x00, TableAcmd = 0x40, TablePrdt = 0x80, TableAlignment = 128;
        /// <summary>One physical region descriptor: DBA, DBAU, reserved, DBC/I (§4.2.3.3).</summary>
        public const int PrdBytes = 16;
        /// <summary>Most bytes one PRD moves (DBC is 22 bits, byte count minus one).</summary>
        public const int MaxPrdBytes = 4 * 1024 * 1024;

        /// <summary>Header DW0: CFL, the command FIS length in dwords (bits 4:0).</summary>
        public const uint HeaderFisLengthDwords = 5;
        /// <summary>Header DW0: A, an ATAPI command.</summary>
        public const uint HeaderAtapi = 1u << 5;
        /// <summary>Header DW0: W, data goes to the device.</summary>
        public const uint HeaderWrite = 1u << 6;
        /// <summary>Header DW0: C, clear busy upon R_OK (used for a reset).</summary>
        public const uint HeaderClearBusy = 1u << 10;
        /// <summary>Header DW0: PRDTL (bits 31:16).</summary>
        public const int HeaderPrdtlShift = 16;

        /// <summary>FIS type: register, host to device.</summary>
        public const byte FisRegisterHostToDevice = 0x27;
        /// <summary>Byte 1 bit 7 of a H2D register FIS: the FIS carries a command (not a control update).</summary>
        public const byte FisCommandBit = 0x80;
        /// <summary>The device register's LBA bit.</summary>
        public const byte DeviceLba = 0x40;
    }
}
