using System;
using System.Collections.Generic;
using EclipseOS.Hal;
using EclipseOS.Hal.Pci;

namespace EclipseOS.Platform.Qtest.Firmware
{
    /// <summary>
    /// Does what a BIOS does before an OS sees PCI, since under qtest no firmware runs:
    /// enumerate, size every BAR, assign I/O BARs from <see cref="IoWindowStart"/> and memory
    /// BARs (32- and 64-bit, all below 4 GiB) from the board's MMIO window, naturally aligned,
    /// largest first; enable I/O, memory and bus mastering; program the chipset's PIRQ routing
    /// and write each function's Interrupt Line.
    /// </summary>
    public sealed class PciFirmware
    {
        /// <summary>First I/O port handed to BARs (below it sit the legacy ISA devices), as SeaBIOS does.</summary>
        public const ulong IoWindowStart = 0xC000;
        /// <summary>End of the 16-bit I/O space.</summary>
        public const ulong IoWindowEnd = 0x10000;
        /// <summary>Where the I/O APIC, HPET and LAPIC live; MMIO BARs stay below.</summary>
        public const ulong MmioWindowEnd = 0xFEC00000;

        private const byte ClassBridge = 0x06;
        private const byte SubclassHostBridge = 0x00;
        private const ulong MinIoAlignment = 4;
        private const ulong MinMemoryAlignment = 16;

        private readonly IPciConfigSpace _config;
        private readonly IInterruptRouter _router;
        private readonly ulong _mmioStart;
        private readonly ILog _log;

        /// <summary>Firmware for a board whose MMIO window starts at <paramref name="mmioStart"/>.</summary>
        public PciFirmware(IPciConfigSpace config, IInterruptRouter router, ulong mmioStart, ILog log)
        {
            _config = config;
            _router = router;
            _mmioStart = mmioStart;
            _log = log;
        }

        /// <summary>Firmware matching QEMU's <c>pc</c>: PIIX3 routing, MMIO from 0xE0000000.</summary>
        public static PciFirmware ForPc(IPciConfigSpace config, ILog log) => new PciFirmware(config, new Piix3InterruptRouter(), 0xE0000000, log);

        /// <summary>
        /// Firmware matching QEMU's <c>q35</c>: ICH9 routing, MMIO from 0xC0000000 — above the
        /// MMCONFIG (ECAM) window QEMU places at 0xB0000000–0xBFFFFFFF.
        /// </summary>
        public static PciFirmware ForQ35(IPciConfigSpace config, ILog log) => new PciFirmware(config, new Ich9InterruptRouter(), 0xC0000000, log);

        /// <summary>Runs the set-up and returns what every function ended up with.</summary>
        /// <exception cref="InvalidOperationException">The BARs do not fit the windows.</exception>
        public List<PciFunctionSetup> Run()
        {
            List<PciFunction> functions = PciEnumerator.Enumerate(_config);
            var requests = new List<(PciFunction Function, PciBar Bar)>();
            foreach (PciFunction function in functions)
            {
                if (function.HeaderType == 1)
                    _log.WriteLine("pci: " + function + " is a PCI bridge; its windows and secondary bus are not configured (devices behind it stay invisible)");
                foreach (PciBar bar in function.SizeBars())
                    if (bar.Size != 0) requests.Add((function, bar));
            }

            // Largest first packs naturally aligned windows without holes.
            requests.Sort((a, b) => b.Bar.Size.CompareTo(a.Bar.Size));
            var io = new PciAddressWindow("I/O", IoWindowStart, IoWindowEnd);
            var mmio = new PciAddressWindow("MMIO", _mmioStart, MmioWindowEnd);
            var assigned = new Dictionary<PciAddress, List<PciBar>>();
            foreach ((PciFunction function, PciBar bar) in requests)
            {
                string who = function + " BAR" + bar.Index;
                ulong address = bar.IsIo
                    ? io.Take(bar.Size, Math.Max(bar.Size, MinIoAlignment), who)
                    : mmio.Take(bar.Size, Math.Max(bar.Size, MinMemoryAlignment), who);
                function.AssignBar(bar, address);
                if (!assigned.TryGetValue(function.Address, out List<PciBar>? list))
                    assigned[function.Address] = list = new List<PciBar>();
                list.Add(new PciBar(bar.Index, bar.Kind, address, bar.Size, bar.Prefetchable));
            }

            _router.Program(_config);
            var result = new List<PciFunctionSetup>();
            foreach (PciFunction function in functions)
            {
                bool hostBridge = function.ClassCode == ClassBridge && function.Subclass == SubclassHostBridge;
                if (!hostBridge)
                    function.Enable((ushort)(PciRegisters.CommandIoSpace | PciRegisters.CommandMemorySpace | PciRegisters.CommandBusMaster));
                byte pin = function.InterruptPin;
                byte line = 0xFF;
                if (pin >= 1 && pin <= 4 && function.Address.Bus == 0)
                {
                    line = _router.IrqFor(function.Address, pin);
                    function.InterruptLine = line;
                }
                List<PciBar> bars = assigned.TryGetValue(function.Address, out List<PciBar>? b) ? b : new List<PciBar>();
                bars.Sort((x, y) => x.Index.CompareTo(y.Index));
                var setup = new PciFunctionSetup(function.Address, function.VendorId, function.DeviceId, function.ClassCode, function.Subclass,
                    function.ProgIf, function.HeaderType, bars, pin, line);
                result.Add(setup);
                _log.WriteLine("pci: " + function + (bars.Count == 0 ? "" : " " + string.Join(", ", bars)) + (line == 0xFF ? "" : " irq " + line));
            }
            return result;
        }
    }
}
