using System;
using EclipseOS.Hal.Text;
using System.Collections.Generic;

namespace EclipseOS.Hal.Pci
{
    /// <summary>
    /// One PCI function seen through configuration space: identity, command bits, BAR
    /// decoding and the capability list. Pure logic over <see cref="IPciConfigSpace"/>, so the
    /// same code serves the Cosmos kernel, the qtest firmware and the tests.
    /// </summary>
    public sealed class PciFunction
    {
        /// <summary>Most capabilities a 256-byte configuration space can hold; bounds a malformed (cyclic) list.</summary>
        private const int MaxCapabilities = 48;
        /// <summary>Base class 06h: bridge device (PCI Code and ID Assignment Specification §1.7).</summary>
        private const byte ClassBridge = 0x06;
        /// <summary>Subclass 04h of class 06h: PCI-to-PCI bridge.</summary>
        private const byte SubclassPciBridge = 0x04;

        private readonly IPciConfigSpace _config;

        /// <summary>Wraps the function at <paramref name="address"/>.</summary>
        public PciFunction(IPciConfigSpace config, PciAddress address)
        {
            _config = config;
            Address = address;
        }

        /// <summary>Configuration space this function is read through.</summary>
        public IPciConfigSpace Config => _config;

        /// <summary>Bus/device/function.</summary>
        public PciAddress Address { get; }

        /// <summary>Vendor ID; 0xFFFF when nothing answers.</summary>
        public ushort VendorId => _config.Read16(Address, PciRegisters.VendorId);

        /// <summary>Device ID.</summary>
        public ushort DeviceId => _config.Read16(Address, PciRegisters.DeviceId);

        /// <summary>Class code.</summary>
        public byte ClassCode => _config.Read8(Address, PciRegisters.ClassCode);

        /// <summary>Subclass.</summary>
        public byte Subclass => _config.Read8(Address, PciRegisters.Subclass);

        /// <summary>Programming interface.</summary>
        public byte ProgIf => _config.Read8(Address, PciRegisters.ProgIf);

        /// <summary>Revision.</summary>
        public byte Revision => _config.Read8(Address, PciRegisters.RevisionId);

        /// <summary>Header type without the multi-function bit (0 device, 1 PCI bridge, 2 CardBus).</summary>
        public byte HeaderType => (byte)(_config.Read8(Address, PciRegisters.HeaderType) & 0x7F);

        /// <summary>Whether this is a PCI-to-PCI bridge (type 1 header, class 06h subclass 04h), with a secondary bus behind it.</summary>
        public bool IsPciBridge => HeaderType == 1 && ClassCode == ClassBridge && Subclass == SubclassPciBridge;

        /// <summary>Whether function 0 of this device announces more functions.</summary>
        public bool IsMultiFunction => (_config.Read8(Address, PciRegisters.HeaderType) & 0x80) != 0;

        /// <summary>Subsystem ID (type 0 header).</summary>
        public ushort SubsystemId => _config.Read16(Address, PciRegisters.SubsystemId);

        /// <summary>Interrupt line firmware routed INTx to (0xFF: none).</summary>
        public byte InterruptLine
        {
            get => _config.Read8(Address, PciRegisters.InterruptLine);
            set => _config.Write8(Address, PciRegisters.InterruptLine, value);
        }

        /// <summary>Interrupt pin: 0 none, 1 INTA … 4 INTD.</summary>
        public byte InterruptPin => _config.Read8(Address, PciRegisters.InterruptPin);

        /// <summary>Command register.</summary>
        public ushort Command
        {
            get => _config.Read16(Address, PciRegisters.Command);
            set => _config.Write16(Address, PciRegisters.Command, value);
        }

        /// <summary>Status register.</summary>
        public ushort Status => _config.Read16(Address, PciRegisters.Status);

        /// <summary>Sets command bits (I/O, memory, bus master …) leaving the others as they are.</summary>
        public void Enable(ushort commandBits)
        {
            Command = (ushort)(Command | commandBits);
        }

        /// <summary>Number of BARs in this header type (6 for devices, 2 for bridges, 0 otherwise).</summary>
        public int BarCount => HeaderType == 0 ? 6 : HeaderType == 1 ? 2 : 0;

        /// <summary>
        /// Decodes BAR <paramref name="index"/> as it stands, without sizing it (no writes).
        /// The size is 0 here; <see cref="SizeBar"/> measures it.
        /// </summary>
        public PciBar ReadBar(int index)
        {
            uint low = ReadBarRegister(index);
            if ((low & 1) != 0)
                return new PciBar(index, PciBarKind.Io, low & 0xFFFFFFFC, 0, false);
            bool prefetchable = (low & 0x8) != 0;
            uint type = (low >> 1) & 3;
            if (type == 2 && index + 1 < BarCount)
            {
                ulong high = ReadBarRegister(index + 1);
                return new PciBar(index, PciBarKind.Memory64, (high << 32) | (low & 0xFFFFFFF0), 0, prefetchable);
            }
            return new PciBar(index, low == 0 ? PciBarKind.None : PciBarKind.Memory32, low & 0xFFFFFFF0, 0, prefetchable);
        }

        /// <summary>
        /// Decodes BAR <paramref name="index"/> and measures its size the way firmware does:
        /// write all ones, read back the mask, restore. I/O and memory decoding are switched
        /// off meanwhile so the device never answers at the probe address.
        /// </summary>
        public PciBar SizeBar(int index)
        {
            ushort command = Command;
            Command = (ushort)(command & ~(PciRegisters.CommandIoSpace | PciRegisters.CommandMemorySpace));
            PciBar bar;
            try
            {
                bar = ProbeBar(index);
            }
            catch (Exception)
            {
                // No finally: IL2CPU hangs or loses an exception that passes through one (EOS011).
                Command = command;
                throw;
            }
            Command = command;
            return bar;
        }

        // Writes all ones to the BAR and reads back its size mask; decoding is off meanwhile.
        private PciBar ProbeBar(int index)
        {
            uint original = ReadBarRegister(index);
            WriteBarRegister(index, 0xFFFFFFFF);
            uint mask = ReadBarRegister(index);
            WriteBarRegister(index, original);
            if (mask == 0)
                return new PciBar(index, PciBarKind.None, 0, 0, false);
            if ((original & 1) != 0)
            {
                // I/O BARs decode only 16 address bits on x86; the upper bits may read back 0.
                uint ioMask = (mask & 0xFFFFFFFC) | 0xFFFF0000;
                return new PciBar(index, PciBarKind.Io, original & 0xFFFFFFFC, (ulong)(~ioMask + 1) & 0xFFFFFFFF, false);
            }
            bool prefetchable = (original & 0x8) != 0;
            if (((original >> 1) & 3) == 2 && index + 1 < BarCount)
            {
                uint originalHigh = ReadBarRegister(index + 1);
                WriteBarRegister(index + 1, 0xFFFFFFFF);
                uint maskHigh = ReadBarRegister(index + 1);
                WriteBarRegister(index + 1, originalHigh);
                ulong mask64 = ((ulong)maskHigh << 32) | (mask & 0xFFFFFFF0);
                ulong address = ((ulong)originalHigh << 32) | (original & 0xFFFFFFF0);
                return new PciBar(index, PciBarKind.Memory64, address, ~mask64 + 1, prefetchable);
            }
            return new PciBar(index, PciBarKind.Memory32, original & 0xFFFFFFF0, (ulong)(~(mask & 0xFFFFFFF0) + 1) & 0xFFFFFFFF, prefetchable);
        }

        /// <summary>
        /// Sizes every BAR of the function; a 64-bit BAR appears once, at its low index, and
        /// unimplemented BARs are left out.
        /// </summary>
        public List<PciBar> SizeBars()
        {
            var bars = new List<PciBar>();
            int count = BarCount;
            for (int i = 0; i < count; i++)
            {
                PciBar bar = SizeBar(i);
                if (bar.Kind == PciBarKind.None) continue;
                bars.Add(bar);
                if (bar.Kind == PciBarKind.Memory64) i++;
            }
            return bars;
        }

        /// <summary>Programs <paramref name="bar"/> with <paramref name="address"/> (both halves for a 64-bit BAR).</summary>
        public void AssignBar(PciBar bar, ulong address)
        {
            uint low = ReadBarRegister(bar.Index);
            uint flags = bar.IsIo ? low & 0x3 : low & 0xF;
            WriteBarRegister(bar.Index, (uint)address | flags);
            if (bar.Kind == PciBarKind.Memory64)
                WriteBarRegister(bar.Index + 1, (uint)(address >> 32));
        }

        /// <summary>
        /// Offsets of every capability with ID <paramref name="capabilityId"/>, in list order.
        /// A malformed list (pointer into the header, misaligned, or cyclic) ends the walk
        /// instead of looping.
        /// </summary>
        public List<byte> FindCapabilities(byte capabilityId)
        {
            var found = new List<byte>();
            if ((Status & PciRegisters.StatusCapabilityList) == 0)
                return found;
            byte offset = (byte)(_config.Read8(Address, PciRegisters.CapabilitiesPointer) & 0xFC);
            for (int visited = 0; offset >= 0x40 && visited < MaxCapabilities; visited++)
            {
                if (_config.Read8(Address, offset) == capabilityId)
                    found.Add(offset);
                offset = (byte)(_config.Read8(Address, (byte)(offset + 1)) & 0xFC);
            }
            return found;
        }

        /// <summary><c>bb:dd.f vvvv:dddd</c>.</summary>
        public override string ToString() => Address + " " + Hex.Lower(VendorId, 4) + ":" + Hex.Lower(DeviceId, 4);

        private uint ReadBarRegister(int index) => _config.Read32(Address, (byte)(PciRegisters.Bar0 + index * 4));

        private void WriteBarRegister(int index, uint value) => _config.Write32(Address, (byte)(PciRegisters.Bar0 + index * 4), value);
    }
}
