using EclipseOS.Hal.Pci;
using EclipseOS.Platform.Fake.Devices;

namespace EclipseOS.Platform.Fake.Pci
{
    /// <summary>A base address register a fake function implements, and the registers behind it.</summary>
    public sealed class FakeBar
    {
        internal FakeBar(int index, PciBarKind kind, ulong size, bool prefetchable, IRegisterHandler handler)
        {
            Index = index;
            Kind = kind;
            Size = size;
            Prefetchable = prefetchable;
            Handler = handler;
        }

        /// <summary>BAR number (the low register of a 64-bit pair).</summary>
        public int Index { get; }

        /// <summary>I/O, 32-bit or 64-bit memory.</summary>
        public PciBarKind Kind { get; }

        /// <summary>Window size in bytes (a power of two).</summary>
        public ulong Size { get; }

        /// <summary>Whether a memory BAR says it is prefetchable.</summary>
        public bool Prefetchable { get; }

        /// <summary>The device registers the window decodes to.</summary>
        public IRegisterHandler Handler { get; }

        /// <summary>The bits below the address that the register reports (type and prefetch flags).</summary>
        internal uint Flags => Kind == PciBarKind.Io ? 1u : (Kind == PciBarKind.Memory64 ? 4u : 0u) | (Prefetchable ? 8u : 0u);
    }
}
