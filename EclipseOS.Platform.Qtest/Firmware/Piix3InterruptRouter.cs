using EclipseOS.Hal.Pci;

namespace EclipseOS.Platform.Qtest.Firmware
{
    /// <summary>
    /// PIIX3 (function 00:01.0 of QEMU's <c>pc</c>): PIRQRC[A:D] at config 0x60–0x63 (Intel
    /// 82371SB datasheet §2.2.13) route PIRQA–D to ISA IRQs; bit 7 set disables a route.
    /// The board wires slot S, pin P (1 = INTA) to PIRQ <c>(S + P - 2) &amp; 3</c> (QEMU's PIIX3
    /// model, <c>pci_slot_get_pirq</c>; SeaBIOS computes the same).
    /// </summary>
    public sealed class Piix3InterruptRouter : IInterruptRouter
    {
        /// <summary>PIIX3 ISA bridge: 8086:7000 at 00:01.0.</summary>
        public static readonly PciAddress Address = new PciAddress(0, 1, 0);
        /// <summary>PIRQRCA: route of PIRQA; B–D follow.</summary>
        public const byte PirqRouteA = 0x60;

        /// <summary>SeaBIOS's choice: PIRQA/B → IRQ 10, PIRQC/D → IRQ 11 (free ISA lines on a PC).</summary>
        private static readonly byte[] PirqIrqs = { 10, 10, 11, 11 };

        /// <inheritdoc />
        public void Program(IPciConfigSpace config)
        {
            for (int pirq = 0; pirq < 4; pirq++)
                config.Write8(Address, (byte)(PirqRouteA + pirq), PirqIrqs[pirq]);
        }

        /// <inheritdoc />
        public byte IrqFor(PciAddress function, byte pin) => PirqIrqs[(function.Device + pin - 2) & 3];
    }
}
