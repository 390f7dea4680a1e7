using System;
using System.Collections.Generic;
using EclipseOS.Hal;
using EclipseOS.Hal.Dma;
using EclipseOS.Hal.Pci;
using EclipseOS.Platform.Fake.Devices;
using EclipseOS.Platform.Fake.Interrupts;
using EclipseOS.Platform.Fake.Memory;
using EclipseOS.Platform.Fake.Pci;

namespace EclipseOS.Platform.Fake
{
    /// <summary>
    /// A machine in the test process, for faults real devices will not produce. It is generic:
    /// device models (a fake virtio-blk, a fake ATA channel) live in the tests and attach
    /// themselves here as PCI functions (<see cref="AddPciFunction"/>), port ranges
    /// (<see cref="MapPorts(ushort, int, IRegisterHandler, string)"/>) or MMIO windows
    /// (<see cref="MapMmio"/>); they reach RAM through <see cref="DmaMemory"/> and signal through
    /// <see cref="RaiseIrq"/>/<see cref="LowerIrq"/>. Every device access the driver makes is
    /// counted (<see cref="Counters"/>) and traced in order (<see cref="Trace"/>).
    /// </summary>
    public sealed class FakePlatform : IPlatform
    {
        /// <summary>First port of PCI configuration mechanism #1, mapped by default.</summary>
        public const ushort ConfigMechanismPortBase = PortPciConfigSpace.AddressPort;

        private readonly List<RegisterRange> _portRanges = new List<RegisterRange>();
        private readonly List<RegisterRange> _mmioRanges = new List<RegisterRange>();
        private readonly List<PlatformDevice> _platformDevices = new List<PlatformDevice>();

        /// <summary>
        /// A machine with <paramref name="ramSize"/> bytes of RAM at <paramref name="ramBase"/>,
        /// timed by <paramref name="clock"/> (default: a new <see cref="FakeClock"/>, so waits
        /// and timeouts take no real time).
        /// </summary>
        public FakePlatform(IClock? clock = null, ulong ramBase = FakeDmaMemory.DefaultBase, int ramSize = FakeDmaMemory.DefaultSize)
        {
            Clock = clock ?? new FakeClock();
            Counters = new FakeCounters();
            Trace = new FakeAccessTrace();
            Log = new FakeLog();
            DmaMemory = new FakeDmaMemory(ramBase, ramSize);
            Dma = new FakeDma(DmaMemory, Counters);
            Memory = new FakePhysicalMemory(this, DmaMemory);
            Ports = new FakePortIO(this);
            Pci = new FakePciConfigSpace(this);
            Interrupts = new FakeInterrupts(Clock, Counters);
            MapPorts(ConfigMechanismPortBase, 8, new ConfigMechanismPorts(Pci), "pci-config");
        }

        /// <inheritdoc />
        public string Name { get; set; } = "fake";

        /// <summary>Port I/O routed to fake devices.</summary>
        public FakePortIO Ports { get; }

        /// <summary>Physical memory: RAM, MMIO windows, memory BARs.</summary>
        public FakePhysicalMemory Memory { get; }

        /// <summary>The driver's DMA API (allocate; share/unshare by bounce copy).</summary>
        public FakeDma Dma { get; }

        /// <summary>RAM as devices see it (bus mastering, with IOMMU-like checks).</summary>
        public FakeDmaMemory DmaMemory { get; }

        /// <summary>PCI configuration space of the functions added.</summary>
        public FakePciConfigSpace Pci { get; }

        /// <summary>Interrupt lines.</summary>
        public FakeInterrupts Interrupts { get; }

        /// <inheritdoc />
        public IClock Clock { get; }

        /// <summary><see cref="Clock"/> when it is a <see cref="FakeClock"/>, else null.</summary>
        public FakeClock? FakeClock => Clock as FakeClock;

        /// <summary>Log lines written by drivers.</summary>
        public FakeLog Log { get; }

        /// <summary>Counts of accesses by kind.</summary>
        public FakeCounters Counters { get; }

        /// <summary>Ordered record of every device access.</summary>
        public FakeAccessTrace Trace { get; }

        /// <inheritdoc />
        public IReadOnlyList<PlatformDevice> PlatformDevices => _platformDevices;

        IPortIO IPlatform.Ports => Ports;
        IPhysicalMemory IPlatform.Memory => Memory;
        IDma IPlatform.Dma => Dma;
        IPciConfigSpace IPlatform.Pci => Pci;
        IInterrupts IPlatform.Interrupts => Interrupts;
        ILog IPlatform.Log => Log;

        /// <inheritdoc />
        public void MemoryBarrier()
        {
            EnterFromDriver();
            Counters.Barrier();
        }

        /// <summary>Describes a board device (a virtio-mmio window) that <see cref="PlatformDevices"/> lists.</summary>
        public void AddPlatformDevice(PlatformDevice device) => _platformDevices.Add(device);

        /// <summary>Puts <paramref name="function"/> at <paramref name="address"/> in configuration space.</summary>
        public FakePciFunction AddPciFunction(PciAddress address, FakePciFunction function)
        {
            if (function.Platform != null) throw new InvalidOperationException("PCI function " + function.Name + " is already on a platform");
            Pci.Add(address, function);
            function.Address = address;
            function.Platform = this;
            return function;
        }

        /// <summary>Routes ports [<paramref name="first"/>, +<paramref name="count"/>) to <paramref name="handler"/> (offsets from <paramref name="first"/>).</summary>
        public RegisterRange MapPorts(ushort first, int count, IRegisterHandler handler, string name)
        {
            if (count <= 0 || first + count > 0x10000) throw new ArgumentOutOfRangeException(nameof(count), "ports 0x" + first.ToString("x") + "+" + count + " are outside 0-0xffff");
            return Add(_portRanges, new RegisterRange(first, (ulong)count, handler, name));
        }

        /// <summary>Routes ports to two delegates: read (offset, size → value) and write (offset, size, value).</summary>
        public RegisterRange MapPorts(ushort first, int count, Func<ulong, int, ulong>? read, Action<ulong, int, ulong>? write, string name)
            => MapPorts(first, count, new DelegateRegisterHandler(read, write), name);

        /// <summary>Routes physical addresses [<paramref name="start"/>, +<paramref name="length"/>) to <paramref name="handler"/>; must not overlap RAM.</summary>
        public RegisterRange MapMmio(ulong start, ulong length, IRegisterHandler handler, string name)
        {
            if (length == 0) throw new ArgumentOutOfRangeException(nameof(length), "empty MMIO window");
            ulong ramEnd = DmaMemory.BaseAddress + (ulong)DmaMemory.Size;
            if (start < ramEnd && DmaMemory.BaseAddress < start + length)
                throw new ArgumentException("MMIO window 0x" + start.ToString("x") + "+" + length + " overlaps RAM", nameof(start));
            return Add(_mmioRanges, new RegisterRange(start, length, handler, name));
        }

        /// <summary>Removes a mapping made by <see cref="MapPorts(ushort, int, IRegisterHandler, string)"/> or <see cref="MapMmio"/>.</summary>
        public void Unmap(RegisterRange range)
        {
            if (!_portRanges.Remove(range) && !_mmioRanges.Remove(range))
                throw new InvalidOperationException("range " + range.Name + " is not mapped");
        }

        /// <summary>A device asserts <paramref name="line"/> (see <see cref="FakeInterrupts.Raise"/>).</summary>
        public void RaiseIrq(int line, object? source = null) => Interrupts.Raise(line, source);

        /// <summary>A device releases <paramref name="line"/>.</summary>
        public void LowerIrq(int line, object? source = null) => Interrupts.Lower(line, source);

        /// <summary>The handler decoding <paramref name="port"/>, with the offset into its range; null when nothing does.</summary>
        public IRegisterHandler? DecodePort(ushort port, out ulong offset, out string name) =>
            Decode(_portRanges, port, io: true, out offset, out name);

        /// <summary>The handler decoding physical <paramref name="address"/> (not RAM), with the offset into its window; null when nothing does.</summary>
        public IRegisterHandler? DecodeMmio(ulong address, out ulong offset, out string name) =>
            Decode(_mmioRanges, address, io: false, out offset, out name);

        /// <summary>Mapped ranges first, then the PCI functions' I/O (<paramref name="io"/>) or memory BARs.</summary>
        private IRegisterHandler? Decode(List<RegisterRange> ranges, ulong address, bool io, out ulong offset, out string name)
        {
            foreach (RegisterRange range in ranges)
            {
                if (!range.Contains(address)) continue;
                offset = address - range.Start;
                name = range.Name;
                return range.Handler;
            }
            foreach (FakePciFunction function in Pci.Functions)
            {
                FakeBar? bar = function.DecodeBar(address, io, out offset);
                if (bar == null) continue;
                name = function.Name + " BAR" + bar.Index;
                return bar.Handler;
            }
            offset = 0;
            name = "";
            return null;
        }

        /// <summary>
        /// A driver read of a decoded register, <paramref name="size"/> bytes wide: the handler's
        /// value, or the floating bus (all ones), counted as unhandled, when nothing decodes it.
        /// </summary>
        internal ulong ReadRegister(IRegisterHandler? handler, ulong registerOffset, int size)
        {
            if (handler == null)
            {
                Counters.Unhandled();
                return FloatingBus.Value(size);
            }
            return handler.Read(registerOffset, size) & FloatingBus.Value(size);
        }

        /// <summary>A driver write to a decoded register; dropped and counted as unhandled when nothing decodes it.</summary>
        internal void WriteRegister(IRegisterHandler? handler, ulong registerOffset, int size, ulong value)
        {
            if (handler == null) Counters.Unhandled();
            else handler.Write(registerOffset, size, value);
        }

        /// <summary>Every driver entry into the platform delivers interrupts raised since the last one.</summary>
        internal void EnterFromDriver() => Interrupts.DeliverPending();

        private static RegisterRange Add(List<RegisterRange> ranges, RegisterRange range)
        {
            foreach (RegisterRange existing in ranges)
                if (range.Start < existing.Start + existing.Length && existing.Start < range.Start + range.Length)
                    throw new ArgumentException(range.Name + " at 0x" + range.Start.ToString("x") + "+" + range.Length + " overlaps " + existing.Name + " at 0x" + existing.Start.ToString("x") + "+" + existing.Length);
            ranges.Add(range);
            return range;
        }
    }
}
