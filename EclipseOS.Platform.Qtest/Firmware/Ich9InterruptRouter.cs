using EclipseOS.Hal.Pci;

namespace EclipseOS.Platform.Qtest.Firmware
{
    /// <summary>
    /// ICH9 LPC bridge (00:1f.0 of QEMU's <c>q35</c>): PIRQA–D route registers at config
    /// 0x60–0x63 and PIRQE–H at 0x68–0x6B (ICH9 datasheet §13.1.16/§13.1.20); bit 7 set
    /// disables the ISA route. Whatever the ISA route, PIRQ n also drives I/O APIC pin 16 + n.
    /// QEMU's device-to-PIRQ map (hw/isa/lpc_ich9.c <c>ich9_cc_init</c>/<c>ich9_cc_update</c>):
    /// slots 0–24 pin P → PIRQ E–H by <c>(S + P - 1) % 4 + 4</c>; slots 25–29 and 31 follow
    /// their DnnIR registers, INTA–D → PIRQA–D by default; slot 30 → PIRQ E–H.
    /// </summary>
    public sealed class Ich9InterruptRouter : IInterruptRouter
    {
        /// <summary>ICH9 LPC bridge: 8086:2918 at 00:1f.0.</summary>
        public static readonly PciAddress Address = new PciAddress(0, 0x1f, 0);
        /// <summary>PIRQA_ROUT; B–D follow.</summary>
        public const byte PirqRouteA = 0x60;
        /// <summary>PIRQE_ROUT; F–H follow.</summary>
        public const byte PirqRouteE = 0x68;

        /// <summary>SeaBIOS's choice for PIRQ A–H: 10, 10, 11, 11 repeated.</summary>
        private static readonly byte[] PirqIrqs = { 10, 10, 11, 11, 10, 10, 11, 11 };

        /// <inheritdoc />
        public void Program(IPciConfigSpace config)
        {
            for (int pirq = 0; pirq < 4; pirq++)
            {
                config.Write8(Address, (byte)(PirqRouteA + pirq), PirqIrqs[pirq]);
                config.Write8(Address, (byte)(PirqRouteE + pirq), PirqIrqs[pirq + 4]);
            }
        }

        /// <inheritdoc />
        public byte IrqFor(PciAddress function, byte pin) => PirqIrqs[Pirq(function.Device, pin)];

        /// <summary>PIRQ index 0–7 (A–H) that slot <paramref name="slot"/> pin <paramref name="pin"/> (1 = INTA) reaches.</summary>
        public static int Pirq(int slot, int pin)
        {
            int intx = pin - 1;
            if (slot == 30) return intx + 4;
            if (slot >= 25) return intx;
            return (slot + intx) % 4 + 4;
        }
    }
}
