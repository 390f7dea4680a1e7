using EclipseOS.Hal.Text;
using System;

namespace EclipseOS.Hal.Pci
{
    /// <summary>Bus, device and function number of a PCI function.</summary>
    public readonly struct PciAddress : IEquatable<PciAddress>
    {
        // One 16-bit routing ID (bus 15:8, device 7:3, function 2:0, as PCIe names it) rather than
        // three byte fields: IL2CPU misplaces a 3-byte struct read from a class field (the bytes
        // come back shifted by one), so a PciFunction kept device 1 as device 0 (docs/kernel.md).
        private readonly ushort _routingId;

        /// <summary>Creates an address; device is 0–31, function 0–7.</summary>
        public PciAddress(byte bus, byte device, byte function)
        {
            if (device > 31) throw new ArgumentOutOfRangeException(nameof(device), "PCI device number is 0-31");
            if (function > 7) throw new ArgumentOutOfRangeException(nameof(function), "PCI function number is 0-7");
            _routingId = (ushort)((bus << 8) | (device << 3) | function);
        }

        /// <summary>Bus number.</summary>
        public byte Bus => (byte)(_routingId >> 8);

        /// <summary>Device (slot) number, 0–31.</summary>
        public byte Device => (byte)((_routingId >> 3) & 0x1F);

        /// <summary>Function number, 0–7.</summary>
        public byte Function => (byte)(_routingId & 7);

        /// <inheritdoc />
        public bool Equals(PciAddress other) => _routingId == other._routingId;

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is PciAddress other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => _routingId;

        /// <summary>The usual <c>bb:dd.f</c> form, e.g. <c>00:04.0</c>.</summary>
        public override string ToString() => Hex.Lower(Bus, 2) + ":" + Hex.Lower(Device, 2) + "." + Function.ToString();
    }
}
