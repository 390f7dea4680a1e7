using System.Collections.Generic;

namespace EclipseOS.Storage.Partitions
{
    /// <summary>What a disk's partition table says: the scheme, the partitions in number order, and notes worth logging.</summary>
    public sealed class PartitionTable
    {
        /// <summary>Creates a result.</summary>
        public PartitionTable(PartitionScheme scheme, List<PartitionInfo> partitions, string diskGuid, List<string> warnings)
        {
            Scheme = scheme;
            Partitions = partitions;
            DiskGuid = diskGuid;
            Warnings = warnings;
        }

        /// <summary>A disk without a partition table.</summary>
        public static PartitionTable NoTable(string why) => new PartitionTable(PartitionScheme.None, new List<PartitionInfo>(), "", new List<string> { why });

        /// <summary>GPT, MBR or none.</summary>
        public PartitionScheme Scheme { get; }

        /// <summary>Partitions in number order (MBR extended containers included, marked).</summary>
        public List<PartitionInfo> Partitions { get; }

        /// <summary>GPT disk GUID, or "" for MBR / none.</summary>
        public string DiskGuid { get; }

        /// <summary>Things that are not errors but worth a log line (backup GPT in use, why no table was found).</summary>
        public List<string> Warnings { get; }
    }
}
