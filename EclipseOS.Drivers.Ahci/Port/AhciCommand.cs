namespace EclipseOS.Drivers.Ahci.Port
{
    /// <summary>One ATA command for a port: the task-file fields of its register FIS, an ATAPI packet, and the data buffer.</summary>
    public sealed class AhciCommand
    {
        /// <summary>The ATA command code.</summary>
        public byte Code;
        /// <summary>The 48-bit LBA.</summary>
        public ulong Lba;
        /// <summary>The count field (sectors, or for NCQ the tag in bits 7:3).</summary>
        public ushort Count;
        /// <summary>The features field (for NCQ: the sector count).</summary>
        public ushort Features;
        /// <summary>The device register (the LBA bit for LBA commands).</summary>
        public byte Device;
        /// <summary>The SCSI command of a PACKET command (12 or 16 bytes), or null.</summary>
        public byte[]? Packet;
        /// <summary>Data buffer, or null for a command without data.</summary>
        public byte[]? Buffer;
        /// <summary>Where the data starts in <see cref="Buffer"/>.</summary>
        public int Offset;
        /// <summary>Bytes of data.</summary>
        public int Length;
        /// <summary>Whether the data goes to the device.</summary>
        public bool Write;
        /// <summary>The first sector, for error messages ("at LBA n"); ulong.MaxValue when the command has none.</summary>
        public ulong ReportedLba = ulong.MaxValue;
    }
}
