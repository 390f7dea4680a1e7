using System;

namespace EclipseOS.Hal.Pci
{
    /// <summary>Bus, device and function number of a PCI function.</summary>
    public readonly struct PciAddress : IEquatable<PciAddress>
    {
        /// <summary>Creates an address; device is 0–31, function 0–7.</summary>
        public PciAddress(byte bus, byte device, byte function)
        {
            if (device > 31) throw new ArgumentOutOfRangeException(nameof(device), "PCI device number is 0-31");
            if (function > 7) throw new ArgumentOutOfRangeException(nameof(function), "PCI function number is 0-7");
            Bus = bus;
            Device = device;
            Function = function;
        }

        /// <summary>Bus number.</summary>
        public byte Bus { get; }

        /// <summary>Device (slot) number, 0–31.</summary>
        public byte Device { get; }

        /// <summary>Function number, 0–7.</summary>
        public byte Function { get; }

        /// <inheritdoc />
        public bool Equals(PciAddress other) => Bus == other.Bus && Device == other.Device && Function == other.Function;

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is PciAddress other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => (Bus << 8) | (Device << 3) | Function;

        /// <summary>The usual <c>bb:dd.f</c> form, e.g. <c>00:04.0</c>.</summary>
        public override string ToString() => Bus.ToString("x2") + ":" + Device.ToString("x2") + "." + Function.ToString();
    }
}
