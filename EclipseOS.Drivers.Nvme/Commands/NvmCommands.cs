namespace EclipseOS.Drivers.Nvme.Commands
{
    /// <summary>The NVM command set commands the driver sends (NVM Command Set, Base 1.4 §6), as <see cref="NvmeCommand"/>s.</summary>
    public static class NvmCommands
    {
        /// <summary>Flush (§6.8): makes completed writes non-volatile.</summary>
        public const byte Flush = 0x00;
        /// <summary>Write (§6.15).</summary>
        public const byte Write = 0x01;
        /// <summary>Read (§6.9).</summary>
        public const byte Read = 0x02;
        /// <summary>Dataset Management (§6.7): with the AD attribute, deallocates ranges.</summary>
        public const byte DatasetManagement = 0x09;

        /// <summary>Bytes of one Dataset Management range: context attributes, length in blocks, starting LBA.</summary>
        public const int RangeBytes = 16;
        /// <summary>Most ranges one Dataset Management command carries (NR is 8 bits, 0-based).</summary>
        public const int MaxRanges = 256;

        /// <summary>Read or Write of <paramref name="blocks"/> blocks (1–65536) at <paramref name="lba"/>.</summary>
        public static NvmeCommand ReadWrite(bool write, uint namespaceId, ulong lba, int blocks) =>
            new NvmeCommand
            {
                Opcode = write ? Write : Read,
                NamespaceId = namespaceId,
                Dword10 = (uint)lba,
                Dword11 = (uint)(lba >> 32),
                Dword12 = (uint)(blocks - 1),   // NLB is 0-based
            };

        /// <summary>Flush of <paramref name="namespaceId"/>.</summary>
        public static NvmeCommand FlushCommand(uint namespaceId) => new NvmeCommand { Opcode = Flush, NamespaceId = namespaceId };

        /// <summary>Dataset Management, deallocate, of <paramref name="ranges"/> ranges laid out in the data (see <see cref="PutRange"/>).</summary>
        public static NvmeCommand Deallocate(uint namespaceId, int ranges) =>
            new NvmeCommand
            {
                Opcode = DatasetManagement,
                NamespaceId = namespaceId,
                Dword10 = (uint)(ranges - 1),
                Dword11 = 1u << 2,   // AD: attribute – deallocate
            };

        /// <summary>Writes range <paramref name="index"/> (<paramref name="blocks"/> blocks at <paramref name="lba"/>) into Dataset Management data.</summary>
        public static void PutRange(byte[] data, int index, ulong lba, uint blocks)
        {
            int at = index * RangeBytes;
            for (int i = 0; i < 4; i++)
            {
                data[at + i] = 0;
                data[at + 4 + i] = (byte)(blocks >> (8 * i));
            }
            for (int i = 0; i < 8; i++)
                data[at + 8 + i] = (byte)(lba >> (8 * i));
        }
    }
}
