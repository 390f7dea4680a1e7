using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using EclipseOS.Hal;

namespace EclipseOS.Platform.Qtest.Options
{
    /// <summary>
    /// What QEMU to start: board, memory, devices and disks, plus the platform's own settings
    /// (exchange timeout, log, whether to run the firmware set-up).
    /// </summary>
    public sealed class QemuOptions
    {
        /// <summary>Smallest guest RAM accepted: below 1 MiB is legacy space, DMA needs room above it.</summary>
        public const int MinMemoryMiB = 8;

        /// <summary>
        /// Largest guest RAM accepted: up to 2 GiB all RAM sits below every board's PCI hole
        /// (q35 starts its hole at 2.75 GiB), so RAM is simply [0, size).
        /// </summary>
        public const int MaxMemoryMiB = 2048;

        private readonly List<string> _extra = new List<string>();
        private readonly List<DiskSpec> _disks = new List<DiskSpec>();

        /// <summary>Board; <see cref="QemuMachine.Pc"/> by default.</summary>
        public QemuMachine Machine { get; set; } = QemuMachine.Pc;

        /// <summary>Guest RAM in MiB (<see cref="MinMemoryMiB"/>–<see cref="MaxMemoryMiB"/>); 128 by default.</summary>
        public int MemoryMiB { get; set; } = 128;

        /// <summary>The QEMU executable; <c>qemu-system-x86_64</c> from PATH by default.</summary>
        public string QemuExecutable { get; set; } = "qemu-system-x86_64";

        /// <summary>How long QEMU may make no progress on one exchange before it counts as wedged; 10 s by default.</summary>
        public TimeSpan ExchangeTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Where the platform logs (firmware decisions, QEMU start); discarded when null.</summary>
        public ILog? Log { get; set; }

        /// <summary>Whether to do firmware's job at start (assign BARs, enable decoding, route INTx); true by default.</summary>
        public bool RunFirmware { get; set; } = true;

        /// <summary>Extra QEMU arguments, passed verbatim after the platform's own (e.g. <c>-device</c>, <c>-drive</c>, <c>-global</c>).</summary>
        public IList<string> ExtraArguments => _extra;

        /// <summary>A <c>pc</c> machine with <paramref name="memoryMiB"/> of RAM.</summary>
        public static QemuOptions Pc(int memoryMiB = 128) => new QemuOptions { Machine = QemuMachine.Pc, MemoryMiB = memoryMiB };

        /// <summary>A <c>q35</c> machine with <paramref name="memoryMiB"/> of RAM.</summary>
        public static QemuOptions Q35(int memoryMiB = 128) => new QemuOptions { Machine = QemuMachine.Q35, MemoryMiB = memoryMiB };

        /// <summary>A <c>microvm</c> machine with <paramref name="memoryMiB"/> of RAM.</summary>
        public static QemuOptions Microvm(int memoryMiB = 128) => new QemuOptions { Machine = QemuMachine.Microvm, MemoryMiB = memoryMiB };

        /// <summary>Appends raw QEMU arguments (e.g. <c>"-device", "virtio-blk-pci,drive=d0"</c>).</summary>
        public QemuOptions Add(params string[] arguments)
        {
            foreach (string a in arguments) _extra.Add(a);
            return this;
        }

        /// <summary>
        /// Attaches the raw image <paramref name="imagePath"/> on <paramref name="bus"/>.
        /// <paramref name="pciSlot"/> pins a virtio-blk-pci or NVMe controller to a slot (default: QEMU's choice);
        /// <paramref name="deviceProperties"/> are appended to the <c>-device</c> (e.g.
        /// <c>logical_block_size=4096</c>); <paramref name="errors"/> are injected by QEMU's blkdebug
        /// (see <see cref="DriveFile"/>). The QEMU arguments are made for the
        /// <see cref="Machine"/> set when the command line is built. Returns this, for chaining.
        /// </summary>
        public QemuOptions AddDisk(string imagePath, DiskBus bus, bool readOnly = false, int? pciSlot = null, string? deviceProperties = null, string format = "raw", IReadOnlyList<InjectedError>? errors = null)
        {
            if (errors != null && errors.Count > 0 && format != "raw")
                throw new ArgumentException("errors are injected into raw images only: " + imagePath, nameof(imagePath));
            if (string.IsNullOrEmpty(imagePath)) throw new ArgumentException("disk image path is empty", nameof(imagePath));
            if (imagePath.Contains(',')) throw new ArgumentException("QEMU cannot take a ',' in a disk path: " + imagePath, nameof(imagePath));
            if (pciSlot.HasValue && (pciSlot.Value < 1 || pciSlot.Value > 31)) throw new ArgumentOutOfRangeException(nameof(pciSlot), "PCI slot " + pciSlot.Value + " is outside 1-31");
            _disks.Add(new DiskSpec(imagePath, bus, readOnly, pciSlot, deviceProperties, format, errors));
            return this;
        }

        private void AddDiskArguments(List<string> args)
        {
            int ide = 0, ahci = 0, nvme = 0;
            bool modernMmio = false, legacyMmio = false;
            for (int n = 0; n < _disks.Count; n++)
            {
                DiskSpec disk = _disks[n];
                string id = "disk" + n.ToString(CultureInfo.InvariantCulture);
                string drive = DriveValue(disk);
                if (disk.Bus == DiskBus.Ide)
                {
                    if (Machine == QemuMachine.Microvm) throw new ArgumentException("microvm has no IDE controller; attach " + disk.Path + " with DiskBus.Virtio");
                    if (ide == 4) throw new ArgumentException("at most 4 IDE disks (index 0-3); " + disk.Path + " is the fifth");
                    if (disk.DeviceProperties != null) throw new ArgumentException("IDE disks are attached with -drive if=ide, which takes no device properties (" + disk.Path + ")");
                    args.Add("-drive");
                    args.Add(drive + ",if=ide,index=" + (ide++).ToString(CultureInfo.InvariantCulture));
                    continue;
                }
                args.Add("-drive");
                args.Add(drive + ",if=none,id=" + id);
                string device;
                if (disk.Bus == DiskBus.Ahci || disk.Bus == DiskBus.Nvme)
                {
                    if (Machine == QemuMachine.Microvm) throw new ArgumentException("microvm has no PCI bus for " + disk.Bus + " (" + disk.Path + ")");
                    if (disk.PciSlot.HasValue && disk.Bus == DiskBus.Ahci) throw new ArgumentException("an AHCI disk sits on a port, not in a PCI slot (" + disk.Path + ")");
                    if (disk.Bus == DiskBus.Ahci)
                    {
                        if (ahci == AhciPorts) throw new ArgumentException("at most " + AhciPorts + " AHCI disks (the controller's ports); " + disk.Path + " is one more");
                        // q35 has ICH9 AHCI at 00:1f.2 (bus "ide"); pc gets a controller of its own.
                        if (ahci == 0 && Machine != QemuMachine.Q35) { args.Add("-device"); args.Add("ahci,id=ahci0"); }
                        device = "ide-hd,drive=" + id + ",bus=" + (Machine == QemuMachine.Q35 ? "ide." : "ahci0.") + (ahci++).ToString(CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        device = "nvme,drive=" + id + ",serial=eclipse" + (nvme++).ToString(CultureInfo.InvariantCulture);
                        if (disk.PciSlot.HasValue) device += ",addr=" + disk.PciSlot.Value.ToString("x", CultureInfo.InvariantCulture);
                    }
                    if (!string.IsNullOrEmpty(disk.DeviceProperties)) device += "," + disk.DeviceProperties;
                    args.Add("-device");
                    args.Add(device);
                    continue;
                }
                if (Machine == QemuMachine.Microvm)
                {
                    if (disk.PciSlot.HasValue) throw new ArgumentException("microvm has no PCI slots (" + disk.Path + ")");
                    if (disk.Bus == DiskBus.VirtioModern) modernMmio = true;
                    else legacyMmio = true;
                    device = "virtio-blk-device,drive=" + id;
                }
                else
                {
                    device = "virtio-blk-pci,drive=" + id + (disk.Bus == DiskBus.VirtioModern ? ",disable-legacy=on" : "");
                    if (disk.PciSlot.HasValue) device += ",addr=" + disk.PciSlot.Value.ToString("x", CultureInfo.InvariantCulture);
                }
                if (!string.IsNullOrEmpty(disk.DeviceProperties)) device += "," + disk.DeviceProperties;
                args.Add("-device");
                args.Add(device);
            }
            if (modernMmio && legacyMmio)
                throw new ArgumentException("microvm's virtio-mmio transports are all legacy or all modern; do not mix DiskBus.Virtio and DiskBus.VirtioModern");
            if (modernMmio) { args.Add("-global"); args.Add("virtio-mmio.force-legacy=false"); }
        }

        private sealed record DiskSpec(string Path, DiskBus Bus, bool ReadOnly, int? PciSlot, string? DeviceProperties, string Format, IReadOnlyList<InjectedError>? Errors);

        /// <summary>Most disks on the AHCI controller: its six ports.</summary>
        public const int AhciPorts = 6;

        /// <summary>
        /// Also open a QMP socket (<see cref="QtestPlatform.Qmp"/>): for counters the device models
        /// keep (<c>query-blockstats</c>) and for QEMU's own view of the machine.
        /// </summary>
        public bool Qmp { get; set; }

        /// <summary>The QMP socket of the last command line built with <see cref="Qmp"/> on.</summary>
        public string? QmpSocket { get; private set; }

        /// <summary>Files made for this command line (blkdebug configurations); the platform deletes them when it stops.</summary>
        public IList<string> TemporaryFiles => _temporaryFiles;

        private readonly List<string> _temporaryFiles = new List<string>();

        /// <summary>
        /// The start of a <c>-drive</c> value for <paramref name="imagePath"/>: <c>file=…</c>, and with
        /// <paramref name="errors"/> the image behind QEMU's blkdebug (<see cref="InjectedError.DriveFile"/>),
        /// its configuration a temporary file the platform deletes when QEMU stops.
        /// </summary>
        public string DriveFile(string imagePath, IReadOnlyList<InjectedError>? errors)
        {
            if (errors == null || errors.Count == 0)
                return "file=" + imagePath;
            string config = Path.Combine(Path.GetTempPath(), "eclipse-blkdebug-" + Guid.NewGuid().ToString("N") + ".conf");
            _temporaryFiles.Add(config);
            return InjectedError.DriveFile(imagePath, errors, config);
        }

        private string DriveValue(DiskSpec disk) =>
            DriveFile(disk.Path, disk.Errors) + ",format=" + disk.Format + (disk.ReadOnly ? ",readonly=on" : "");

        /// <summary>The <c>-machine</c> value for <see cref="Machine"/>.</summary>
        public string MachineArgument => Machine switch
        {
            QemuMachine.Pc => "pc",
            QemuMachine.Q35 => "q35",
            // One I/O APIC only: with the default second I/O APIC the 24 virtio-mmio transports
            // sit on its pins, which irq_intercept_in (one device at a time) cannot also watch.
            // Without it QEMU wires 8 transports to GSI 16-23 of the first I/O APIC.
            QemuMachine.Microvm => "microvm,ioapic2=off",
            _ => throw new ArgumentOutOfRangeException(nameof(Machine)),
        };

        /// <summary>Guest RAM in bytes.</summary>
        public ulong MemoryBytes => (ulong)MemoryMiB * 1024 * 1024;

        /// <summary>
        /// The full QEMU command line after the executable. Checks the settings first.
        /// </summary>
        /// <exception cref="ArgumentException">Memory outside the supported range, or disks the board cannot take.</exception>
        public IReadOnlyList<string> BuildArguments()
        {
            if (MemoryMiB < MinMemoryMiB || MemoryMiB > MaxMemoryMiB)
                throw new ArgumentOutOfRangeException(nameof(MemoryMiB), "guest memory " + MemoryMiB + " MiB is outside " + MinMemoryMiB + "-" + MaxMemoryMiB + " MiB");
            var args = new List<string>
            {
                // The process is the CPU: commands on stdin, answers on stdout; no log.
                "-qtest", "stdio", "-qtest-log", "/dev/null",
                // The guest CPU never runs, so no firmware touches the devices.
                "-S",
                "-machine", MachineArgument,
                "-m", MemoryMiB.ToString(CultureInfo.InvariantCulture),
                "-display", "none", "-monitor", "none", "-serial", "none", "-parallel", "none",
                // No default NIC, VGA, CD-ROM or floppy: only the board and what is asked for.
                "-nodefaults", "-no-user-config",
            };
            AddDiskArguments(args);
            if (Qmp)
            {
                QmpSocket = Path.Combine(Path.GetTempPath(), "eclipse-qtest-qmp-" + Guid.NewGuid().ToString("N") + ".sock");
                _temporaryFiles.Add(QmpSocket);
                args.Add("-qmp");
                args.Add("unix:" + QmpSocket + ",server=on,wait=off");
            }
            args.AddRange(_extra);
            return args;
        }
    }
}
