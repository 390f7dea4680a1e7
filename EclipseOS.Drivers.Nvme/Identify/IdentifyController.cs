namespace EclipseOS.Drivers.Nvme.Identify
{
    /// <summary>The fields of the Identify Controller data structure (CNS 01h, NVMe Base 1.4 §5.15.2.2, Figure 247) the driver uses.</summary>
    public sealed class IdentifyController
    {
        /// <summary>Bytes of the structure.</summary>
        public const int Size = 4096;

        private const int OncsDatasetManagement = 1 << 2;

        private IdentifyController(byte[] data)
        {
            VendorId = (ushort)(data[0] | (data[1] << 8));
            Serial = IdentifyText.Ascii(data, 4, 20);
            Model = IdentifyText.Ascii(data, 24, 40);
            Firmware = IdentifyText.Ascii(data, 64, 8);
            MaxTransferExponent = data[77];
            NamespaceCount = IdentifyText.Le32(data, 516);
            OptionalCommands = (ushort)(data[520] | (data[521] << 8));
            VolatileWriteCache = (data[525] & 1) != 0;
        }

        /// <summary>PCI vendor ID (VID).</summary>
        public ushort VendorId { get; }

        /// <summary>Serial number (SN), trailing spaces removed.</summary>
        public string Serial { get; }

        /// <summary>Model number (MN), e.g. <c>QEMU NVMe Ctrl</c>.</summary>
        public string Model { get; }

        /// <summary>Firmware revision (FR).</summary>
        public string Firmware { get; }

        /// <summary>MDTS: the largest transfer is 2^MDTS minimum memory pages; 0 means no limit.</summary>
        public byte MaxTransferExponent { get; }

        /// <summary>NN: the highest namespace ID the controller may have.</summary>
        public uint NamespaceCount { get; }

        /// <summary>ONCS: optional NVM commands supported.</summary>
        public ushort OptionalCommands { get; }

        /// <summary>Whether Dataset Management (deallocation) is supported (ONCS bit 2).</summary>
        public bool SupportsDatasetManagement => (OptionalCommands & OncsDatasetManagement) != 0;

        /// <summary>Whether a volatile write cache is present (VWC bit 0), which Flush empties.</summary>
        public bool VolatileWriteCache { get; }

        /// <summary>Decodes the 4096 bytes the controller returned.</summary>
        public static IdentifyController Parse(byte[] data) => new IdentifyController(data);
    }
}
