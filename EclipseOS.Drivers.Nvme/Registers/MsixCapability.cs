using EclipseOS.Hal;
using EclipseOS.Hal.Interrupts;
using EclipseOS.Hal.Pci;

namespace EclipseOS.Drivers.Nvme.Registers
{
    /// <summary>
    /// A function's MSI-X capability (PCI Local Bus 3.0 §6.8.2, capability ID 11h) and the table
    /// it points at in one of the function's memory BARs: enough to aim vector 0 at a message
    /// and switch MSI-X on, with INTx off (an MSI-X function must not also assert INTx).
    /// </summary>
    public sealed class MsixCapability
    {
        /// <summary>Capability ID of MSI-X.</summary>
        public const byte CapabilityId = 0x11;

        private const byte MessageControl = 2;          // 16 bits: table size − 1 in 10:0, function mask bit 14, enable bit 15
        private const byte TableOffsetAndBir = 4;       // BIR in 2:0, offset in 31:3
        private const ushort ControlFunctionMask = 1 << 14;
        private const ushort ControlEnable = 1 << 15;
        private const int TableEntryBytes = 16;         // address low, address high, data, vector control
        private const uint VectorMasked = 1;

        private readonly PciFunction _function;
        private readonly byte _offset;
        private readonly ulong _table;

        private MsixCapability(PciFunction function, byte offset, ulong table, int vectors)
        {
            _function = function;
            _offset = offset;
            _table = table;
            Vectors = vectors;
        }

        /// <summary>Vectors the table holds.</summary>
        public int Vectors { get; }

        /// <summary>The MSI-X capability of <paramref name="function"/>, or null when it has none or its table BAR is not an assigned memory window.</summary>
        public static MsixCapability? Find(PciFunction function)
        {
            var found = function.FindCapabilities(CapabilityId);
            if (found.Count == 0)
                return null;
            byte offset = found[0];
            uint location = function.Config.Read32(function.Address, (byte)(offset + TableOffsetAndBir));
            PciBar bar = function.ReadBar((int)(location & 7));
            if (!bar.IsMemory || bar.Address == 0)
                return null;
            int vectors = (function.Config.Read16(function.Address, (byte)(offset + MessageControl)) & 0x7FF) + 1;
            return new MsixCapability(function, offset, bar.Address + (location & ~7u), vectors);
        }

        /// <summary>Aims vector <paramref name="vector"/> at <paramref name="message"/>, unmasked, and enables MSI-X with INTx disabled.</summary>
        public void Enable(IPhysicalMemory memory, int vector, MessageInterrupt message)
        {
            ushort control = Control;
            // Function mask while the entry changes, so no half-written message is ever sent.
            Control = (ushort)(control | ControlEnable | ControlFunctionMask);
            _function.Enable(PciRegisters.CommandInterruptDisable);
            ulong entry = _table + (ulong)(vector * TableEntryBytes);
            memory.Write32(entry + 0, (uint)message.Address);
            memory.Write32(entry + 4, (uint)(message.Address >> 32));
            memory.Write32(entry + 8, message.Data);
            memory.Write32(entry + 12, memory.Read32(entry + 12) & ~VectorMasked);
            Control = (ushort)((control | ControlEnable) & ~ControlFunctionMask);
        }

        /// <summary>Switches MSI-X off again and lets the function use INTx.</summary>
        public void Disable()
        {
            Control = (ushort)(Control & ~(ControlEnable | ControlFunctionMask));
            _function.Command = (ushort)(_function.Command & ~PciRegisters.CommandInterruptDisable);
        }

        private ushort Control
        {
            get => _function.Config.Read16(_function.Address, (byte)(_offset + MessageControl));
            set => _function.Config.Write16(_function.Address, (byte)(_offset + MessageControl), value);
        }
    }
}
