using System;
using System.Collections.Generic;
using EclipseOS.Hal;
using EclipseOS.Hal.Pci;

namespace EclipseOS.Platform.Qtest.Firmware
{
    /// <summary>
    /// Does what a BIOS does before an OS sees PCI, since under qtest no firmware runs:
    /// enumerate depth-first, numbering the bus behind every PCI-to-PCI bridge; size every BAR;
    /// assign I/O BARs from <see cref="IoWindowStart"/> and memory BARs (32- and 64-bit, all
    /// below 4 GiB) from the board's MMIO window, naturally aligned, largest alignment first,
    /// giving each bridge I/O and memory windows that hold its subtree; enable I/O, memory and
    /// bus mastering; program the chipset's PIRQ routing and write each function's Interrupt
    /// Line (swizzling INTx pins through bridges, PCI-to-PCI Bridge spec 1.2 §9.1).
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
        private readonly Dictionary<PciAddress, List<PciBar>> _assigned = new Dictionary<PciAddress, List<PciBar>>();
        private readonly Dictionary<byte, PciFunction> _bridgeOfBus = new Dictionary<byte, PciFunction>();
        private int _lastBus;

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

        /// <summary>Runs the set-up and returns what every function ended up with, in discovery order.</summary>
        /// <exception cref="InvalidOperationException">The BARs do not fit the windows.</exception>
        public List<PciFunctionSetup> Run()
        {
            var functions = new List<PciFunction>();
            _lastBus = 0;
            PciBusNode root = ScanBus(0, functions);
            Measure(root);
            Place(root, new PciAddressWindow("I/O", IoWindowStart, IoWindowEnd), new PciAddressWindow("MMIO", _mmioStart, MmioWindowEnd));
            _router.Program(_config);

            var result = new List<PciFunctionSetup>();
            foreach (PciFunction function in functions)
            {
                bool hostBridge = function.ClassCode == ClassBridge && function.Subclass == SubclassHostBridge;
                if (!hostBridge)
                    function.Enable((ushort)(PciRegisters.CommandIoSpace | PciRegisters.CommandMemorySpace | PciRegisters.CommandBusMaster));
                byte pin = function.InterruptPin;
                byte line = 0xFF;
                if (pin >= 1 && pin <= 4)
                {
                    line = RouteInterrupt(function.Address, pin);
                    function.InterruptLine = line;
                }
                List<PciBar> bars = _assigned.TryGetValue(function.Address, out List<PciBar>? b) ? b : new List<PciBar>();
                bars.Sort((x, y) => x.Index.CompareTo(y.Index));
                result.Add(new PciFunctionSetup(function.Address, function.VendorId, function.DeviceId, function.ClassCode, function.Subclass,
                    function.ProgIf, function.HeaderType, bars, pin, line));
                _log.WriteLine("pci: " + function + (bars.Count == 0 ? "" : " " + string.Join(", ", bars)) + (line == 0xFF ? "" : " irq " + line));
            }
            return result;
        }

        /// <summary>Finds the functions of <paramref name="bus"/>, numbering and descending into bridges as they are met.</summary>
        private PciBusNode ScanBus(byte bus, List<PciFunction> functions)
        {
            var node = new PciBusNode();
            for (byte device = 0; device < 32; device++)
            {
                var first = new PciFunction(_config, new PciAddress(bus, device, 0));
                if (first.VendorId == 0xFFFF) continue;
                int count = first.IsMultiFunction ? 8 : 1;
                for (byte fn = 0; fn < count; fn++)
                {
                    PciFunction function = fn == 0 ? first : new PciFunction(_config, new PciAddress(bus, device, fn));
                    if (fn != 0 && function.VendorId == 0xFFFF) continue;
                    functions.Add(function);
                    foreach (PciBar bar in function.SizeBars())
                        if (bar.Size != 0) node.Bars.Add((function, bar));
                    if (function.IsPciBridge)
                        node.Bridges.Add(NumberBridge(function, bus, functions));
                }
            }
            return node;
        }

        private PciBridgeNode NumberBridge(PciFunction bridge, byte bus, List<PciFunction> functions)
        {
            if (_lastBus == 255) throw new InvalidOperationException("PCI bus numbers exhausted at bridge " + bridge);
            byte secondary = (byte)++_lastBus;
            _config.Write8(bridge.Address, PciBridgeRegisters.PrimaryBus, bus);
            _config.Write8(bridge.Address, PciBridgeRegisters.SecondaryBus, secondary);
            // Everything below while scanning, the real subordinate once the subtree is known.
            _config.Write8(bridge.Address, PciBridgeRegisters.SubordinateBus, 0xFF);
            _bridgeOfBus[secondary] = bridge;
            PciBusNode child = ScanBus(secondary, functions);
            _config.Write8(bridge.Address, PciBridgeRegisters.SubordinateBus, (byte)_lastBus);
            return new PciBridgeNode(bridge, child);
        }

        /// <summary>Sizes every bridge's windows, deepest first.</summary>
        private static void Measure(PciBusNode bus)
        {
            foreach (PciBridgeNode bridge in bus.Bridges)
            {
                Measure(bridge.Secondary);
                (bridge.IoSize, bridge.IoAlignment) = Pack(Requests(bridge.Secondary, io: true), PciBridgeRegisters.IoGranularity);
                (bridge.MemorySize, bridge.MemoryAlignment) = Pack(Requests(bridge.Secondary, io: false), PciBridgeRegisters.MemoryGranularity);
            }
        }

        /// <summary>Assigns the requests of <paramref name="bus"/> from the windows, then each bridge's subtree from its own window.</summary>
        private void Place(PciBusNode bus, PciAddressWindow io, PciAddressWindow memory)
        {
            var bridgeIo = new Dictionary<PciBridgeNode, ulong>();
            var bridgeMemory = new Dictionary<PciBridgeNode, ulong>();
            foreach (bool isIo in new[] { true, false })
            {
                PciAddressWindow window = isIo ? io : memory;
                foreach (PciRequest request in Requests(bus, isIo))
                {
                    string who = request.Bridge != null ? request.Bridge.Function + (isIo ? " I/O window" : " memory window") : request.Function! + " BAR" + request.Bar!.Index;
                    ulong address = window.Take(request.Size, request.Alignment, who);
                    if (request.Bridge != null)
                    {
                        (isIo ? bridgeIo : bridgeMemory)[request.Bridge] = address;
                        continue;
                    }
                    PciBar bar = request.Bar!;
                    request.Function!.AssignBar(bar, address);
                    if (!_assigned.TryGetValue(request.Function.Address, out List<PciBar>? list))
                        _assigned[request.Function.Address] = list = new List<PciBar>();
                    list.Add(new PciBar(bar.Index, bar.Kind, address, bar.Size, bar.Prefetchable));
                }
            }
            foreach (PciBridgeNode bridge in bus.Bridges)
            {
                ulong ioBase = bridgeIo.TryGetValue(bridge, out ulong i) ? i : 0;
                ulong memoryBase = bridgeMemory.TryGetValue(bridge, out ulong m) ? m : 0;
                ProgramWindows(bridge, ioBase, memoryBase);
                Place(bridge.Secondary,
                    new PciAddressWindow("I/O behind " + bridge.Function.Address, ioBase, ioBase + bridge.IoSize),
                    new PciAddressWindow("MMIO behind " + bridge.Function.Address, memoryBase, memoryBase + bridge.MemorySize));
            }
        }

        /// <summary>
        /// Opens the bridge's I/O and memory windows (empty ones closed by base &gt; limit). All
        /// memory BARs behind it, prefetchable ones included, use the non-prefetchable window —
        /// allowed, since prefetchable memory may always be accessed without prefetching — so
        /// the prefetchable window stays closed.
        /// </summary>
        private void ProgramWindows(PciBridgeNode bridge, ulong ioBase, ulong memoryBase)
        {
            PciAddress a = bridge.Function.Address;
            if (bridge.IoSize > 0)
            {
                _config.Write8(a, PciBridgeRegisters.IoBase, (byte)((ioBase >> 8) & 0xF0));
                _config.Write8(a, PciBridgeRegisters.IoLimit, (byte)(((ioBase + bridge.IoSize - 1) >> 8) & 0xF0));
            }
            else
            {
                _config.Write8(a, PciBridgeRegisters.IoBase, 0xF0);
                _config.Write8(a, PciBridgeRegisters.IoLimit, 0x00);
            }
            _config.Write16(a, PciBridgeRegisters.IoBaseUpper, 0);
            _config.Write16(a, PciBridgeRegisters.IoLimitUpper, 0);
            if (bridge.MemorySize > 0)
            {
                _config.Write16(a, PciBridgeRegisters.MemoryBase, (ushort)((memoryBase >> 16) & 0xFFF0));
                _config.Write16(a, PciBridgeRegisters.MemoryLimit, (ushort)(((memoryBase + bridge.MemorySize - 1) >> 16) & 0xFFF0));
            }
            else
            {
                _config.Write16(a, PciBridgeRegisters.MemoryBase, 0xFFF0);
                _config.Write16(a, PciBridgeRegisters.MemoryLimit, 0x0000);
            }
            _config.Write16(a, PciBridgeRegisters.PrefetchableBase, 0xFFF0);
            _config.Write16(a, PciBridgeRegisters.PrefetchableLimit, 0x0000);
            _config.Write32(a, PciBridgeRegisters.PrefetchableBaseUpper, 0);
            _config.Write32(a, PciBridgeRegisters.PrefetchableLimitUpper, 0);
            _log.WriteLine("pci: bridge " + bridge.Function + " buses " + _config.Read8(a, PciBridgeRegisters.SecondaryBus) + "-" + _config.Read8(a, PciBridgeRegisters.SubordinateBus) +
                " io 0x" + ioBase.ToString("x") + "+0x" + bridge.IoSize.ToString("x") + " mem 0x" + memoryBase.ToString("x") + "+0x" + bridge.MemorySize.ToString("x"));
        }

        /// <summary>
        /// The IRQ that <paramref name="pin"/> of <paramref name="function"/> reaches: behind a
        /// bridge, device D's pin P appears as the bridge's pin <c>((P - 1 + D) mod 4) + 1</c>,
        /// up to the root bus where the chipset routes it.
        /// </summary>
        private byte RouteInterrupt(PciAddress function, byte pin)
        {
            PciAddress at = function;
            int p = pin;
            while (at.Bus != 0 && _bridgeOfBus.TryGetValue(at.Bus, out PciFunction? bridge))
            {
                p = ((p - 1 + at.Device) % 4) + 1;
                at = bridge.Address;
            }
            return _router.IrqFor(at, (byte)p);
        }

        /// <summary>What a bus asks of its parent window, in placement order: largest alignment, then largest size, first.</summary>
        private static List<PciRequest> Requests(PciBusNode bus, bool io)
        {
            var requests = new List<PciRequest>();
            foreach ((PciFunction function, PciBar bar) in bus.Bars)
                if (bar.IsIo == io)
                    requests.Add(new PciRequest(bar.Size, Math.Max(bar.Size, io ? MinIoAlignment : MinMemoryAlignment), function, bar, null));
            foreach (PciBridgeNode bridge in bus.Bridges)
            {
                ulong size = io ? bridge.IoSize : bridge.MemorySize;
                if (size > 0) requests.Add(new PciRequest(size, io ? bridge.IoAlignment : bridge.MemoryAlignment, null, null, bridge));
            }
            requests.Sort((x, y) => x.Alignment != y.Alignment ? y.Alignment.CompareTo(x.Alignment) : y.Size.CompareTo(x.Size));
            return requests;
        }

        /// <summary>Window size and alignment that hold <paramref name="requests"/> packed in order.</summary>
        private static (ulong Size, ulong Alignment) Pack(List<PciRequest> requests, ulong granularity)
        {
            if (requests.Count == 0) return (0, granularity);
            ulong offset = 0, alignment = granularity;
            foreach (PciRequest r in requests)
            {
                offset = (offset + r.Alignment - 1) & ~(r.Alignment - 1);
                offset += r.Size;
                alignment = Math.Max(alignment, r.Alignment);
            }
            return ((offset + granularity - 1) & ~(granularity - 1), alignment);
        }

        private sealed record PciRequest(ulong Size, ulong Alignment, PciFunction? Function, PciBar? Bar, PciBridgeNode? Bridge);

        private sealed class PciBusNode
        {
            public List<(PciFunction Function, PciBar Bar)> Bars { get; } = new List<(PciFunction, PciBar)>();

            public List<PciBridgeNode> Bridges { get; } = new List<PciBridgeNode>();
        }

        private sealed class PciBridgeNode
        {
            public PciBridgeNode(PciFunction function, PciBusNode secondary)
            {
                Function = function;
                Secondary = secondary;
            }

            public PciFunction Function { get; }

            public PciBusNode Secondary { get; }

            public ulong IoSize { get; set; }

            public ulong IoAlignment { get; set; }

            public ulong MemorySize { get; set; }

            public ulong MemoryAlignment { get; set; }
        }
    }
}
