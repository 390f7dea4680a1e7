using EclipseOS.Hal.Text;

namespace EclipseOS.Storage.Partitions
{
    /// <summary>One partition as its table describes it (not yet a device).</summary>
    public sealed class PartitionInfo
    {
        /// <summary>Creates a description; <paramref name="typeGuid"/> is "" for MBR partitions, <paramref name="mbrType"/> 0 for GPT ones.</summary>
        public PartitionInfo(int number, ulong firstLba, ulong blockCount, string typeGuid, string uniqueGuid, byte mbrType, string name, bool bootable, bool isExtended)
        {
            Number = number;
            FirstLba = firstLba;
            BlockCount = blockCount;
            TypeGuid = typeGuid;
            UniqueGuid = uniqueGuid;
            MbrType = mbrType;
            Name = name;
            Bootable = bootable;
            IsExtended = isExtended;
        }

        /// <summary>Partition number as Linux numbers it: GPT entry index + 1; MBR slot 1–4, logical partitions from 5.</summary>
        public int Number { get; }

        /// <summary>First logical block on the disk.</summary>
        public ulong FirstLba { get; }

        /// <summary>Length in logical blocks.</summary>
        public ulong BlockCount { get; }

        /// <summary>Last logical block (inclusive), as <c>sgdisk</c> and <c>sfdisk</c> print ends.</summary>
        public ulong LastLba => FirstLba + BlockCount - 1;

        /// <summary>GPT partition type GUID in upper-case text form, or "" for MBR.</summary>
        public string TypeGuid { get; }

        /// <summary>GPT unique partition GUID, or "" for MBR.</summary>
        public string UniqueGuid { get; }

        /// <summary>MBR partition type byte, or 0 for GPT.</summary>
        public byte MbrType { get; }

        /// <summary>GPT partition name (UTF-16 label), or "" for MBR.</summary>
        public string Name { get; }

        /// <summary>MBR boot flag (0x80), or GPT "legacy BIOS bootable" attribute (bit 2).</summary>
        public bool Bootable { get; }

        /// <summary>An MBR extended partition: a container of logical partitions, not a device of its own.</summary>
        public bool IsExtended { get; }

        /// <summary>The type as text: the GUID, or the MBR type in hex (<c>0x83</c>).</summary>
        public string TypeText => TypeGuid.Length > 0 ? TypeGuid : "0x" + Hex.Byte(MbrType);
    }
}
