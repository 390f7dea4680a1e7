namespace EclipseOS.Drivers.Nvme.Commands
{
    /// <summary>
    /// One submission queue entry (NVMe Base 1.4 §4.2, 64 bytes) as fields: the opcode, the
    /// namespace, the data pointer (PRP1/PRP2, §4.3) and the command dwords 10–15. The queue
    /// fills in the command identifier and the PRPs; <see cref="Encode"/> lays the entry out.
    /// </summary>
    public sealed class NvmeCommand
    {
        /// <summary>Opcode (CDW0 bits 7:0).</summary>
        public byte Opcode { get; set; }

        /// <summary>Namespace ID (CDW1); 0 for commands that concern none.</summary>
        public uint NamespaceId { get; set; }

        /// <summary>PRP entry 1: the first data page, with an offset allowed.</summary>
        public ulong Prp1 { get; set; }

        /// <summary>PRP entry 2: the second page, or the address of a PRP list (§4.3).</summary>
        public ulong Prp2 { get; set; }

        /// <summary>Command dword 10.</summary>
        public uint Dword10 { get; set; }

        /// <summary>Command dword 11.</summary>
        public uint Dword11 { get; set; }

        /// <summary>Command dword 12.</summary>
        public uint Dword12 { get; set; }

        /// <summary>Command dword 13.</summary>
        public uint Dword13 { get; set; }

        /// <summary>Command dword 14.</summary>
        public uint Dword14 { get; set; }

        /// <summary>Command dword 15.</summary>
        public uint Dword15 { get; set; }

        /// <summary>Writes the 64-byte entry with command identifier <paramref name="commandId"/> into <paramref name="entry"/> (zeroed first: reserved fields must be 0).</summary>
        public void Encode(ushort commandId, byte[] entry)
        {
            for (int i = 0; i < entry.Length; i++)
                entry[i] = 0;
            // CDW0: FUSE 0 (not fused), PSDT 0 (PRPs, not SGLs), CID in 31:16.
            Put32(entry, 0, Opcode | ((uint)commandId << 16));
            Put32(entry, 4, NamespaceId);
            Put64(entry, 24, Prp1);
            Put64(entry, 32, Prp2);
            Put32(entry, 40, Dword10);
            Put32(entry, 44, Dword11);
            Put32(entry, 48, Dword12);
            Put32(entry, 52, Dword13);
            Put32(entry, 56, Dword14);
            Put32(entry, 60, Dword15);
        }

        private static void Put32(byte[] b, int at, uint value)
        {
            b[at] = (byte)value;
            b[at + 1] = (byte)(value >> 8);
            b[at + 2] = (byte)(value >> 16);
            b[at + 3] = (byte)(value >> 24);
        }

        private static void Put64(byte[] b, int at, ulong value)
        {
            Put32(b, at, (uint)value);
            Put32(b, at + 4, (uint)(value >> 32));
        }
    }
}
