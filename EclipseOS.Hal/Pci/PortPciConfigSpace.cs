namespace EclipseOS.Hal.Pci
{
    /// <summary>
    /// PCI configuration mechanism #1 (PCI 3.0 §3.2.2.3.2): write the address to port 0xCF8,
    /// then move data through 0xCFC–0xCFF. Every x86 PC chipset (i440FX, Q35) has it.
    /// </summary>
    public sealed class PortPciConfigSpace : IPciConfigSpace
    {
        /// <summary>CONFIG_ADDRESS port.</summary>
        public const ushort AddressPort = 0xCF8;
        /// <summary>CONFIG_DATA port (first of four).</summary>
        public const ushort DataPort = 0xCFC;
        private const uint EnableBit = 0x80000000;

        private readonly IPortIO _ports;

        /// <summary>Uses <paramref name="ports"/> for configuration cycles.</summary>
        public PortPciConfigSpace(IPortIO ports)
        {
            _ports = ports;
        }

        /// <inheritdoc />
        public byte Read8(PciAddress function, byte offset)
        {
            Select(function, offset);
            return _ports.Read8((ushort)(DataPort + (offset & 3)));
        }

        /// <inheritdoc />
        public ushort Read16(PciAddress function, byte offset)
        {
            Select(function, offset);
            return _ports.Read16((ushort)(DataPort + (offset & 2)));
        }

        /// <inheritdoc />
        public uint Read32(PciAddress function, byte offset)
        {
            Select(function, offset);
            return _ports.Read32(DataPort);
        }

        /// <inheritdoc />
        public void Write8(PciAddress function, byte offset, byte value)
        {
            Select(function, offset);
            _ports.Write8((ushort)(DataPort + (offset & 3)), value);
        }

        /// <inheritdoc />
        public void Write16(PciAddress function, byte offset, ushort value)
        {
            Select(function, offset);
            _ports.Write16((ushort)(DataPort + (offset & 2)), value);
        }

        /// <inheritdoc />
        public void Write32(PciAddress function, byte offset, uint value)
        {
            Select(function, offset);
            _ports.Write32(DataPort, value);
        }

        private void Select(PciAddress function, byte offset)
        {
            uint address = EnableBit | ((uint)function.Bus << 16) | ((uint)function.Device << 11) | ((uint)function.Function << 8) | (uint)(offset & 0xFC);
            _ports.Write32(AddressPort, address);
        }
    }
}
