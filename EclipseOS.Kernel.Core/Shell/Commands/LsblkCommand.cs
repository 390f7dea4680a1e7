using System.Collections.Generic;
using EclipseOS.Storage;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary>
    /// <c>lsblk</c>: every disk and partition the manager registered — the storage layer's
    /// shared listing (the host's <c>eclipse lsblk</c> prints the same columns) plus where each is mounted.
    /// </summary>
    public sealed class LsblkCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "lsblk";

        /// <inheritdoc />
        public string Usage => "lsblk";

        /// <inheritdoc />
        public string Summary => "list block devices and partitions, and where they are mounted";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 0)
                throw new ShellException("usage: " + Usage);
            KernelContext kernel = session.Kernel;
            List<DeviceListingRow> rows = DeviceListing.Rows(kernel.Devices);
            if (rows.Count == 0)
            {
                session.Output.WriteLine("(no block devices)");
                return;
            }
            var table = new List<string[]>();
            table.Add(WithMountPoint(DeviceListing.Headings, "MOUNTPOINT"));
            for (int i = 0; i < rows.Count; i++)
                table.Add(WithMountPoint(DeviceListing.Cells(rows[i]), MountPointOf(kernel, rows[i].Name)));
            Print(session.Output, table);
        }

        /// <summary>The cells with the mount point inserted before the last (free-text label) column.</summary>
        private static string[] WithMountPoint(string[] cells, string mountPoint)
        {
            var row = new string[cells.Length + 1];
            int at = cells.Length - 1;
            for (int i = 0; i < at; i++)
                row[i] = cells[i];
            row[at] = mountPoint;
            row[at + 1] = cells[at];
            return row;
        }

        private static string MountPointOf(KernelContext kernel, string device)
        {
            for (int i = 0; i < kernel.Mounts.Count; i++)
            {
                if (kernel.Mounts[i].Device == device)
                    return kernel.Mounts[i].Path;
            }
            return "";
        }

        /// <summary>Pads each column to its widest cell with one space between columns; trailing blanks trimmed.</summary>
        private static void Print(ITextOutput output, List<string[]> table)
        {
            int columns = table[0].Length;
            var widths = new int[columns];
            for (int r = 0; r < table.Count; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    if (table[r][c].Length > widths[c])
                        widths[c] = table[r][c].Length;
                }
            }
            for (int r = 0; r < table.Count; r++)
            {
                string line = "";
                for (int c = 0; c < columns; c++)
                    line += (c > 0 ? " " : "") + table[r][c].PadRight(widths[c]);
                output.WriteLine(line.TrimEnd());
            }
        }
    }
}
