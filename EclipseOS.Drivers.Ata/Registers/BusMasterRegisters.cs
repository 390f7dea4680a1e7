namespace EclipseOS.Drivers.Ata.Registers
{
    /// <summary>
    /// Bus-master IDE registers in the I/O window of BAR4 of a PCI IDE function, and the
    /// physical region descriptor (PRD) format. From SFF-8038i "Programming Interface for Bus
    /// Master IDE Controller" rev 1.0 §1–2 (also Intel PIIX3 datasheet §2.7).
    /// </summary>
    public static class BusMasterRegisters
    {
        /// <summary>BAR index of the bus-master window on a PCI IDE function.</summary>
        public const int BarIndex = 4;
        /// <summary>Offset of the secondary channel's registers from the window base.</summary>
        public const int SecondaryChannelOffset = 8;

        /// <summary>Command register (8 bits).</summary>
        public const int Command = 0;
        /// <summary>Status register (8 bits).</summary>
        public const int Status = 2;
        /// <summary>PRD table physical address (32 bits, dword aligned).</summary>
        public const int PrdTableAddress = 4;

        /// <summary>Command bit: start (1) / stop (0) bus mastering.</summary>
        public const byte CommandStart = 0x01;
        /// <summary>Command bit: the controller writes memory (a disk read); clear for a disk write.</summary>
        public const byte CommandWriteToMemory = 0x08;

        /// <summary>Status bit: bus master active (read-only).</summary>
        public const byte StatusActive = 0x01;
        /// <summary>Status bit: a transfer error (write 1 to clear).</summary>
        public const byte StatusError = 0x02;
        /// <summary>Status bit: the device raised INTRQ (write 1 to clear).</summary>
        public const byte StatusInterrupt = 0x04;

        /// <summary>Size of one PRD entry: 32-bit address, 16-bit byte count, 16-bit flags.</summary>
        public const int PrdEntrySize = 8;
        /// <summary>Most bytes one PRD entry covers (a count of 0 means 64 KiB); a region must not cross a 64 KiB boundary.</summary>
        public const int PrdMaxBytes = 0x10000;
        /// <summary>Flags bit 15 of the last entry: end of table.</summary>
        public const ushort PrdEndOfTable = 0x8000;

        /// <summary>PCI class of a mass-storage controller.</summary>
        public const byte PciClassMassStorage = 0x01;
        /// <summary>PCI subclass of an IDE controller.</summary>
        public const byte PciSubclassIde = 0x01;
        /// <summary>Programming interface bit: the primary channel runs in native-PCI mode (not at 0x1F0).</summary>
        public const byte ProgIfPrimaryNative = 0x01;
        /// <summary>Programming interface bit: the secondary channel runs in native-PCI mode (not at 0x170).</summary>
        public const byte ProgIfSecondaryNative = 0x04;
        /// <summary>Programming interface bit: the function is a bus master (has the BAR4 registers).</summary>
        public const byte ProgIfBusMaster = 0x80;
    }
}
