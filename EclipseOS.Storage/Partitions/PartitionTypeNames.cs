namespace EclipseOS.Storage.Partitions
{
    /// <summary>Human names of the partition types an Eclipse OS disk is likely to carry (as <c>sgdisk -L</c> and <c>sfdisk -T</c> name them).</summary>
    public static class PartitionTypeNames
    {
        /// <summary>GPT type of a Linux filesystem; the original Eclipse OS image puts EclipseFS in one.</summary>
        public const string LinuxFilesystem = "0FC63DAF-8483-4772-8E79-3D69D8477DE4";

        /// <summary>GPT type of an EFI system partition.</summary>
        public const string EfiSystem = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";

        /// <summary>GPT type of a BIOS boot partition.</summary>
        public const string BiosBoot = "21686148-6449-6E6F-744E-656564454649";

        /// <summary>GPT type of Microsoft basic data.</summary>
        public const string MicrosoftBasicData = "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7";

        /// <summary>GPT type of Linux swap.</summary>
        public const string LinuxSwap = "0657FD6D-A4AB-43C4-84E5-0933C84B4F4F";

        /// <summary>A short name for the partition's type, or "" when it is not a well-known one.</summary>
        public static string Describe(PartitionInfo partition)
        {
            if (partition.TypeGuid.Length > 0)
            {
                string guid = partition.TypeGuid;
                if (guid == LinuxFilesystem) return "Linux filesystem";
                if (guid == EfiSystem) return "EFI System";
                if (guid == BiosBoot) return "BIOS boot";
                if (guid == MicrosoftBasicData) return "Microsoft basic data";
                if (guid == LinuxSwap) return "Linux swap";
                return "";
            }
            switch (partition.MbrType)
            {
                case 0x01: return "FAT12";
                case 0x04: return "FAT16 <32M";
                case 0x05: return "Extended";
                case 0x06: return "FAT16";
                case 0x07: return "HPFS/NTFS/exFAT";
                case 0x0B: return "W95 FAT32";
                case 0x0C: return "W95 FAT32 (LBA)";
                case 0x0E: return "W95 FAT16 (LBA)";
                case 0x0F: return "W95 Ext'd (LBA)";
                case 0x82: return "Linux swap";
                case 0x83: return "Linux";
                case 0x85: return "Linux extended";
                case 0xEF: return "EFI (FAT-12/16/32)";
                default: return "";
            }
        }
    }
}
