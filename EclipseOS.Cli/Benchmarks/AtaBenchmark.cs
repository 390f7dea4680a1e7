using System;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Collections.Generic;
using EclipseOS.Drivers.Ata;
using EclipseOS.Drivers.Ata.Devices;
using EclipseOS.Drivers.VirtIO;
using EclipseOS.Drivers.VirtIO.Block;
using EclipseOS.Platform.Qtest;
using EclipseOS.Platform.Qtest.Options;
using EclipseOS.Storage;

namespace EclipseOS.Cli.Benchmarks
{
    /// <summary>
    /// <c>eclipse bench ata [--disk IMG] [--mib N] [--pio-mib N]</c>: one QEMU <c>pc</c> with the
    /// image as IDE primary master and a scratch image of the same size on virtio-blk; reads and
    /// writes through our ATA driver by PIO and by bus-master DMA, and through our VirtIO driver,
    /// in 1 MiB requests. Prints MiB/s and device register accesses (port + MMIO, counted by the
    /// qtest platform) per MiB, and the ratios between them, all measured in this one run.
    /// </summary>
    public sealed class AtaBenchmark : IBenchmark
    {
        private const int RequestBytes = 1 << 20;
        private const int MiB = 1 << 20;

        /// <inheritdoc />
        public Command Build()
        {
            var disk = new Option<string?>("--disk") { Description = "Raw image to attach as IDE primary master (default: a temporary 64 MiB image)" };
            var mib = new Option<int>("--mib") { Description = "MiB read and written by DMA and by VirtIO", DefaultValueFactory = _ => 32 };
            var pioMib = new Option<int>("--pio-mib") { Description = "MiB read and written by PIO (slow under qtest: ~1 ms per sector)", DefaultValueFactory = _ => 2 };
            var command = new Command("ata", "ATA PIO vs bus-master DMA vs VirtIO on QEMU: MiB/s and register accesses per MiB, as ratios");
            command.Options.Add(disk);
            command.Options.Add(mib);
            command.Options.Add(pioMib);
            command.SetAction(parseResult => Run(parseResult.GetValue(disk), parseResult.GetValue(mib), parseResult.GetValue(pioMib), Console.Out, Console.Error));
            return command;
        }

        /// <summary>One measured direction of one path.</summary>
        public sealed record Measurement(string Path, string Direction, long Bytes, double Seconds, long RegisterAccesses)
        {
            /// <summary>MiB per second.</summary>
            public double MiBPerSecond => Bytes / (double)MiB / Seconds;

            /// <summary>Device register accesses per MiB moved.</summary>
            public double AccessesPerMiB => RegisterAccesses / (Bytes / (double)MiB);
        }

        /// <summary>Runs the benchmark; returns the exit code.</summary>
        public static int Run(string? diskPath, int mib, int pioMib, TextWriter output, TextWriter error)
        {
            if (mib < 1 || pioMib < 1)
            {
                error.WriteLine("bench ata: --mib and --pio-mib must be at least 1");
                return 2;
            }
            long needed = (long)Math.Max(mib, pioMib) * MiB;
            string? temporary = null;
            string scratch = Path.Combine(Path.GetTempPath(), "eclipse-bench-virtio-" + Guid.NewGuid().ToString("N") + ".img");
            try
            {
                if (diskPath == null)
                {
                    temporary = Path.Combine(Path.GetTempPath(), "eclipse-bench-ata-" + Guid.NewGuid().ToString("N") + ".img");
                    using (var file = new FileStream(temporary, FileMode.CreateNew)) file.SetLength(Math.Max(needed, 64L * MiB));
                    diskPath = temporary;
                }
                else if (!File.Exists(diskPath))
                {
                    error.WriteLine("bench ata: disk image not found: " + diskPath);
                    return 2;
                }
                long size = new FileInfo(diskPath).Length;
                if (size < needed)
                {
                    error.WriteLine("bench ata: " + diskPath + " is " + size + " bytes; the benchmark moves " + needed + " (lower --mib/--pio-mib)");
                    return 2;
                }
                using (var file = new FileStream(scratch, FileMode.CreateNew)) file.SetLength(size);

                // cache=unsafe on both disks: the host's fsync is not what is being measured.
                var options = new QemuOptions { Machine = QemuMachine.Pc, MemoryMiB = 256 };
                options.Add("-drive", "file=" + Path.GetFullPath(diskPath) + ",format=raw,if=ide,index=0,cache=unsafe");
                options.Add("-drive", "file=" + scratch + ",format=raw,if=none,id=vd0,cache=unsafe", "-device", "virtio-blk-pci,drive=vd0,addr=4");
                using var platform = new QtestPlatform(options);
                AtaController controller = AtaController.Probe(platform, new AtaOptions());
                if (controller.DeviceAt(0) is not AtaDevice ata)
                {
                    error.WriteLine("bench ata: the ATA driver found no disk at the primary master: " + string.Join("; ", controller.Failures));
                    return 1;
                }
                List<VirtioBlockDevice> virtio = VirtioBlockDriver.FindDevices(platform, new VirtioBlockOptions());
                output.WriteLine("QEMU pc: " + ata.Position + " \"" + ata.Identify.Model + "\" " + ata.BlockCount + " sectors, "
                    + (ata.Channel.InterruptMode ? "IRQ " + ata.Channel.InterruptLine : "polling") + "; " + (virtio.Count > 0 ? "virtio-blk on 00:04.0" : "no virtio-blk"));

                var results = new List<Measurement>();
                var buffer = new byte[RequestBytes];
                new Random(1).NextBytes(buffer);
                ata.SetDma(false);
                results.Add(Measure(platform, "ATA PIO", "read", ata, pioMib, false, buffer));
                results.Add(Measure(platform, "ATA PIO", "write", ata, pioMib, true, buffer));
                ata.SetDma(true);
                if (!ata.UsesDma)
                    output.WriteLine("(bus-master DMA unavailable: the DMA rows are PIO)");
                results.Add(Measure(platform, "ATA DMA", "read", ata, mib, false, buffer));
                results.Add(Measure(platform, "ATA DMA", "write", ata, mib, true, buffer));
                if (virtio.Count > 0)
                {
                    results.Add(Measure(platform, "VirtIO", "read", virtio[0], mib, false, buffer));
                    results.Add(Measure(platform, "VirtIO", "write", virtio[0], mib, true, buffer));
                }

                output.WriteLine();
                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-8} {1,-6} {2,8} {3,10} {4,14}", "path", "dir", "MiB", "MiB/s", "accesses/MiB"));
                foreach (Measurement m in results)
                    output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-8} {1,-6} {2,8} {3,10:0.00} {4,14:0.0}", m.Path, m.Direction, m.Bytes / MiB, m.MiBPerSecond, m.AccessesPerMiB));
                output.WriteLine();
                output.WriteLine("PIO: one 16-bit port access moves 2 bytes, so 524,288 accesses/MiB are the floor; a 1 MiB request adds one status read per sector plus the command.");
                foreach (string direction in new[] { "read", "write" })
                {
                    Measurement pio = Find(results, "ATA PIO", direction)!, dma = Find(results, "ATA DMA", direction)!;
                    Measurement? vio = Find(results, "VirtIO", direction);
                    string line = direction + ": time per MiB PIO:DMA = " + Ratio(1 / pio.MiBPerSecond, 1 / dma.MiBPerSecond)
                        + ", accesses per MiB PIO:DMA = " + Ratio(pio.AccessesPerMiB, dma.AccessesPerMiB);
                    if (vio != null)
                        line += "; DMA:VirtIO time = " + Ratio(1 / dma.MiBPerSecond, 1 / vio.MiBPerSecond) + ", accesses = " + Ratio(dma.AccessesPerMiB, vio.AccessesPerMiB)
                            + "; PIO:DMA:VirtIO time = " + Triple(1 / pio.MiBPerSecond, 1 / dma.MiBPerSecond, 1 / vio.MiBPerSecond);
                    output.WriteLine(line);
                }
                return 0;
            }
            catch (Exception e) when (e is BlockDeviceException || e is IOException || e is EclipseOS.Platform.Qtest.Protocol.QtestException || e is InvalidOperationException)
            {
                error.WriteLine("bench ata: " + e.Message);
                return 1;
            }
            finally
            {
                File.Delete(scratch);
                if (temporary != null) File.Delete(temporary);
            }
        }

        private static Measurement Measure(QtestPlatform platform, string path, string direction, IBlockDevice device, int mib, bool write, byte[] buffer)
        {
            int blocks = RequestBytes / device.BlockSize;
            QtestCounterSnapshot before = platform.Counters.Snapshot();
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < mib; i++)
            {
                if (write) device.Write((ulong)(i * blocks), blocks, buffer, 0);
                else device.Read((ulong)(i * blocks), blocks, buffer, 0);
            }
            if (write) device.Flush();
            double seconds = Math.Max(watch.Elapsed.TotalSeconds, 1e-6);
            QtestCounterSnapshot used = platform.Counters.Snapshot() - before;
            return new Measurement(path, direction, (long)mib * RequestBytes, seconds, used.DeviceRegisterAccesses);
        }

        private static Measurement? Find(List<Measurement> results, string path, string direction) =>
            results.Find(m => m.Path == path && m.Direction == direction);

        private static string Ratio(double a, double b) => (a / b).ToString("0.0", CultureInfo.InvariantCulture) + " : 1";

        private static string Triple(double a, double b, double c) =>
            (a / c).ToString("0.0", CultureInfo.InvariantCulture) + " : " + (b / c).ToString("0.0", CultureInfo.InvariantCulture) + " : 1";
    }
}
