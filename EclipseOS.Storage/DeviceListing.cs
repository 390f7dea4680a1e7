using System.Collections.Generic;
using EclipseOS.Storage.Partitions;

namespace EclipseOS.Storage
{
    /// <summary>One line of an <c>lsblk</c>-style listing.</summary>
    public sealed class DeviceListingRow
    {
        internal DeviceListingRow(IBlockDevice device, bool isPartition, string scheme, string start, string partitionType, string label)
        {
            Device = device;
            IsPartition = isPartition;
            Scheme = scheme;
            Start = start;
            PartitionType = partitionType;
            Label = label;
        }

        /// <summary>The disk or partition.</summary>
        public IBlockDevice Device { get; }

        /// <summary>Whether it is a partition (TYPE "part") rather than a whole disk ("disk").</summary>
        public bool IsPartition { get; }

        /// <summary>NAME.</summary>
        public string Name => Device.Name;

        /// <summary>SIZE, as lsblk prints it.</summary>
        public string Size => ByteSize.Format(Device.BlockCount * (ulong)Device.BlockSize);

        /// <summary>Logical block size in bytes.</summary>
        public int BlockSize => Device.BlockSize;

        /// <summary>RO: "1" when read-only, else "0".</summary>
        public string ReadOnly => Device.IsReadOnly ? "1" : "0";

        /// <summary>TYPE: "disk" or "part".</summary>
        public string Type => IsPartition ? "part" : "disk";

        /// <summary>PTTYPE as lsblk names it: "gpt", "dos", or "" (none, or the table is unusable).</summary>
        public string Scheme { get; }

        /// <summary>First LBA of a partition on its disk; "" for disks.</summary>
        public string Start { get; }

        /// <summary>Partition type: a known name (with the MBR type byte), else the raw GUID or byte; "" for disks.</summary>
        public string PartitionType { get; }

        /// <summary>GPT partition name for partitions; the disk's description for disks.</summary>
        public string Label { get; }
    }

    /// <summary>
    /// The manager's devices as an <c>lsblk</c>-style table, shared by the host CLI and the
    /// kernel shell: each disk, then its partitions.
    /// </summary>
    public static class DeviceListing
    {
        /// <summary>Column headings, in <see cref="FormatPlain"/> order.</summary>
        public static readonly string[] Headings = { "NAME", "SIZE", "BSIZE", "RO", "TYPE", "PTTYPE", "START", "PARTTYPE", "LABEL" };

        /// <summary>Rows for every registered disk and partition, in the manager's order.</summary>
        public static List<DeviceListingRow> Rows(BlockDeviceManager manager)
        {
            var rows = new List<DeviceListingRow>();
            for (int i = 0; i < manager.Disks.Count; i++)
            {
                RegisteredDisk disk = manager.Disks[i];
                string scheme = SchemeName(disk.Table.Scheme);
                rows.Add(new DeviceListingRow(disk.Device, false, scheme, "", "", disk.Device.Description));
                for (int p = 0; p < disk.Partitions.Count; p++)
                {
                    PartitionBlockDevice partition = disk.Partitions[p];
                    PartitionInfo info = partition.Info;
                    string known = PartitionTypeNames.Describe(info);
                    string type = info.TypeGuid.Length > 0
                        ? (known.Length > 0 ? known : info.TypeGuid)
                        : info.TypeText + (known.Length > 0 ? " " + known : "");
                    rows.Add(new DeviceListingRow(partition, true, scheme, info.FirstLba.ToString(), type, info.Name));
                }
            }
            return rows;
        }

        /// <summary>The cells of a row, in <see cref="Headings"/> order.</summary>
        public static string[] Cells(DeviceListingRow row)
            => new[] { row.Name, row.Size, row.BlockSize.ToString(), row.ReadOnly, row.Type, row.Scheme, row.Start, row.PartitionType, row.Label };

        /// <summary>Plain text: a heading line and one line per row, columns padded to line up; numbers right-aligned.</summary>
        public static List<string> FormatPlain(List<DeviceListingRow> rows)
        {
            var table = new List<string[]> { Headings };
            for (int i = 0; i < rows.Count; i++)
                table.Add(Cells(rows[i]));
            var widths = new int[Headings.Length];
            for (int r = 0; r < table.Count; r++)
                for (int c = 0; c < widths.Length; c++)
                    if (table[r][c].Length > widths[c]) widths[c] = table[r][c].Length;
            var lines = new List<string>();
            for (int r = 0; r < table.Count; r++)
            {
                var line = new System.Text.StringBuilder();
                for (int c = 0; c < widths.Length; c++)
                {
                    string cell = table[r][c];
                    bool last = c == widths.Length - 1;
                    bool rightAligned = c == 1 || c == 2 || c == 6;
                    if (c > 0) line.Append(' ');
                    if (rightAligned) line.Append(' ', widths[c] - cell.Length);
                    line.Append(cell);
                    if (!rightAligned && !last) line.Append(' ', widths[c] - cell.Length);
                }
                lines.Add(line.ToString().TrimEnd());
            }
            return lines;
        }

        /// <summary>lsblk's PTTYPE name of a scheme.</summary>
        public static string SchemeName(PartitionScheme scheme)
            => scheme == PartitionScheme.Gpt ? "gpt" : scheme == PartitionScheme.Mbr ? "dos" : "";
    }
}
