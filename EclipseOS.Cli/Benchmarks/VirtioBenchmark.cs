using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using EclipseOS.Benchmarks.VirtIO;
using EclipseOS.Cli.Disks;
using EclipseOS.Drivers.VirtIO.Block;
using EclipseOS.Drivers.VirtIO.Device;
using EclipseOS.Platform.Qtest.Protocol;
using EclipseOS.Storage;
using Spectre.Console;

namespace EclipseOS.Cli.Benchmarks
{
    /// <summary>
    /// <c>eclipse bench virtio [--disk IMG] [--transport legacy|modern|mmio] [--machine pc|q35|microvm] [--accesses]</c>:
    /// sequential reads through our driver on QEMU's virtio-blk at queue depths 1/4/16/64 and
    /// request sizes 4 KiB–1 MiB — MiB/s, requests, and device register accesses per MiB (qtest
    /// counters). <c>--accesses</c> prints only the best accesses-per-MiB figure.
    /// </summary>
    public sealed class VirtioBenchmark : IBenchmark
    {
        private const int TempDiskMiB = 32;
        private const long BytesPerCell = 8L << 20;

        /// <inheritdoc />
        public Command Build()
        {
            var disk = new Option<string?>("--disk") { Description = "Raw image to read (default: a temporary 32 MiB image of random bytes)" };
            var transport = new Option<string?>("--transport") { Description = "virtio transport: legacy, modern or mmio" };
            transport.AcceptOnlyFromAmong(VirtioDiskOpener.Transports);
            var machine = new Option<string?>("--machine") { Description = "QEMU board: pc, q35 or microvm" };
            machine.AcceptOnlyFromAmong("pc", "q35", "microvm");
            var accesses = new Option<bool>("--accesses") { Description = "Print only the best figure, as 'accesses per MiB: N'" };
            var command = new Command("virtio", "Sequential reads through the VirtIO driver on QEMU: MiB/s and device register accesses per MiB by queue depth and request size");
            command.Options.Add(disk);
            command.Options.Add(transport);
            command.Options.Add(machine);
            command.Options.Add(accesses);
            command.SetAction(parseResult => Run(parseResult.GetValue(disk), parseResult.GetValue(transport), parseResult.GetValue(machine),
                parseResult.GetValue(accesses), Console.Out, Console.Error, !Console.IsOutputRedirected));
            return command;
        }

        /// <summary>Runs the benchmark; returns the exit code.</summary>
        public static int Run(string? diskPath, string? transport, string? machine, bool accessesOnly, TextWriter output, TextWriter error, bool table)
        {
            string? temporary = null;
            try
            {
                if (diskPath == null)
                {
                    temporary = Path.Combine(Path.GetTempPath(), "eclipse-bench-virtio-" + Guid.NewGuid().ToString("N") + ".img");
                    var bytes = new byte[TempDiskMiB << 20];
                    new Random(1).NextBytes(bytes);
                    File.WriteAllBytes(temporary, bytes);
                    diskPath = temporary;
                }
                else if (!File.Exists(diskPath))
                {
                    error.WriteLine("bench virtio: disk image not found: " + diskPath);
                    return 2;
                }
                using OpenedDisk opened = VirtioDiskOpener.Open(Path.GetFullPath(diskPath), machine, transport, readOnly: true);
                var device = (VirtioBlockDevice)opened.Device;
                List<VirtioReadResult> results = VirtioReadBenchmark.MeasureAll(opened.Platform, device, BytesPerCell);
                double best = double.MaxValue;
                foreach (VirtioReadResult r in results) best = Math.Min(best, r.AccessesPerMiB);
                if (accessesOnly)
                {
                    output.WriteLine("accesses per MiB: " + Format(best));
                    return 0;
                }
                output.WriteLine(opened.Description + "; queue " + device.QueueSize + (device.UsesIndirectDescriptors ? ", indirect descriptors" : "")
                    + ((device.Features & VirtioFeatures.RingEventIdx) != 0 ? ", EVENT_IDX" : "") + ", polling");
                if (table) WriteTable(results);
                else WritePlain(results, output);
                foreach (int size in VirtioReadBenchmark.RequestSizes)
                {
                    VirtioReadResult shallow = results.Find(r => r.RequestBytes == size && r.QueueDepth == 1);
                    VirtioReadResult deep = results.Find(r => r.RequestBytes == size && r.QueueDepth == 64);
                    output.WriteLine("throughput QD64/QD1 at " + SizeText(size) + ": " + (deep.MiBPerSecond / shallow.MiBPerSecond).ToString("0.00", CultureInfo.InvariantCulture) + "x");
                }
                output.WriteLine("accesses per MiB: " + Format(best));
                return 0;
            }
            catch (Exception e) when (e is BlockDeviceException || e is VirtioException || e is QtestException || e is IOException || e is ArgumentException || e is InvalidOperationException)
            {
                error.WriteLine("bench virtio: " + e.Message);
                return 1;
            }
            finally
            {
                if (temporary != null) File.Delete(temporary);
            }
        }

        private static void WriteTable(List<VirtioReadResult> results)
        {
            var grid = new Table().Title("Sequential reads (polling)");
            grid.AddColumns("request", "QD", "MiB/s", "requests", "accesses/MiB");
            foreach (VirtioReadResult r in results)
                grid.AddRow(SizeText(r.RequestBytes), r.QueueDepth.ToString(CultureInfo.InvariantCulture), r.MiBPerSecond.ToString("0.0", CultureInfo.InvariantCulture),
                    r.Requests.ToString(CultureInfo.InvariantCulture), Format(r.AccessesPerMiB));
            AnsiConsole.Write(grid);
        }

        private static void WritePlain(List<VirtioReadResult> results, TextWriter output)
        {
            output.WriteLine("request  QD  MiB/s  requests  accesses/MiB");
            foreach (VirtioReadResult r in results)
                output.WriteLine(SizeText(r.RequestBytes) + "  " + r.QueueDepth + "  " + r.MiBPerSecond.ToString("0.0", CultureInfo.InvariantCulture) + "  " + r.Requests + "  " + Format(r.AccessesPerMiB));
        }

        private static string SizeText(int bytes) => bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";

        private static string Format(double value) => value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
    }
}
