using System.Collections.Generic;

namespace EclipseOS.Cli.Lspci
{
    /// <summary>Readable names of the PCI class/subclass pairs QEMU's x86 boards and disks show (PCI Code and ID Assignment Specification 1.12, §1).</summary>
    public static class PciClassNames
    {
        private static readonly Dictionary<int, string> Names = new Dictionary<int, string>
        {
            [0x0000] = "Non-VGA unclassified device",
            [0x0100] = "SCSI storage controller",
            [0x0101] = "IDE interface",
            [0x0105] = "ATA controller",
            [0x0106] = "SATA controller",
            [0x0107] = "Serial Attached SCSI controller",
            [0x0108] = "Non-Volatile memory controller",
            [0x0180] = "Mass storage controller",
            [0x0200] = "Ethernet controller",
            [0x0280] = "Network controller",
            [0x0300] = "VGA compatible controller",
            [0x0380] = "Display controller",
            [0x0401] = "Multimedia audio controller",
            [0x0403] = "Audio device",
            [0x0600] = "Host bridge",
            [0x0601] = "ISA bridge",
            [0x0604] = "PCI bridge",
            [0x0680] = "Bridge",
            [0x0700] = "Serial controller",
            [0x0780] = "Communication controller",
            [0x0880] = "System peripheral",
            [0x0c03] = "USB controller",
            [0x0c05] = "SMBus",
            [0x00ff] = "Unassigned class",
        };

        /// <summary>The name for <paramref name="classCode"/>/<paramref name="subclass"/>, or <c>Class xx:yy</c> when unknown.</summary>
        public static string Of(byte classCode, byte subclass)
        {
            return Names.TryGetValue((classCode << 8) | subclass, out string? name)
                ? name
                : "Class " + classCode.ToString("x2") + ":" + subclass.ToString("x2");
        }
    }
}
