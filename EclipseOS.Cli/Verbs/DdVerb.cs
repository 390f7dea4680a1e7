using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using EclipseOS.Cli.Disks;
using EclipseOS.Drivers.VirtIO.Device;
using EclipseOS.Platform.Qtest.Options;
using EclipseOS.Platform.Qtest.Protocol;
using EclipseOS.Platform.Qtest.Qmp;
using EclipseOS.Storage;
using Spectre.Console;

namespace EclipseOS.Cli.Verbs
{
    /// <summary>
    /// <c>eclipse dd --disk IMG [--bus virtio] [--transport legacy|modern|mmio] [--machine pc|q35|microvm]
    /// [--readonly] [--skip N] [--count N] -o OUT</c> copies 512-byte sectors of the image, read
    /// through <em>our</em> driver from QEMU's device, into OUT; <c>--write FILE [--seek N]</c> writes
    /// FILE to the device at sector N and flushes. Opening a disk on a bus is the job of a small
    /// opener class per bus (<see cref="VirtioDiskOpener"/>), chosen in <see cref="OpenDisk"/>.
    /// </summary>
    public sealed class DdVerb : ICliVerb
    {
        private const int SectorSize = 512;
        private const int ChunkBytes = 4 << 20;
        private const long ProgressThresholdBytes = 8 << 20;

        /// <summary>Buses <c>--bus</c> accepts.</summary>
        public static readonly string[] Buses = { "virtio", "ide", "ahci", "nvme" };

        /// <inheritdoc />
        public Command Build()
        {
            var disk = new Option<string?>("--disk") { Description = "Raw disk image attached to the QEMU machine (or give --cdrom)" };
            var bus = new Option<string>("--bus") { Description = "Bus the image is attached to (the driver that reads it)", DefaultValueFactory = _ => "virtio" };
            bus.AcceptOnlyFromAmong(Buses);
            var transport = new Option<string?>("--transport") { Description = "virtio transport: legacy, modern or mmio (default: transitional PCI device, modern interface)" };
            transport.AcceptOnlyFromAmong(VirtioDiskOpener.Transports);
            var machine = new Option<string?>("--machine") { Description = "QEMU board: pc, q35 or microvm (default pc; microvm for mmio)" };
            machine.AcceptOnlyFromAmong("pc", "q35", "microvm");
            var readOnly = new Option<bool>("--readonly") { Description = "Attach the image read-only (readonly=on)" };
            var skip = new Option<long>("--skip") { Description = "First 512-byte sector to copy", DefaultValueFactory = _ => 0 };
            var count = new Option<long?>("--count") { Description = "Number of 512-byte sectors to copy (default: to the end)" };
            var output = new Option<string?>("--output", "-o") { Description = "File the sectors are copied into" };
            var write = new Option<string?>("--write") { Description = "File to write to the device instead (then flushed)" };
            var seek = new Option<long>("--seek") { Description = "Sector where --write starts", DefaultValueFactory = _ => 0 };
            var ideIndex = new Option<int?>("--ide-index") { Description = "--bus ide: position 0 primary master, 1 primary slave, 2 secondary master, 3 secondary slave (default 0; 2 for --cdrom)" };
            var dma = new Option<bool>("--dma") { Description = "--bus ide: bus-master DMA (the default)" };
            var pio = new Option<bool>("--pio") { Description = "--bus ide: PIO only" };
            var cdrom = new Option<string?>("--cdrom") { Description = "ISO image attached as an IDE CD-ROM and read through the ATAPI driver (implies --bus ide)" };
            var injectError = new Option<string[]>("--inject-error") { Description = "Make QEMU fail reads or writes of these sectors (its blkdebug driver, reported to the guest): read|write:SECTOR[:COUNT], repeatable", AllowMultipleArgumentsPerToken = false };
            var command = new Command("dd", "Copy sectors between an image on QEMU's device (through our driver) and a file");
            foreach (Option option in new Option[] { disk, bus, transport, machine, readOnly, skip, count, output, write, seek, ideIndex, dma, pio, cdrom, injectError })
                command.Options.Add(option);
            command.SetAction(parseResult =>
            {
                var request = new DdRequest
                {
                    Disk = parseResult.GetValue(disk) ?? "",
                    Bus = parseResult.GetValue(bus)!,
                    Transport = parseResult.GetValue(transport),
                    Machine = parseResult.GetValue(machine),
                    ReadOnly = parseResult.GetValue(readOnly),
                    Skip = parseResult.GetValue(skip),
                    Count = parseResult.GetValue(count),
                    Output = parseResult.GetValue(output),
                    Write = parseResult.GetValue(write),
                    Seek = parseResult.GetValue(seek),
                    IdeIndex = parseResult.GetValue(ideIndex),
                    Dma = parseResult.GetValue(dma),
                    Pio = parseResult.GetValue(pio),
                    Cdrom = parseResult.GetValue(cdrom),
                    InjectErrors = parseResult.GetValue(injectError) ?? Array.Empty<string>(),
                };
                return Run(request, Console.Out, Console.Error, !Console.IsOutputRedirected);
            });
            return command;
        }

        /// <summary>What to copy.</summary>
        public sealed class DdRequest
        {
            /// <summary>Image attached to QEMU.</summary>
            public string Disk { get; set; } = "";
            /// <summary>Bus name (see <see cref="Buses"/>).</summary>
            public string Bus { get; set; } = "virtio";
            /// <summary>Transport, or null for the bus's default.</summary>
            public string? Transport { get; set; }
            /// <summary>QEMU board, or null for the default.</summary>
            public string? Machine { get; set; }
            /// <summary>Attach read-only.</summary>
            public bool ReadOnly { get; set; }
            /// <summary>First sector read.</summary>
            public long Skip { get; set; }
            /// <summary>Sectors read (null: to the end).</summary>
            public long? Count { get; set; }
            /// <summary>File read into.</summary>
            public string? Output { get; set; }
            /// <summary>File written to the device.</summary>
            public string? Write { get; set; }
            /// <summary>First sector written.</summary>
            public long Seek { get; set; }
            /// <summary>IDE position 0–3 (null: 0 for a disk, 2 for a CD-ROM).</summary>
            public int? IdeIndex { get; set; }
            /// <summary>IDE: DMA asked for explicitly.</summary>
            public bool Dma { get; set; }
            /// <summary>IDE: PIO only.</summary>
            public bool Pio { get; set; }
            /// <summary>ISO attached as an IDE CD-ROM instead of <see cref="Disk"/>.</summary>
            public string? Cdrom { get; set; }
            /// <summary>Errors QEMU injects, as <c>read|write:SECTOR[:COUNT]</c>.</summary>
            public string[] InjectErrors { get; set; } = Array.Empty<string>();
        }

        /// <summary>Runs dd; returns the exit code (0 done, 1 device or I/O error, 2 bad arguments).</summary>
        public static int Run(DdRequest request, TextWriter output, TextWriter error, bool progress)
        {
            if ((request.Output == null) == (request.Write == null))
                return Fail(error, 2, "give exactly one of -o OUT (copy from the device) and --write FILE (copy to it)");
            if ((request.Disk.Length == 0) == (request.Cdrom == null))
                return Fail(error, 2, "give exactly one of --disk IMG and --cdrom ISO");
            if (request.Cdrom != null)
            {
                if (request.Bus != "ide" && request.Bus != "virtio")
                    return Fail(error, 2, "--cdrom is an IDE CD-ROM");
                request.Bus = "ide";
                if (!File.Exists(request.Cdrom))
                    return Fail(error, 2, "ISO image not found: " + request.Cdrom);
            }
            else if (!File.Exists(request.Disk))
                return Fail(error, 2, "disk image not found: " + request.Disk);
            if (request.Bus != "ide" && (request.IdeIndex != null || request.Dma || request.Pio))
                return Fail(error, 2, "--ide-index, --dma and --pio apply to --bus ide");
            if (request.Dma && request.Pio)
                return Fail(error, 2, "give --dma or --pio, not both");
            if (request.Write != null && !File.Exists(request.Write))
                return Fail(error, 2, "file to write not found: " + request.Write);
            if (request.Skip < 0 || request.Seek < 0 || request.Count < 0)
                return Fail(error, 2, "--skip, --seek and --count cannot be negative");
            try
            {
                using OpenedDisk opened = OpenDisk(request);
                output.WriteLine(opened.Description);
                var watch = Stopwatch.StartNew();
                long bytes = request.Write != null
                    ? CopyToDevice(opened.Device, request.Write, request.Seek, progress)
                    : CopyFromDevice(opened.Device, request.Output!, request.Skip, request.Count, progress);
                double seconds = Math.Max(watch.Elapsed.TotalSeconds, 1e-6);
                output.WriteLine((request.Write != null ? "wrote " : "copied ") + bytes / SectorSize + " sectors (" + ByteSize.Format((ulong)bytes) + ") "
                    + (request.Write != null ? "from " + request.Write + " to " + opened.Device.Name + " at sector " + request.Seek + " and flushed"
                                             : "from " + opened.Device.Name + " sector " + request.Skip + " to " + request.Output)
                    + " in " + seconds.ToString("0.00") + " s (" + (bytes / 1048576.0 / seconds).ToString("0.0") + " MiB/s)");
                output.WriteLine(DriveCounters(opened));
                return 0;
            }
            catch (ArgumentException e)
            {
                return Fail(error, 2, e.Message);
            }
            catch (Exception e) when (e is BlockDeviceException || e is VirtioException || e is QtestException || e is IOException || e is InvalidOperationException || e is UnauthorizedAccessException)
            {
                return Fail(error, 1, e.Message);
            }
        }

        /// <summary>Opens the image on the requested bus through that bus's driver.</summary>
        public static OpenedDisk OpenDisk(DdRequest request)
        {
            string image = request.Disk.Length > 0 ? Path.GetFullPath(request.Disk) : "";
            var errors = new List<InjectedError>();
            foreach (string text in request.InjectErrors)
                errors.Add(InjectedError.Parse(text));
            if (request.Bus != "virtio" && request.Transport != null)
                throw new ArgumentException("--transport applies to --bus virtio");
            switch (request.Bus)
            {
                case "virtio":
                    return VirtioDiskOpener.Open(image, request.Machine, request.Transport, request.ReadOnly, errors);
                case "ahci":
                    if (request.ReadOnly)
                        throw new ArgumentException("--readonly applies to --bus virtio and --cdrom");
                    return AhciDiskOpener.Open(image, request.Machine, polling: true, errors);
                case "nvme":
                    if (request.ReadOnly)
                        throw new ArgumentException("--readonly applies to --bus virtio and --cdrom");
                    return NvmeDiskOpener.Open(image, request.Machine, polling: true, errors);
                case "ide":
                    if (request.Machine != null && request.Machine != "pc")
                        throw new ArgumentException("--bus ide runs on QEMU pc (its PIIX3 IDE controller); q35 and microvm have none");
                    bool cdrom = request.Cdrom != null;
                    return IdeDiskOpener.Open(cdrom ? Path.GetFullPath(request.Cdrom!) : image, request.IdeIndex ?? (cdrom ? 2 : 0), cdrom, request.Pio, request.ReadOnly, errors);
                default:
                    throw new ArgumentException("unknown bus '" + request.Bus + "' (" + string.Join(", ", Buses) + ")");
            }
        }

        // What QEMU's device model did, in its own counters: the flush dd asked for shows here only
        // when the driver really sent one.
        private static string DriveCounters(OpenedDisk opened)
        {
            var text = new List<string>();
            foreach (QemuBlockStats drive in opened.Platform.BlockStats())
            {
                if (drive.ReadOperations + drive.WriteOperations + drive.FlushOperations == 0)
                    continue;
                text.Add("QEMU drive " + (drive.Device.Length > 0 ? drive.Device : drive.Qdev) + ": " + drive.ReadOperations + " reads, " + drive.WriteOperations + " writes, "
                    + drive.FlushOperations + " flushes, " + (drive.FailedReadOperations + drive.FailedWriteOperations + drive.FailedFlushOperations) + " failed");
            }
            return text.Count == 0 ? "QEMU drive: no requests" : string.Join(Environment.NewLine, text);
        }

        private static long CopyFromDevice(IBlockDevice device, string outputPath, long skip, long? count, bool progress)
        {
            long deviceSectors = (long)device.BlockCount * (device.BlockSize / SectorSize);
            long sectors = count ?? deviceSectors - skip;
            if (skip > deviceSectors || sectors > deviceSectors - skip)
                throw new ArgumentException("sectors " + skip + "+" + sectors + " run past the end of " + device.Name + " (" + deviceSectors + " sectors)");
            CheckAligned(device, skip, "--skip");
            CheckAligned(device, sectors, "--count");
            long total = sectors * SectorSize;
            using var file = new FileStream(outputPath, FileMode.Create, FileAccess.Write);
            var buffer = new byte[ChunkBytes];
            ulong lba = (ulong)(skip * SectorSize / device.BlockSize);
            WithProgress(progress && total >= ProgressThresholdBytes, "reading " + device.Name, total, advance =>
            {
                for (long done = 0; done < total;)
                {
                    int chunk = (int)Math.Min(ChunkBytes, total - done);
                    int blocks = chunk / device.BlockSize;
                    device.Read(lba, blocks, buffer, 0);
                    file.Write(buffer, 0, chunk);
                    lba += (ulong)blocks;
                    done += chunk;
                    advance(chunk);
                }
            });
            return total;
        }

        private static long CopyToDevice(IBlockDevice device, string inputPath, long seek, bool progress)
        {
            using var file = new FileStream(inputPath, FileMode.Open, FileAccess.Read);
            long total = file.Length;
            if (total % device.BlockSize != 0)
                throw new ArgumentException(inputPath + " is " + total + " bytes, not a whole number of " + device.Name + "'s " + device.BlockSize + "-byte blocks");
            long deviceSectors = (long)device.BlockCount * (device.BlockSize / SectorSize);
            CheckAligned(device, seek, "--seek");
            if (seek > deviceSectors || total / SectorSize > deviceSectors - seek)
                throw new ArgumentException(inputPath + " (" + total / SectorSize + " sectors) at sector " + seek + " runs past the end of " + device.Name + " (" + deviceSectors + " sectors)");
            var buffer = new byte[ChunkBytes];
            ulong lba = (ulong)(seek * SectorSize / device.BlockSize);
            WithProgress(progress && total >= ProgressThresholdBytes, "writing " + device.Name, total, advance =>
            {
                for (long done = 0; done < total;)
                {
                    int chunk = (int)Math.Min(ChunkBytes, total - done);
                    file.ReadExactly(buffer, 0, chunk);
                    int blocks = chunk / device.BlockSize;
                    device.Write(lba, blocks, buffer, 0);
                    lba += (ulong)blocks;
                    done += chunk;
                    advance(chunk);
                }
            });
            device.Flush();
            return total;
        }

        private static void CheckAligned(IBlockDevice device, long sectors, string option)
        {
            if (sectors * SectorSize % device.BlockSize != 0)
                throw new ArgumentException(option + " " + sectors + " is not a whole number of " + device.Name + "'s " + device.BlockSize + "-byte blocks");
        }

        // A Spectre progress bar on a terminal for long copies; otherwise just the work.
        private static void WithProgress(bool show, string label, long total, Action<Action<long>> work)
        {
            if (!show)
            {
                work(_ => { });
                return;
            }
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    ProgressTask task = context.AddTask(label, maxValue: total);
                    work(n => task.Increment(n));
                });
        }

        private static int Fail(TextWriter error, int code, string message)
        {
            error.WriteLine("dd: " + message);
            return code;
        }
    }
}
