namespace EclipseOS.Drivers.Ata.Registers
{
    /// <summary>
    /// The task-file (command block) and control block registers of an ATA channel, their
    /// bits, and the legacy ("compatibility mode") port addresses. Offsets and bits from
    /// ATA/ATAPI-6 (T13/1410D) §7 "Register descriptions"; legacy addresses from the
    /// PCI IDE Controller Specification 1.0 §2.1 (compatibility mode).
    /// </summary>
    public static class AtaRegisters
    {
        // ---- Legacy channel addresses (PCI IDE Controller Spec §2.1) ----

        /// <summary>Command block base of the primary channel.</summary>
        public const ushort PrimaryCommandBase = 0x1F0;
        /// <summary>Control block (alternate status / device control) port of the primary channel.</summary>
        public const ushort PrimaryControlPort = 0x3F6;
        /// <summary>ISA IRQ of the primary channel.</summary>
        public const int PrimaryIrq = 14;
        /// <summary>Command block base of the secondary channel.</summary>
        public const ushort SecondaryCommandBase = 0x170;
        /// <summary>Control block port of the secondary channel.</summary>
        public const ushort SecondaryControlPort = 0x376;
        /// <summary>ISA IRQ of the secondary channel.</summary>
        public const int SecondaryIrq = 15;

        // ---- Command block offsets from the command base (§7.1) ----

        /// <summary>Data register, 16 bits (§7.7).</summary>
        public const int Data = 0;
        /// <summary>Error register when read (§7.11).</summary>
        public const int Error = 1;
        /// <summary>Features register when written (§7.12).</summary>
        public const int Features = 1;
        /// <summary>Sector count (§7.16); for PACKET commands the interrupt reason (§7.13: bit 0 CoD, bit 1 IO).</summary>
        public const int SectorCount = 2;
        /// <summary>LBA bits 0–7 (and 24–31 of LBA48 when written first) (§7.14 "LBA Low").</summary>
        public const int LbaLow = 3;
        /// <summary>LBA bits 8–15 (32–39); for PACKET commands the byte count low (§7.14 "LBA Mid").</summary>
        public const int LbaMid = 4;
        /// <summary>LBA bits 16–23 (40–47); for PACKET commands the byte count high (§7.14 "LBA High").</summary>
        public const int LbaHigh = 5;
        /// <summary>Device register: device select and LBA28 bits 24–27 (§7.10).</summary>
        public const int Device = 6;
        /// <summary>Status register when read; reading it acknowledges INTRQ (§7.15).</summary>
        public const int Status = 7;
        /// <summary>Command register when written (§7.4).</summary>
        public const int Command = 7;

        // ---- Device register bits (§7.10) ----

        /// <summary>Bits 7 and 5 are obsolete and set by convention (they were "512-byte sectors").</summary>
        public const byte DeviceObsoleteBits = 0xA0;
        /// <summary>The LBA bit: the address is a logical block address, not CHS.</summary>
        public const byte DeviceLba = 0x40;
        /// <summary>The DEV bit: selects device 1 (the "slave").</summary>
        public const byte DeviceSelect1 = 0x10;

        // ---- Device control register bits (§7.9) ----

        /// <summary>nIEN: the selected device does not assert INTRQ.</summary>
        public const byte ControlInterruptDisable = 0x02;
        /// <summary>SRST: software reset of both devices on the channel.</summary>
        public const byte ControlSoftwareReset = 0x04;
        /// <summary>HOB: reads return the previously written (high-order) LBA48 bytes.</summary>
        public const byte ControlHighOrderByte = 0x80;

        // ---- Status register bits (§7.15) ----

        /// <summary>BSY: the device owns the task file; no other bit is valid.</summary>
        public const byte StatusBusy = 0x80;
        /// <summary>DRDY: the device accepts commands.</summary>
        public const byte StatusReady = 0x40;
        /// <summary>DF: device fault; the device could not complete the command.</summary>
        public const byte StatusDeviceFault = 0x20;
        /// <summary>DSC / SERV (command-dependent).</summary>
        public const byte StatusSeekComplete = 0x10;
        /// <summary>DRQ: the device is ready to transfer a data block.</summary>
        public const byte StatusDataRequest = 0x08;
        /// <summary>CORR: obsolete "corrected data".</summary>
        public const byte StatusCorrected = 0x04;
        /// <summary>IDX: obsolete index mark.</summary>
        public const byte StatusIndex = 0x02;
        /// <summary>ERR (CHK for PACKET commands): the error register holds the cause.</summary>
        public const byte StatusError = 0x01;
        /// <summary>What a floating bus (no device, no pull-down) reads back.</summary>
        public const byte FloatingBus = 0xFF;

        // ---- Error register bits (§7.11; ATA-4 names for the obsolete ones) ----

        /// <summary>ICRC: interface CRC error during an Ultra DMA transfer.</summary>
        public const byte ErrorInterfaceCrc = 0x80;
        /// <summary>UNC: uncorrectable data error.</summary>
        public const byte ErrorUncorrectable = 0x40;
        /// <summary>MC: media changed.</summary>
        public const byte ErrorMediaChanged = 0x20;
        /// <summary>IDNF: the address was not found (out of range).</summary>
        public const byte ErrorIdNotFound = 0x10;
        /// <summary>MCR: media change request.</summary>
        public const byte ErrorMediaChangeRequest = 0x08;
        /// <summary>ABRT: command aborted (unsupported, or a parameter was invalid).</summary>
        public const byte ErrorAborted = 0x04;
        /// <summary>TK0NF: track 0 not found (obsolete).</summary>
        public const byte ErrorTrack0NotFound = 0x02;
        /// <summary>AMNF: address mark not found (obsolete).</summary>
        public const byte ErrorAddressMarkNotFound = 0x01;

        // ---- Reset signatures in LBA Mid / LBA High (§9.12; SATA 2.6 §11.3 for the SATA ones) ----

        /// <summary>LBA Mid of a packet (ATAPI) device after reset.</summary>
        public const byte SignatureAtapiMid = 0x14;
        /// <summary>LBA High of a packet (ATAPI) device after reset.</summary>
        public const byte SignatureAtapiHigh = 0xEB;
        /// <summary>LBA Mid of a SATA packet device behind a legacy-mode controller.</summary>
        public const byte SignatureSatapiMid = 0x69;
        /// <summary>LBA High of a SATA packet device.</summary>
        public const byte SignatureSatapiHigh = 0x96;
        /// <summary>LBA Mid of a SATA disk behind a legacy-mode controller.</summary>
        public const byte SignatureSataMid = 0x3C;
        /// <summary>LBA High of a SATA disk.</summary>
        public const byte SignatureSataHigh = 0xC3;

        /// <summary>Logical sector size of every ATA disk this driver accepts.</summary>
        public const int SectorSize = 512;
        /// <summary>Words in one 512-byte sector (one <c>rep insw</c>).</summary>
        public const int WordsPerSector = SectorSize / 2;
        /// <summary>Most sectors one LBA28 command moves (a count of 0 means 256; §6.2).</summary>
        public const int MaxSectorsLba28 = 256;
        /// <summary>Most sectors one LBA48 command moves (a count of 0 means 65536; §6.2).</summary>
        public const int MaxSectorsLba48 = 65536;
        /// <summary>LBA28 commands address sectors below this (28 bits); beyond it only LBA48 commands reach.</summary>
        public const ulong Lba28Limit = 0x10000000;
    }
}
