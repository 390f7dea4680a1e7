using EclipseOS.Hal.Pci;

namespace EclipseOS.Platform.Qtest.Devices
{
    /// <summary>
    /// The configuration space of a machine without PCI (QEMU's <c>microvm</c>): every read
    /// answers all ones, as an absent function does, and writes go nowhere.
    /// </summary>
    public sealed class NoPciConfigSpace : IPciConfigSpace
    {
        /// <inheritdoc />
        public byte Read8(PciAddress function, byte offset) => 0xFF;

        /// <inheritdoc />
        public ushort Read16(PciAddress function, byte offset) => 0xFFFF;

        /// <inheritdoc />
        public uint Read32(PciAddress function, byte offset) => 0xFFFFFFFF;

        /// <inheritdoc />
        public void Write8(PciAddress function, byte offset, byte value)
        {
            // No PCI bus: nothing decodes the cycle.
        }

        /// <inheritdoc />
        public void Write16(PciAddress function, byte offset, ushort value)
        {
            // No PCI bus: nothing decodes the cycle.
        }

        /// <inheritdoc />
        public void Write32(PciAddress function, byte offset, uint value)
        {
            // No PCI bus: nothing decodes the cycle.
        }
    }
}
