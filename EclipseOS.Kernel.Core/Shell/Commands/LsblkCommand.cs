using System.Collections.Generic;
using EclipseOS.Kernel.Core.Mounting;
using EclipseOS.Storage;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>lsblk</c>: every disk and partition the manager registered, with size, filesystem and mount point.</summary>
    public sealed class LsblkCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "lsblk";

        /// <inheritdoc />
        public string Usage => "lsblk";

        /// <inheritdoc />
        public string Summary => "list block devices and partitions";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 0)
                throw new ShellException("usage: " + Usage);
            KernelContext kernel = session.Kernel;
            IReadOnlyList<RegisteredDisk> disks = kernel.Devices.Disks;
            if (disks.Count == 0)
            {
                session.Output.WriteLine("(no block devices)");
                return;
            }
            var rows = new List<string[]>();
            rows.Add(new[] { "NAME", "SIZE", "BLOCKS", "TYPE", "RO", "MOUNTPOINT", "DESCRIPTION" });
            for (int d = 0; d < disks.Count; d++)
            {
                RegisteredDisk disk = disks[d];
                rows.Add(Row(kernel, disk.Device, disk.Device.Name, TypeOf(disk.DeviceClass)));
                for (int p = 0; p < disk.Partitions.Count; p++)
                {
                    string prefix = p == disk.Partitions.Count - 1 ? "`-" : "|-";
                    rows.Add(Row(kernel, disk.Partitions[p], prefix + disk.Partitions[p].Name, "part"));
                }
            }
            Print(session.Output, rows);
        }

        private static string[] Row(KernelContext kernel, IBlockDevice device, string shownName, string type)
        {
            string mountPoint = "";
            for (int i = 0; i < kernel.Mounts.Count; i++)
            {
                MountRecord m = kernel.Mounts[i];
                if (m.Device == device.Name)
                    mountPoint = m.Path;
            }
            return new[]
            {
                shownName,
                ByteSize.Format(device.BlockCount * (ulong)device.BlockSize),
                device.BlockCount + "x" + device.BlockSize,
                type,
                device.IsReadOnly ? "1" : "0",
                mountPoint,
                device.Description,
            };
        }

        private static string TypeOf(DeviceClass deviceClass)
        {
            switch (deviceClass)
            {
                case DeviceClass.VirtIO: return "virtio";
                case DeviceClass.Ata: return "ata";
                case DeviceClass.Atapi: return "cdrom";
                default: return "ram";
            }
        }

        /// <summary>Pads each column to its widest cell; the last column is not padded.</summary>
        private static void Print(ITextOutput output, List<string[]> rows)
        {
            int columns = rows[0].Length;
            var widths = new int[columns];
            for (int r = 0; r < rows.Count; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    if (rows[r][c].Length > widths[c])
                        widths[c] = rows[r][c].Length;
                }
            }
            for (int r = 0; r < rows.Count; r++)
            {
                string line = "";
                for (int c = 0; c < columns; c++)
                    line += c == columns - 1 ? rows[r][c] : rows[r][c].PadRight(widths[c] + 2);
                output.WriteLine(line.TrimEnd());
            }
        }
    }
}
