using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using EclipseOS.Platform.Qtest.Devices;
using EclipseOS.Storage;
using EclipseOS.Storage.Host;
using EclipseOS.Storage.Partitions;
using Spectre.Console;

namespace EclipseOS.Cli.Verbs
{
    /// <summary>
    /// <c>eclipse lsblk IMG… [--block-size N] [--plain] [--verbose]</c>: registers each image file
    /// with the block-device manager, as a VirtIO disk (so they are named <c>vda</c>, <c>vdb</c> …
    /// in argument order, the names the kernel gives disks attached with <c>-drive if=virtio</c>),
    /// and lists the disks and the partitions the manager found, like Linux <c>lsblk</c>.
    /// Images are opened read-only.
    /// </summary>
    public sealed class LsblkVerb : ICliVerb
    {
        /// <inheritdoc />
        public Command Build()
        {
            var images = new Argument<string[]>("images") { Description = "Disk image files", Arity = ArgumentArity.OneOrMore };
            var blockSize = new Option<int>("--block-size") { Description = "Logical block size of the images in bytes (512 or 4096 …)", DefaultValueFactory = _ => FileBlockDevice.DefaultBlockSize };
            var plain = new Option<bool>("--plain") { Description = "Plain aligned columns even on a terminal (the format used when output is redirected)" };
            var verbose = new Option<bool>("--verbose") { Description = "Also print the manager's log (registration, partition scan)" };
            var command = new Command("lsblk", "List the disks and partitions the block-device manager finds in disk image files");
            command.Arguments.Add(images);
            command.Options.Add(blockSize);
            command.Options.Add(plain);
            command.Options.Add(verbose);
            command.SetAction(parseResult =>
            {
                bool table = !parseResult.GetValue(plain) && !Console.IsOutputRedirected;
                return Run(parseResult.GetValue(images) ?? Array.Empty<string>(), parseResult.GetValue(blockSize), table, parseResult.GetValue(verbose), Console.Out, Console.Error);
            });
            return command;
        }

        /// <summary>Runs lsblk; returns the exit code (0 listed, 1 an image could not be opened, 2 bad arguments).</summary>
        public static int Run(string[] images, int blockSize, bool table, bool verbose, TextWriter output, TextWriter error)
        {
            if (blockSize < 512 || (blockSize & (blockSize - 1)) != 0)
            {
                error.WriteLine("lsblk: --block-size must be a power of two of at least 512, not " + blockSize);
                return 2;
            }
            foreach (string image in images)
            {
                if (!File.Exists(image))
                {
                    error.WriteLine("lsblk: disk image not found: " + image);
                    return 2;
                }
            }
            // The manager's log: echoed to stderr with --verbose, else dropped.
            TextLog log = verbose ? new TextLog(error.WriteLine) : TextLog.Discard;
            var manager = new BlockDeviceManager(log);
            var opened = new List<FileBlockDevice>();
            try
            {
                foreach (string image in images)
                {
                    FileBlockDevice disk;
                    try
                    {
                        disk = new FileBlockDevice(image, blockSize, readOnly: true);
                    }
                    catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                    {
                        error.WriteLine("lsblk: cannot open " + image + ": " + e.Message);
                        return 1;
                    }
                    opened.Add(disk);
                    manager.Register(disk, DeviceClass.VirtIO);
                }
                List<DeviceListingRow> rows = DeviceListing.Rows(manager);
                if (table) WriteTable(rows);
                else foreach (string line in DeviceListing.FormatPlain(rows)) output.WriteLine(line);
                WriteNotes(manager, error);
                return 0;
            }
            finally
            {
                foreach (FileBlockDevice disk in opened) disk.Dispose();
            }
        }

        /// <summary>What a reader of the table should know: unusable tables and backup GPTs in use.</summary>
        private static void WriteNotes(BlockDeviceManager manager, TextWriter error)
        {
            foreach (RegisteredDisk disk in manager.Disks)
            {
                if (disk.ScanError.Length > 0)
                    error.WriteLine("lsblk: " + disk.Device.Name + ": partition table unusable: " + disk.ScanError);
                else if (disk.Table.Scheme != PartitionScheme.None)
                    foreach (string warning in disk.Table.Warnings)
                        error.WriteLine("lsblk: " + disk.Device.Name + ": " + warning);
            }
        }

        private static void WriteTable(List<DeviceListingRow> rows)
        {
            var grid = new Table().Border(TableBorder.None);
            foreach (string heading in DeviceListing.Headings)
            {
                var column = new TableColumn(heading).PadLeft(0).PadRight(2); // lsblk-tight columns: fits 80 characters
                grid.AddColumn(heading == "LABEL" ? column : column.NoWrap()); // only the free-text column may wrap
            }
            foreach (int right in new[] { 1, 2, 6 })
                grid.Columns[right].RightAligned();
            for (int i = 0; i < rows.Count; i++)
            {
                string[] cells = DeviceListing.Cells(rows[i]);
                bool lastOfDisk = i + 1 == rows.Count || !rows[i + 1].IsPartition;
                cells[0] = rows[i].IsPartition ? (lastOfDisk ? "└─" : "├─") + cells[0] : cells[0];
                var markup = new List<Markup>();
                for (int c = 0; c < cells.Length; c++)
                    markup.Add(new Markup(Markup.Escape(cells[c]), rows[i].IsPartition || c != 0 ? Style.Plain : new Style(decoration: Decoration.Bold)));
                grid.AddRow(markup);
            }
            AnsiConsole.Write(grid);
        }
    }
}
