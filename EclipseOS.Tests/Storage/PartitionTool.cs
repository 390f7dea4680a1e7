using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;

namespace EclipseOS.Tests.Storage
{
    /// <summary>A partition as a real tool prints it; what our readers must agree with.</summary>
    public sealed record ToolPartition(int Number, ulong Start, ulong End, string Type, string UniqueGuid, string Name, bool Bootable);

    /// <summary>Runs sgdisk, sfdisk and fdisk on image files and parses what they print.</summary>
    public static class PartitionTool
    {
        public static string Run(string tool, string arguments, string? stdin = null)
        {
            var info = new ProcessStartInfo(tool, arguments)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.Environment["LC_ALL"] = "C";
            using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + tool);
            if (stdin != null) process.StandardInput.Write(stdin);
            process.StandardInput.Close();
            var stderrTask = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(30_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException(tool + " " + arguments + " did not finish in 30 s");
            }
            string stderr = stderrTask.Result;
            if (process.ExitCode != 0)
                throw new InvalidOperationException(tool + " " + arguments + " exited " + process.ExitCode + ": " + stderr + stdout);
            return stdout;
        }

        public static string NewImage(string directory, string name, long bytes)
        {
            string path = Path.Combine(directory, name);
            using (var file = new FileStream(path, FileMode.Create))
                file.SetLength(bytes);
            return path;
        }

        /// <summary><c>sgdisk -p</c> for numbers, starts, ends and names; <c>sgdisk -i N</c> for the GUIDs.</summary>
        public static (string DiskGuid, List<ToolPartition> Partitions) Sgdisk(string image)
        {
            string print = Run("sgdisk", "-p " + image);
            string diskGuid = Regex.Match(print, @"Disk identifier \(GUID\): (\S+)").Groups[1].Value;
            var partitions = new List<ToolPartition>();
            foreach (Match row in Regex.Matches(print, @"^\s+(\d+)\s+(\d+)\s+(\d+)\s+\S+ \S+\s+[0-9A-F]{4}  (.*)$", RegexOptions.Multiline))
            {
                int number = int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture);
                string info = Run("sgdisk", "-i " + number + " " + image);
                partitions.Add(new ToolPartition(number,
                    ulong.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture),
                    ulong.Parse(row.Groups[3].Value, CultureInfo.InvariantCulture),
                    Regex.Match(info, @"Partition GUID code: (\S+)").Groups[1].Value,
                    Regex.Match(info, @"Partition unique GUID: (\S+)").Groups[1].Value,
                    Regex.Match(info, @"Partition name: '(.*)'").Groups[1].Value,
                    false));
            }
            return (diskGuid, partitions);
        }

        /// <summary><c>sfdisk -d</c>: one line per partition, the extended container included.</summary>
        public static List<ToolPartition> SfdiskDump(string image)
        {
            var partitions = new List<ToolPartition>();
            foreach (Match row in Regex.Matches(Run("sfdisk", "-d " + image), @"^\S+?(\d+) : start=\s*(\d+), size=\s*(\d+), type=([0-9a-f]+)(, bootable)?", RegexOptions.Multiline))
            {
                ulong start = ulong.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture);
                ulong size = ulong.Parse(row.Groups[3].Value, CultureInfo.InvariantCulture);
                partitions.Add(new ToolPartition(int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture), start, start + size - 1,
                    row.Groups[4].Value, "", "", row.Groups[5].Success));
            }
            return partitions;
        }

        /// <summary><c>fdisk -b SIZE -l -o …</c> of a DOS label (for sector sizes sfdisk cannot use on a file).</summary>
        public static List<ToolPartition> FdiskDos(string image, int sectorSize)
        {
            var partitions = new List<ToolPartition>();
            foreach (Match row in Regex.Matches(Run("fdisk", "-b " + sectorSize + " -l -o Device,Start,End,Id " + image), @"^\S+?(\d+)\s+(\d+)\s+(\d+)\s+([0-9a-f]+)$", RegexOptions.Multiline))
                partitions.Add(new ToolPartition(int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture),
                    ulong.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture), ulong.Parse(row.Groups[3].Value, CultureInfo.InvariantCulture),
                    row.Groups[4].Value, "", "", false));
            return partitions;
        }

        /// <summary><c>fdisk -b SIZE -l -o …</c> of a GPT (the one real tool here that writes GPTs with 4096-byte sectors to an image).</summary>
        public static (string DiskGuid, List<ToolPartition> Partitions) FdiskGpt(string image, int sectorSize)
        {
            string list = Run("fdisk", "-b " + sectorSize + " -l -o Device,Start,End,Type-UUID,UUID,Name " + image);
            string diskGuid = Regex.Match(list, @"Disk identifier: (\S+)").Groups[1].Value;
            var partitions = new List<ToolPartition>();
            foreach (Match row in Regex.Matches(list, @"^\S+?(\d+)\s+(\d+)\s+(\d+) (\S+) (\S+) ?(.*)$", RegexOptions.Multiline))
                partitions.Add(new ToolPartition(int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture),
                    ulong.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture), ulong.Parse(row.Groups[3].Value, CultureInfo.InvariantCulture),
                    row.Groups[4].Value, row.Groups[5].Value, row.Groups[6].Value.TrimEnd(), false));
            return (diskGuid, partitions);
        }
    }
}
