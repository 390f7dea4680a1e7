using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using EclipseOS.Hal.Pci;
using EclipseOS.Platform.Fake.Devices;

namespace EclipseOS.Platform.Fake.Pci
{
    /// <summary>
    /// A PCI function living in the test process: 256 bytes of configuration space with the
    /// behaviour drivers and firmware rely on — read-only identity, writable command and
    /// interrupt-line bytes, BARs that answer the all-ones sizing probe with their size mask
    /// and decode their window (ports or MMIO) only once assigned and enabled in the command
    /// register, a capability list, and INTx that follows the command register's disable bit.
    /// Device models subclass it or hook <see cref="ConfigWritten"/>.
    /// </summary>
    public class FakePciFunction
    {
        private const int ConfigSize = 256;
        private const int BarCount = 6;
        private const byte FirstCapabilityOffset = 0x40;

        private readonly byte[] _config = new byte[ConfigSize];
        private readonly bool[] _writable = new bool[ConfigSize];
        private readonly FakeBar?[] _bars = new FakeBar?[BarCount];
        private byte _lastCapability;
        private byte _nextCapabilityOffset = FirstCapabilityOffset;
        private bool _intxAsserted;

        /// <summary>A type 0 function with the given identity; every BAR unimplemented, no capabilities, INTx pin none.</summary>
        public FakePciFunction(ushort vendorId, ushort deviceId, byte classCode, byte subclass, byte progIf = 0, byte revision = 0, byte headerType = 0)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(_config.AsSpan(PciRegisters.VendorId), vendorId);
            BinaryPrimitives.WriteUInt16LittleEndian(_config.AsSpan(PciRegisters.DeviceId), deviceId);
            _config[PciRegisters.ClassCode] = classCode;
            _config[PciRegisters.Subclass] = subclass;
            _config[PciRegisters.ProgIf] = progIf;
            _config[PciRegisters.RevisionId] = revision;
            _config[PciRegisters.HeaderType] = headerType;
            _config[PciRegisters.InterruptLine] = 0xFF;
            SetWritable(PciRegisters.Command, 2);
            SetWritable(0x0C, 2); // cache line size, latency timer
            SetWritable(PciRegisters.InterruptLine, 1);
            Name = vendorId.ToString("x4") + ":" + deviceId.ToString("x4");
        }

        /// <summary>Name used in the access trace and messages.</summary>
        public string Name { get; set; }

        /// <summary>Where the function sits; set by <see cref="FakePlatform.AddPciFunction"/>.</summary>
        public PciAddress Address { get; internal set; }

        /// <summary>The platform the function was added to, or null.</summary>
        public FakePlatform? Platform { get; internal set; }

        /// <summary>
        /// Raw configuration space, for a device model to read and change freely (no hooks, no
        /// masks). What the driver sees goes through <see cref="ReadConfig"/>/<see cref="WriteConfig"/>.
        /// </summary>
        public byte[] Config => _config;

        /// <summary>Called after every configuration write by the driver: (function, offset, size, value).</summary>
        public event Action<FakePciFunction, byte, int, uint>? ConfigWritten;

        /// <summary>Command register.</summary>
        public ushort Command => BinaryPrimitives.ReadUInt16LittleEndian(_config.AsSpan(PciRegisters.Command));

        /// <summary>Whether I/O space decoding is enabled.</summary>
        public bool IoEnabled => (Command & PciRegisters.CommandIoSpace) != 0;

        /// <summary>Whether memory space decoding is enabled.</summary>
        public bool MemoryEnabled => (Command & PciRegisters.CommandMemorySpace) != 0;

        /// <summary>Whether the function may master the bus (DMA).</summary>
        public bool BusMasterEnabled => (Command & PciRegisters.CommandBusMaster) != 0;

        /// <summary>Interrupt pin (0 none, 1 INTA … 4 INTD).</summary>
        public byte InterruptPin
        {
            get => _config[PciRegisters.InterruptPin];
            set => _config[PciRegisters.InterruptPin] = value;
        }

        /// <summary>Interrupt line (what firmware routed INTx to; 0xFF none).</summary>
        public byte InterruptLine
        {
            get => _config[PciRegisters.InterruptLine];
            set => _config[PciRegisters.InterruptLine] = value;
        }

        /// <summary>Sets the multi-function bit of the header type.</summary>
        public bool MultiFunction
        {
            get => (_config[PciRegisters.HeaderType] & 0x80) != 0;
            set => _config[PciRegisters.HeaderType] = (byte)(value ? _config[PciRegisters.HeaderType] | 0x80 : _config[PciRegisters.HeaderType] & 0x7F);
        }

        /// <summary>Sets the subsystem vendor and subsystem IDs (type 0 header).</summary>
        public void SetSubsystem(ushort subsystemVendorId, ushort subsystemId)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(_config.AsSpan(PciRegisters.SubsystemVendorId), subsystemVendorId);
            BinaryPrimitives.WriteUInt16LittleEndian(_config.AsSpan(PciRegisters.SubsystemId), subsystemId);
        }

        /// <summary>Lets the driver write <paramref name="length"/> bytes from <paramref name="offset"/> (everything else ignores writes).</summary>
        public void SetWritable(int offset, int length)
        {
            if (offset < 0 || length < 0 || offset + length > ConfigSize)
                throw new ArgumentOutOfRangeException(nameof(offset), "configuration bytes " + offset + "+" + length + " are outside 256");
            for (int i = offset; i < offset + length; i++) _writable[i] = true;
        }

        /// <summary>Implements BAR <paramref name="index"/> as <paramref name="size"/> I/O ports (a power of two, at least 4).</summary>
        public FakeBar DefineIoBar(int index, uint size, IRegisterHandler handler)
        {
            if (size < 4 || (size & (size - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(size), "an I/O BAR is a power of two of at least 4 ports");
            return Define(new FakeBar(index, PciBarKind.Io, size, false, handler));
        }

        /// <summary>Implements BAR <paramref name="index"/> (and the next, when 64-bit) as a memory window of <paramref name="size"/> bytes (a power of two, at least 16).</summary>
        public FakeBar DefineMemoryBar(int index, ulong size, IRegisterHandler handler, bool is64Bit = false, bool prefetchable = false)
        {
            if (size < 16 || (size & (size - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(size), "a memory BAR is a power of two of at least 16 bytes");
            if (!is64Bit && size > 0x80000000UL) throw new ArgumentOutOfRangeException(nameof(size), "a 32-bit BAR cannot decode more than 2 GiB");
            if (is64Bit && index == BarCount - 1) throw new ArgumentOutOfRangeException(nameof(index), "a 64-bit BAR needs two registers");
            if (is64Bit && index >= 0 && index < BarCount - 1 && _bars[index + 1] != null)
                throw new InvalidOperationException("BAR" + (index + 1) + " is already defined; a 64-bit BAR" + index + " needs it");
            return Define(new FakeBar(index, is64Bit ? PciBarKind.Memory64 : PciBarKind.Memory32, size, prefetchable, handler));
        }

        /// <summary>The BAR defined at <paramref name="index"/>, or null.</summary>
        public FakeBar? Bar(int index) => index >= 0 && index < BarCount ? _bars[index] : null;

        /// <summary>The address the BAR at <paramref name="index"/> is programmed with (0 when unassigned).</summary>
        public ulong BarAddress(int index)
        {
            FakeBar? bar = Bar(index) ?? throw new ArgumentOutOfRangeException(nameof(index), "BAR" + index + " is not implemented");
            ulong low = BarRegister(index) & (bar.Kind == PciBarKind.Io ? 0xFFFFFFFCu : 0xFFFFFFF0u);
            if (bar.Kind == PciBarKind.Memory64) low |= (ulong)BarRegister(index + 1) << 32;
            return low;
        }

        /// <summary>
        /// Appends a capability with ID <paramref name="id"/> whose bytes after the ID and next
        /// pointer are <paramref name="body"/>; links it into the list, sets the status bit, and
        /// returns its offset. The body is read-only unless made writable with <see cref="SetWritable"/>.
        /// </summary>
        public byte AddCapability(byte id, byte[] body)
        {
            int length = 2 + body.Length;
            int offset = _nextCapabilityOffset;
            if (offset + length > ConfigSize) throw new InvalidOperationException("no room for a " + length + "-byte capability at 0x" + offset.ToString("x2"));
            _config[offset] = id;
            _config[offset + 1] = 0;
            Array.Copy(body, 0, _config, offset + 2, body.Length);
            if (_lastCapability == 0)
                _config[PciRegisters.CapabilitiesPointer] = (byte)offset;
            else
                _config[_lastCapability + 1] = (byte)offset;
            _lastCapability = (byte)offset;
            _nextCapabilityOffset = (byte)Math.Min(ConfigSize - 1, (offset + length + 3) & ~3);
            _config[PciRegisters.Status] |= (byte)PciRegisters.StatusCapabilityList;
            return (byte)offset;
        }

        /// <summary>
        /// Asserts INTx: sets the status interrupt bit and, unless the command register disables
        /// INTx or no line is routed (0xFF), raises the platform line <see cref="InterruptLine"/>.
        /// </summary>
        public void AssertIntx()
        {
            _intxAsserted = true;
            UpdateIntx();
        }

        /// <summary>Deasserts INTx: clears the status bit and releases the line.</summary>
        public void DeassertIntx()
        {
            _intxAsserted = false;
            UpdateIntx();
        }

        /// <summary>Configuration read as the driver sees it. Override to make registers dynamic.</summary>
        public virtual uint ReadConfig(byte offset, int size)
        {
            CheckAccess(offset, size);
            uint value = 0;
            for (int i = size - 1; i >= 0; i--)
                value = (value << 8) | _config[offset + i];
            return value;
        }

        /// <summary>
        /// Configuration write as the driver makes it: BAR registers keep only their address bits
        /// above the window size (so writing all ones reads back the size mask), other bytes
        /// change only where writable; then <see cref="ConfigWritten"/> runs.
        /// </summary>
        public virtual void WriteConfig(byte offset, int size, uint value)
        {
            CheckAccess(offset, size);
            for (int i = 0; i < size; i++)
            {
                int at = offset + i;
                byte b = (byte)(value >> (8 * i));
                if (IsBarByte(at))
                    WriteBarByte(at, b);
                else if (_writable[at])
                    _config[at] = b;
            }
            if (offset <= PciRegisters.Command + 1 && offset + size > PciRegisters.Command)
                UpdateIntx();
            ConfigWritten?.Invoke(this, offset, size, value);
        }

        /// <summary>
        /// The BAR decoding an I/O port (<paramref name="io"/>) or a memory address, when that
        /// kind of decoding is on; the offset into it is returned too. I/O BARs decode 16 bits.
        /// </summary>
        internal FakeBar? DecodeBar(ulong address, bool io, out ulong offset)
        {
            offset = 0;
            if (io ? !IoEnabled : !MemoryEnabled) return null;
            foreach (FakeBar? bar in _bars)
            {
                if (bar == null || (bar.Kind == PciBarKind.Io) != io) continue;
                ulong start = io ? BarAddress(bar.Index) & 0xFFFF : BarAddress(bar.Index);
                if (start == 0 || address < start || address - start >= bar.Size) continue;
                offset = address - start;
                return bar;
            }
            return null;
        }

        private FakeBar Define(FakeBar bar)
        {
            if (bar.Index < 0 || bar.Index >= BarCount) throw new ArgumentOutOfRangeException(nameof(bar), "BAR index is 0-5");
            if ((_config[PciRegisters.HeaderType] & 0x7F) == 1 && bar.Index > 1)
                throw new ArgumentOutOfRangeException(nameof(bar), "a bridge (type 1 header) has only BAR0 and BAR1");
            if (_bars[bar.Index] != null || (bar.Index > 0 && _bars[bar.Index - 1]?.Kind == PciBarKind.Memory64))
                throw new InvalidOperationException("BAR" + bar.Index + " is already defined");
            _bars[bar.Index] = bar;
            SetBarRegister(bar.Index, bar.Flags);
            return bar;
        }

        private bool IsBarByte(int at) => at >= PciRegisters.Bar0 && at < PciRegisters.Bar0 + 4 * BarCount;

        private void WriteBarByte(int at, byte value)
        {
            int index = (at - PciRegisters.Bar0) / 4;
            int shift = 8 * ((at - PciRegisters.Bar0) % 4);
            FakeBar? bar = _bars[index];
            bool highHalf = false;
            if (bar == null && index > 0 && _bars[index - 1]?.Kind == PciBarKind.Memory64)
            {
                bar = _bars[index - 1];
                highHalf = true;
            }
            if (bar == null) return; // unimplemented BARs are hard-wired to zero
            uint merged = (BarRegister(index) & ~(0xFFu << shift)) | ((uint)value << shift);
            ulong addressMask = ~(bar.Size - 1);
            uint register = highHalf
                ? merged & (uint)(addressMask >> 32)
                : (merged & (uint)addressMask & (bar.Kind == PciBarKind.Io ? 0xFFFFFFFCu : 0xFFFFFFF0u)) | bar.Flags;
            SetBarRegister(index, register);
        }

        private uint BarRegister(int index) => BinaryPrimitives.ReadUInt32LittleEndian(_config.AsSpan(PciRegisters.Bar0 + 4 * index));

        private void SetBarRegister(int index, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(_config.AsSpan(PciRegisters.Bar0 + 4 * index), value);

        private void UpdateIntx()
        {
            if (_intxAsserted) _config[PciRegisters.Status] |= (byte)PciRegisters.StatusInterrupt;
            else _config[PciRegisters.Status] &= unchecked((byte)~PciRegisters.StatusInterrupt);
            if (Platform == null || InterruptLine == 0xFF) return;
            bool disabled = (Command & PciRegisters.CommandInterruptDisable) != 0;
            if (_intxAsserted && !disabled) Platform.Interrupts.Raise(InterruptLine, this);
            else Platform.Interrupts.Lower(InterruptLine, this);
        }

        private static void CheckAccess(byte offset, int size)
        {
            if (size != 1 && size != 2 && size != 4) throw new ArgumentOutOfRangeException(nameof(size), "configuration accesses are 1, 2 or 4 bytes");
            if (offset % size != 0) throw new ArgumentException("misaligned " + size + "-byte configuration access at 0x" + offset.ToString("x2"), nameof(offset));
        }

        /// <summary><c>bb:dd.f vvvv:dddd</c>.</summary>
        public override string ToString() => Address + " " + Name;
    }
}
