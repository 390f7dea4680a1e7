using System;
using System.IO;
using System.Collections.Generic;
using EclipseOS.Hal;
using EclipseOS.Hal.Dma;
using EclipseOS.Hal.Pci;
using EclipseOS.Platform.Qtest.Devices;
using EclipseOS.Platform.Qtest.Dma;
using EclipseOS.Platform.Qtest.Firmware;
using EclipseOS.Platform.Qtest.Options;
using EclipseOS.Platform.Qtest.Process;
using EclipseOS.Platform.Qtest.Protocol;

using EclipseOS.Platform.Qtest.Qmp;

namespace EclipseOS.Platform.Qtest
{
    /// <summary>
    /// A QEMU machine with its CPU stopped, driven over qtest: this process plays the guest
    /// CPU against QEMU's real device models. Starting it launches QEMU, intercepts the I/O
    /// APIC's input lines and (on <c>pc</c>/<c>q35</c>) does firmware's PCI set-up; disposing
    /// it kills QEMU.
    /// </summary>
    public sealed class QtestPlatform : IPlatform, IDisposable
    {
        /// <summary>DMA memory starts above the first MiB (real-mode IVT, BDA, EBDA, VGA and BIOS areas).</summary>
        public const ulong DmaStart = 0x100000;

        private readonly QemuProcess _qemu;
        private readonly List<PlatformDevice> _platformDevices;
        private bool _disposed;

        /// <summary>Starts QEMU as <paramref name="options"/> describe and prepares the machine.</summary>
        /// <exception cref="QtestException">QEMU refused the command line, died, or did not answer.</exception>
        /// <exception cref="ArgumentException">The options are invalid.</exception>
        public QtestPlatform(QemuOptions options)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            IReadOnlyList<string> arguments = options.BuildArguments();
            Log = options.Log ?? TextLog.Discard;
            Counters = new QtestCounters();
            _qemu = QemuProcess.Start(options.QemuExecutable, arguments);
            try
            {
                Qtest = new QtestConnection(_qemu, Counters, options.ExchangeTimeout);
                Ports = new QtestPortIO(Qtest, Counters);
                Memory = new QtestPhysicalMemory(Qtest, Counters, options.MemoryBytes);
                Dma = new QtestDma(new GuestMemoryAllocator(DmaStart, options.MemoryBytes - DmaStart), Memory);
                Interrupts = new QtestInterrupts(Qtest, Memory, Dma);
                Clock = new StopwatchClock(Qtest);
                Name = "qtest " + options.MachineArgument.Split(',')[0];
                Log.WriteLine("qtest: started QEMU pid " + _qemu.Id + ": " + _qemu.CommandLine);

                // From here on QEMU also prints "IRQ raise/lower N" for every I/O APIC input.
                Qtest.Query("irq_intercept_in ioapic");
                _platformDevices = new List<PlatformDevice>();
                if (options.Machine == QemuMachine.Microvm)
                {
                    Pci = new NoPciConfigSpace();
                    PciFunctions = new List<PciFunctionSetup>();
                    _platformDevices.AddRange(VirtioMmioSlots.Probe(Memory));
                }
                else
                {
                    Pci = new PortPciConfigSpace(Ports);
                    PciFunctions = options.RunFirmware
                        ? (options.Machine == QemuMachine.Pc ? PciFirmware.ForPc(Pci, Log) : PciFirmware.ForQ35(Pci, Log)).Run()
                        : new List<PciFunctionSetup>();
                }
                Qtest.Drain();
                if (options.QmpSocket != null)
                    Qmp = QmpClient.Connect(options.QmpSocket, options.ExchangeTimeout);
            }
            catch
            {
                _qemu.Kill();
                DeleteTemporaryFiles();
                throw;
            }
        }

        /// <summary>The options QEMU was started with.</summary>
        public QemuOptions Options { get; }

        /// <inheritdoc />
        public string Name { get; }

        /// <summary>The qtest channel (for raw commands, timeouts and interrupt edges).</summary>
        public QtestConnection Qtest { get; }

        /// <summary>Operation counts since start; take snapshots around a measurement.</summary>
        public QtestCounters Counters { get; }

        /// <summary>QEMU's process id.</summary>
        public int QemuProcessId => _qemu.Id;

        /// <summary>Whether QEMU has exited (or was killed).</summary>
        public bool QemuHasExited => _qemu.HasExited;

        /// <summary>Port I/O.</summary>
        public QtestPortIO Ports { get; }

        /// <summary>Physical memory and MMIO.</summary>
        public QtestPhysicalMemory Memory { get; }

        /// <summary>DMA memory in guest RAM above 1 MiB.</summary>
        public QtestDma Dma { get; }

        /// <inheritdoc />
        public IPciConfigSpace Pci { get; }

        /// <summary>PCI functions as the firmware set them up (empty on microvm or without firmware).</summary>
        public IReadOnlyList<PciFunctionSetup> PciFunctions { get; }

        /// <summary>Interrupt lines of the I/O APIC, and message-signalled interrupts into guest RAM (<see cref="EclipseOS.Hal.Interrupts.IMessageInterrupts"/>).</summary>
        public QtestInterrupts Interrupts { get; }

        /// <inheritdoc />
        public IClock Clock { get; }

        /// <inheritdoc />
        public ILog Log { get; }

        /// <inheritdoc />
        public IReadOnlyList<PlatformDevice> PlatformDevices => _platformDevices;

        IPortIO IPlatform.Ports => Ports;

        IPhysicalMemory IPlatform.Memory => Memory;

        IDma IPlatform.Dma => Dma;

        IInterrupts IPlatform.Interrupts => Interrupts;

        /// <summary>
        /// qtest already orders every access totally; the barrier sends the pipelined writes and
        /// waits for QEMU to acknowledge them, so the device has seen everything written before it.
        /// </summary>
        public void MemoryBarrier() => Qtest.Drain();

        /// <summary>Kills QEMU and waits for it to be reaped.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            Qmp?.Dispose();
            Qtest.Dispose();
            _qemu.Kill();
            DeleteTemporaryFiles();
        }

        /// <summary>QEMU's QMP connection when <see cref="QemuOptions.Qmp"/> asked for one, otherwise null.</summary>
        public QmpClient? Qmp { get; }

        /// <summary>
        /// The drives' counters (QMP <c>query-blockstats</c>): what the device models asked of
        /// QEMU's block layer. Needs <see cref="QemuOptions.Qmp"/>.
        /// </summary>
        public List<QemuBlockStats> BlockStats()
        {
            if (Qmp == null)
                throw new InvalidOperationException("QEMU was started without QMP (QemuOptions.Qmp)");
            return QemuBlockStats.Query(Qmp);
        }

        private void DeleteTemporaryFiles()
        {
            foreach (string file in Options.TemporaryFiles)
            {
                try { File.Delete(file); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
        }
    }
}
