using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using EclipseOS.Drivers.Ahci;
using EclipseOS.Drivers.Ahci.Devices;
using EclipseOS.Drivers.Ata;
using EclipseOS.Drivers.Ata.Devices;
using EclipseOS.Drivers.Nvme;
using EclipseOS.Drivers.VirtIO;
using EclipseOS.Drivers.VirtIO.Block;
using EclipseOS.EclipseFS.Tools.Hashing;
using EclipseOS.Platform.Qtest;
using EclipseOS.Platform.Qtest.Options;
using EclipseOS.Storage;

namespace EclipseOS.Cli.Benchmarks
{
    /// <summary>
    /// <c>eclipse bench storage [--mib N] [--pio-mib N] [--request-mib N]</c>: one QEMU <c>pc</c>
    /// with the same image on virtio-blk, an NVMe controller, an AHCI port and the IDE primary
    /// master, read sequentially through each of our drivers on the same qtest channel — every
    /// driver waiting on its INTx line, as in the booted kernel. Prints MiB/s and device register
    /// accesses (port + MMIO, counted by the qtest platform) per MiB, both as ratios to virtio,
    /// checks every byte read against the image (CRC-32C), and the goals.
    /// </summary>
    public sealed class StorageBenchmark : IBenchmark
    {
        private const int MiB = 1 << 20;

        /// <inheritdoc />
        public Command Build()
        {
            var mib = new Option<int>("--mib") { Description = "MiB read through virtio, NVMe, AHCI and ATA DMA", DefaultValueFactory = _ => 64 };
            var pioMib = new Option<int>("--pio-mib") { Description = "MiB read by ATA PIO (about 1 ms per sector under qtest)", DefaultValueFactory = _ => 2 };
            var requestMib = new Option<int>("--request-mib") { Description = "MiB per read request (queuing drivers split it into commands in flight together)", DefaultValueFactory = _ => 4 };
            var command = new Command("storage", "The same image read through virtio, NVMe, AHCI, ATA DMA and ATA PIO on one QEMU: MiB/s and register accesses per MiB, as ratios to virtio");
            command.Options.Add(mib);
            command.Options.Add(pioMib);
            command.Options.Add(requestMib);
            command.SetAction(parseResult => Run(parseResult.GetValue(mib), parseResult.GetValue(pioMib), parseResult.GetValue(requestMib), Console.Out, Console.Error));
            return command;
        }

        /// <summary>One path's sequential read.</summary>
        public sealed record Measurement(string Path, string Detail, long Bytes, double Seconds, long RegisterAccesses, bool DataMatches)
        {
            /// <summary>MiB per second.</summary>
            public double MiBPerSecond => Bytes / (double)MiB / Seconds;

            /// <summary>Device register accesses per MiB read.</summary>
            public double AccessesPerMiB => RegisterAccesses / (Bytes / (double)MiB);
        }

        /// <summary>Runs the benchmark; returns the exit code (1 when a path read wrong bytes).</summary>
        public static int Run(int mib, int pioMib, int requestMib, TextWriter output, TextWriter error)
        {
            if (mib < 1 || pioMib < 1 || requestMib < 1 || requestMib > mib)
            {
                error.WriteLine("bench storage: --mib, --pio-mib and --request-mib must be at least 1, and --request-mib at most --mib");
                return 2;
            }
            string image = Path.Combine(Path.GetTempPath(), "eclipse-bench-storage-" + Guid.NewGuid().ToString("N") + ".img");
            try
            {
                var bytes = new byte[(long)mib * MiB];
                new Random(1).NextBytes(bytes);
                File.WriteAllBytes(image, bytes);

                // One image, four devices: every drive reads it through its own throw-away overlay
                // (snapshot=on), so QEMU's image locking lets them share it and nothing is written.
                var options = new QemuOptions { Machine = QemuMachine.Pc, MemoryMiB = 512 };
                options.Add("-drive", "file=" + image + ",format=raw,if=none,id=vd,snapshot=on", "-device", "virtio-blk-pci,drive=vd,addr=4");
                options.Add("-drive", "file=" + image + ",format=raw,if=none,id=nv,snapshot=on", "-device", "nvme,drive=nv,serial=bench,addr=5");
                options.Add("-device", "ahci,id=ahci0,addr=6", "-drive", "file=" + image + ",format=raw,if=none,id=sd,snapshot=on", "-device", "ide-hd,drive=sd,bus=ahci0.0");
                options.Add("-drive", "file=" + image + ",format=raw,if=ide,index=0,snapshot=on");
                using var platform = new QtestPlatform(options);
                var manager = new BlockDeviceManager(platform.Log);

                VirtioBlockDevice virtio = Single(VirtioBlockDriver.FindDevices(platform, new VirtioBlockOptions { UseInterrupts = true }), "virtio-blk");
                List<NvmeController> nvmeControllers = NvmeDriver.Start(platform, manager, new NvmeOptions { UseInterrupts = true, UseMessageInterrupts = false });
                NvmeController nvme = Single(nvmeControllers, "NVMe");
                AhciController ahciController = Single(AhciDriver.Start(platform, manager, new AhciOptions { UseInterrupts = true }), "AHCI");
                var ahci = (AhciDisk)ahciController.Devices[0];
                AtaController ataController = AtaController.Probe(platform, new AtaOptions { UseInterrupts = true });
                if (ataController.DeviceAt(0) is not AtaDevice ata)
                    throw new InvalidOperationException("the ATA driver found no disk at the primary master");

                output.WriteLine("QEMU pc, one " + mib + " MiB image on four devices, read in " + requestMib + " MiB requests (ATA PIO: " + pioMib + " MiB), completion by INTx:");
                // A first pass through one path warms what all share (the host's page cache, QEMU's
                // overlays' first allocation, the JIT of the qtest channel); it is not reported.
                Measure(platform, "warm-up", "", virtio, bytes, mib, requestMib);
                var results = new List<Measurement>
                {
                    Measure(platform, "virtio", virtio.Completion + ", queue " + virtio.QueueSize, virtio, bytes, mib, requestMib),
                    Measure(platform, "NVMe", nvme.Completion + ", " + nvme.IoQueueEntries + "-entry queue", nvme.Namespaces[0], bytes, mib, requestMib),
                    Measure(platform, "AHCI", ahci.Completion + ", NCQ depth " + ahci.QueueDepth, ahci, bytes, mib, requestMib),
                };
                ata.SetDma(true);
                results.Add(Measure(platform, "ATA DMA", ata.UsesDma ? "bus-master DMA" : "no DMA: PIO", ata, bytes, mib, requestMib));
                ata.SetDma(false);
                results.Add(Measure(platform, "ATA PIO", "PIO", ata, bytes, pioMib, Math.Min(requestMib, pioMib)));
                string nvmeDepth = "NVMe commands in flight at most: " + nvme.MostInFlight;

                Measurement baseline = results[0];
                output.WriteLine();
                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-8} {1,6} {2,10} {3,14} {4,16} {5,20} {6,5}  {7}", "path", "MiB", "MiB/s", "accesses/MiB", "time ÷ virtio", "accesses ÷ virtio", "data", "how"));
                bool allMatch = true;
                foreach (Measurement m in results)
                {
                    allMatch &= m.DataMatches;
                    output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-8} {1,6} {2,10:0.0} {3,14:0.00} {4,16:0.00} {5,20:0.00} {6,5}  {7}",
                        m.Path, m.Bytes / MiB, m.MiBPerSecond, m.AccessesPerMiB, baseline.MiBPerSecond / m.MiBPerSecond, m.AccessesPerMiB / baseline.AccessesPerMiB, m.DataMatches ? "ok" : "WRONG", m.Detail));
                }
                output.WriteLine();
                output.WriteLine(nvmeDepth);
                Measurement n = results[1], a = results[2];
                output.WriteLine(Goal("NVMe accesses per MiB ≤ 4 at queue depth ≥ 4", n.AccessesPerMiB <= 4 && nvme.MostInFlight >= 4, n.AccessesPerMiB.ToString("0.00", CultureInfo.InvariantCulture) + " at depth " + nvme.MostInFlight));
                output.WriteLine(Goal("AHCI accesses per MiB ≤ 8", a.AccessesPerMiB <= 8, a.AccessesPerMiB.ToString("0.00", CultureInfo.InvariantCulture)));
                output.WriteLine(Goal("NVMe time within 1.5× of virtio's", baseline.MiBPerSecond / n.MiBPerSecond <= 1.5, (baseline.MiBPerSecond / n.MiBPerSecond).ToString("0.00", CultureInfo.InvariantCulture) + "×"));
                output.WriteLine(Goal("AHCI time within 1.5× of virtio's", baseline.MiBPerSecond / a.MiBPerSecond <= 1.5, (baseline.MiBPerSecond / a.MiBPerSecond).ToString("0.00", CultureInfo.InvariantCulture) + "×"));
                if (!allMatch)
                    error.WriteLine("bench storage: a path read bytes that differ from the image");
                return allMatch ? 0 : 1;
            }
            catch (Exception e) when (e is BlockDeviceException || e is IOException || e is EclipseOS.Platform.Qtest.Protocol.QtestException || e is InvalidOperationException)
            {
                error.WriteLine("bench storage: " + e.Message);
                return 1;
            }
            finally
            {
                File.Delete(image);
            }
        }

        private static T Single<T>(List<T> found, string what)
        {
            if (found.Count != 1)
                throw new InvalidOperationException("expected one " + what + " device, the driver found " + found.Count);
            return found[0];
        }

        private static string Goal(string goal, bool met, string measured) => (met ? "met:     " : "NOT met: ") + goal + " — " + measured;

        // Reads `mib` MiB from LBA 0 in `requestMib` MiB requests, counting register accesses and
        // time, then compares the CRC-32C of what came with the image's.
        private static Measurement Measure(QtestPlatform platform, string path, string detail, IBlockDevice device, byte[] image, int mib, int requestMib)
        {
            int blocks = requestMib * MiB / device.BlockSize;
            var buffer = new byte[requestMib * MiB];
            uint crc = 0;
            QtestCounterSnapshot before = platform.Counters.Snapshot();
            var watch = Stopwatch.StartNew();
            TimeSpan hashing = TimeSpan.Zero;
            for (int done = 0; done < mib; done += requestMib)
            {
                device.Read((ulong)done * MiB / (ulong)device.BlockSize, blocks, buffer, 0);
                long start = watch.ElapsedTicks;
                crc = HardwareCrc32C.Instance.Append(crc, buffer, 0, buffer.Length);
                hashing += TimeSpan.FromTicks((long)((watch.ElapsedTicks - start) * (TimeSpan.TicksPerSecond / (double)Stopwatch.Frequency)));
            }
            double seconds = Math.Max((watch.Elapsed - hashing).TotalSeconds, 1e-6);
            QtestCounterSnapshot used = platform.Counters.Snapshot() - before;
            return new Measurement(path, detail, (long)mib * MiB, seconds, used.DeviceRegisterAccesses, crc == HardwareCrc32C.Instance.Append(0, image, 0, mib * MiB));
        }
    }
}
