namespace EclipseOS.Hal.Pci
{
    /// <summary>
    /// Access to PCI configuration space (256 bytes per function). Accesses are naturally
    /// aligned. Reading a function that does not exist returns all ones.
    /// </summary>
    public interface IPciConfigSpace
    {
        /// <summary>Reads a byte of configuration space.</summary>
        byte Read8(PciAddress function, byte offset);

        /// <summary>Reads a 16-bit word of configuration space.</summary>
        ushort Read16(PciAddress function, byte offset);

        /// <summary>Reads a 32-bit word of configuration space.</summary>
        uint Read32(PciAddress function, byte offset);

        /// <summary>Writes a byte of configuration space.</summary>
        void Write8(PciAddress function, byte offset, byte value);

        /// <summary>Writes a 16-bit word of configuration space.</summary>
        void Write16(PciAddress function, byte offset, ushort value);

        /// <summary>Writes a 32-bit word of configuration space.</summary>
        void Write32(PciAddress function, byte offset, uint value);
    }
}
