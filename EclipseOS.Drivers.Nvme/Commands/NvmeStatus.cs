using EclipseOS.Hal.Text;

namespace EclipseOS.Drivers.Nvme.Commands
{
    /// <summary>
    /// The status field of a completion (NVMe Base 1.4 §4.6.1.2): status code type in bits 10:8,
    /// status code in 7:0 of the field as this driver keeps it (the phase bit shifted out).
    /// </summary>
    public static class NvmeStatus
    {
        /// <summary>Status code type 0: generic command status.</summary>
        public const int TypeGeneric = 0;
        /// <summary>Status code type 1: command specific status.</summary>
        public const int TypeCommandSpecific = 1;
        /// <summary>Status code type 2: media and data integrity errors.</summary>
        public const int TypeMedia = 2;

        /// <summary>The status code type of <paramref name="status"/>.</summary>
        public static int Type(ushort status) => (status >> 8) & 7;

        /// <summary>The status code of <paramref name="status"/>.</summary>
        public static int Code(ushort status) => status & 0xFF;

        /// <summary><c>status type 2 code 0x81 (unrecovered read error)</c>.</summary>
        public static string Describe(ushort status)
        {
            string meaning = Meaning(Type(status), Code(status));
            return "status type " + Type(status) + " code 0x" + Hex.Lower((ulong)Code(status), 2) + (meaning.Length > 0 ? " (" + meaning + ")" : "");
        }

        // The codes a driver of reads, writes, flushes and deallocation meets (§4.6.1.2.1, §4.6.1.2.2, §4.6.1.2.3).
        private static string Meaning(int type, int code)
        {
            if (type == TypeGeneric)
            {
                switch (code)
                {
                    case 0x00: return "successful completion";
                    case 0x01: return "invalid command opcode";
                    case 0x02: return "invalid field in command";
                    case 0x04: return "data transfer error";
                    case 0x05: return "aborted: power loss notification";
                    case 0x06: return "internal error";
                    case 0x07: return "command abort requested";
                    case 0x08: return "aborted: submission queue deleted";
                    case 0x0B: return "invalid namespace or format";
                    case 0x13: return "invalid PRP offset";
                    case 0x80: return "LBA out of range";
                    case 0x81: return "capacity exceeded";
                    case 0x82: return "namespace not ready";
                }
            }
            else if (type == TypeCommandSpecific)
            {
                switch (code)
                {
                    case 0x01: return "invalid queue identifier";
                    case 0x02: return "invalid queue size";
                    case 0x08: return "invalid interrupt vector";
                    case 0x80: return "conflicting attributes";
                    case 0x82: return "attempted write to read-only range";
                }
            }
            else if (type == TypeMedia)
            {
                switch (code)
                {
                    case 0x80: return "write fault";
                    case 0x81: return "unrecovered read error";
                    case 0x82: return "end-to-end guard check error";
                    case 0x85: return "compare failure";
                    case 0x86: return "access denied";
                    case 0x87: return "deallocated or unwritten logical block";
                }
            }
            return "";
        }
    }
}
