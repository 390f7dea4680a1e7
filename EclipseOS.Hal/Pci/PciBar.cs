using EclipseOS.Hal.Text;

namespace EclipseOS.Hal.Pci
{
    /// <summary>What kind of address space a base address register decodes.</summary>
    public enum PciBarKind
    {
        /// <summary>The register is not implemented (reads 0 after sizing).</summary>
        None,
        /// <summary>I/O ports.</summary>
        Io,
        /// <summary>32-bit memory space.</summary>
        Memory32,
        /// <summary>64-bit memory space: this register and the next hold one address.</summary>
        Memory64,
    }

    /// <summary>A decoded base address register (PCI 3.0 §6.2.5.1).</summary>
    public sealed class PciBar
    {
        /// <summary>Creates a decoded BAR.</summary>
        public PciBar(int index, PciBarKind kind, ulong address, ulong size, bool prefetchable)
        {
            Index = index;
            Kind = kind;
            Address = address;
            Size = size;
            Prefetchable = prefetchable;
        }

        /// <summary>BAR number, 0–5 (the low register of a 64-bit pair).</summary>
        public int Index { get; }

        /// <summary>Address space.</summary>
        public PciBarKind Kind { get; }

        /// <summary>Assigned base address (0 = unassigned).</summary>
        public ulong Address { get; }

        /// <summary>Size of the decoded window in bytes (0 when unknown or unimplemented).</summary>
        public ulong Size { get; }

        /// <summary>Whether a memory BAR is prefetchable.</summary>
        public bool Prefetchable { get; }

        /// <summary>Whether this is an I/O port BAR.</summary>
        public bool IsIo => Kind == PciBarKind.Io;

        /// <summary>Whether this is a memory BAR (32- or 64-bit).</summary>
        public bool IsMemory => Kind == PciBarKind.Memory32 || Kind == PciBarKind.Memory64;

        /// <summary>E.g. <c>BAR4 mem64 0xe0000000 [16 KiB]</c>.</summary>
        public override string ToString()
        {
            string kind = Kind == PciBarKind.Io ? "io" : Kind == PciBarKind.Memory32 ? "mem32" : Kind == PciBarKind.Memory64 ? "mem64" : "none";
            return "BAR" + Index + " " + kind + " 0x" + Hex.Lower(Address) + " [" + Size + " bytes]" + (Prefetchable ? " pref" : "");
        }
    }
}
