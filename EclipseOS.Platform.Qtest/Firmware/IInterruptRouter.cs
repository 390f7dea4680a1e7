using EclipseOS.Hal.Pci;

namespace EclipseOS.Platform.Qtest.Firmware
{
    /// <summary>A chipset's PCI INTx router (PIRQ registers) as firmware programs it.</summary>
    public interface IInterruptRouter
    {
        /// <summary>Routes every PIRQ line to its ISA IRQ.</summary>
        void Program(IPciConfigSpace config);

        /// <summary>The ISA IRQ that INTx pin <paramref name="pin"/> (1 = INTA) of <paramref name="function"/> reaches.</summary>
        byte IrqFor(PciAddress function, byte pin);
    }
}
