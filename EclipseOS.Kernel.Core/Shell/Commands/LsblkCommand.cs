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
            TextTable.Print(session.Output, table);
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
    }
}
