namespace EclipseOS.Drivers.Nvme.Identify
{
    /// <summary>The fields of the Identify Namespace data structure (CNS 00h, NVMe Base 1.4 §5.15.2.1, Figure 245) the driver uses.</summary>
    public sealed class IdentifyNamespace
    {
        private IdentifyNamespace(byte[] data)
        {
            Size = IdentifyText.Le64(data, 0);
            FormatCount = data[25] + 1;
            // FLBAS 3:0 picks one of the LBA formats at 128 + 4 × index: MS in 15:0, LBADS in 23:16.
            FormatIndex = data[26] & 0xF;
            int format = 128 + 4 * FormatIndex;
            MetadataBytes = data[format] | (data[format + 1] << 8);
            BlockSizeExponent = data[format + 2];
            DeallocateReadsZeros = (data[33] & 7) == 1;
        }

        /// <summary>NSZE: blocks in the namespace; 0 for an inactive namespace ID.</summary>
        public ulong Size { get; }

        /// <summary>NLBAF + 1: LBA formats the namespace offers.</summary>
        public int FormatCount { get; }

        /// <summary>The LBA format in use (FLBAS 3:0).</summary>
        public int FormatIndex { get; }

        /// <summary>LBADS of the format in use: a block is 2^LBADS bytes.</summary>
        public int BlockSizeExponent { get; }

        /// <summary>MS of the format in use: metadata bytes per block (the driver takes namespaces without metadata).</summary>
        public int MetadataBytes { get; }

        /// <summary>DLFEAT 2:0 = 001b: a deallocated block reads as zeros.</summary>
        public bool DeallocateReadsZeros { get; }

        /// <summary>Decodes the 4096 bytes the controller returned.</summary>
        public static IdentifyNamespace Parse(byte[] data) => new IdentifyNamespace(data);
    }
}
