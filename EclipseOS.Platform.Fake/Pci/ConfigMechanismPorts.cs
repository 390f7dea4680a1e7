using EclipseOS.Hal.Pci;
using EclipseOS.Platform.Fake.Devices;

namespace EclipseOS.Platform.Fake.Pci
{
    /// <summary>
    /// Ports 0xCF8–0xCFF of the fake machine: PCI configuration mechanism #1 (PCI 3.0
    /// §3.2.2.3.2) over <see cref="FakePciConfigSpace"/>, so code that reaches configuration
    /// space through <see cref="PortPciConfigSpace"/> works on the fake platform too.
    /// </summary>
    internal sealed class ConfigMechanismPorts : IRegisterHandler
    {
        private const uint EnableBit = 0x80000000;
        private readonly FakePciConfigSpace _config;
        private uint _address;

        public ConfigMechanismPorts(FakePciConfigSpace config)
        {
            _config = config;
        }

        public ulong Read(ulong offset, int size)
        {
            if (offset == 0 && size == 4) return _address;
            if (offset < 4 || (_address & EnableBit) == 0) return FloatingBus.Value(size);
            var (function, register) = Selected((int)offset - 4);
            return size switch
            {
                1 => _config.Read8(function, register),
                2 => _config.Read16(function, register),
                _ => _config.Read32(function, register),
            };
        }

        public void Write(ulong offset, int size, ulong value)
        {
            if (offset == 0 && size == 4)
            {
                _address = (uint)value;
                return;
            }
            if (offset < 4 || (_address & EnableBit) == 0) return;
            var (function, register) = Selected((int)offset - 4);
            switch (size)
            {
                case 1: _config.Write8(function, register, (byte)value); break;
                case 2: _config.Write16(function, register, (ushort)value); break;
                default: _config.Write32(function, register, (uint)value); break;
            }
        }

        private (PciAddress, byte) Selected(int dataOffset)
        {
            var function = new PciAddress((byte)(_address >> 16), (byte)((_address >> 11) & 0x1F), (byte)((_address >> 8) & 7));
            return (function, (byte)((_address & 0xFC) + dataOffset));
        }
    }
}
