using System.Collections.Generic;

namespace EclipseOS.Storage.Partitions
{
    /// <summary>Refuses tables whose partitions share blocks: a write to one would destroy the other.</summary>
    internal static class PartitionOverlap
    {
        /// <summary>Throws a <see cref="PartitionTableException"/> naming the first two partitions of <paramref name="partitions"/> that overlap.</summary>
        public static void Check(string device, ulong tableLba, string what, List<PartitionInfo> partitions)
        {
            // Sort a copy by start (insertion sort: tables are small), then compare neighbours.
            var byStart = new List<PartitionInfo>(partitions);
            for (int i = 1; i < byStart.Count; i++)
            {
                PartitionInfo item = byStart[i];
                int j = i - 1;
                while (j >= 0 && byStart[j].FirstLba > item.FirstLba)
                {
                    byStart[j + 1] = byStart[j];
                    j--;
                }
                byStart[j + 1] = item;
            }
            for (int i = 1; i < byStart.Count; i++)
            {
                PartitionInfo a = byStart[i - 1], b = byStart[i];
                if (b.FirstLba <= a.LastLba)
                    throw new PartitionTableException(device, tableLba, what + ": partitions " + a.Number + " (LBAs " + a.FirstLba + "-" + a.LastLba + ") and " + b.Number + " (LBAs " + b.FirstLba + "-" + b.LastLba + ") overlap");
            }
        }
    }
}
