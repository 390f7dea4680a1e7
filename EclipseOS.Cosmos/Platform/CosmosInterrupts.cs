using EclipseOS.Hal.Interrupts;
using EclipseOS.Hal.Text;
using INTs = Cosmos.Core.INTs;
using IOPort = Cosmos.Core.IOPort;

namespace EclipseOS.Cosmos.Platform
{
    /// <summary>
    /// The PC's two 8259 PICs under Cosmos: their per-line masks, and Cosmos's IRQ entry points
    /// routed to <see cref="InterruptLines"/> (which drivers use through <c>IInterrupts</c>).
    /// Cosmos keeps the timer, the keyboard, the cascade and the PS/2 mouse; every other line is
    /// the kernel's and starts masked.
    /// </summary>
    public sealed class CosmosInterrupts : IInterruptController
    {
        /// <summary>The lines Cosmos serves itself: PIT (0), keyboard (1), cascade to the second PIC (2), PS/2 mouse (12).</summary>
        public const int CosmosOwnedLines = (1 << 0) | (1 << 1) | (1 << 2) | (1 << 12);

        // Cosmos's IRQ stubs report the vector; the PICs are remapped to 0x20.
        private const int FirstVector = 0x20;

        // 8259A command ports (the data port, the mask, is one above) and OCW3 read selections.
        private const ushort MasterCommand = 0x20;
        private const ushort SlaveCommand = 0xA0;
        private const byte ReadRequestRegister = 0x0A;
        private const byte ReadInServiceRegister = 0x0B;
        // OCW2 with SL and EOI set: end the in-service state of the level in the low three bits.
        private const byte SpecificEndOfInterrupt = 0x60;

        private InterruptLines? _lines;

        /// <inheritdoc />
        public int LineCount => 16;

        /// <summary>Builds the kernel's interrupt lines on the PICs (reporting to <paramref name="log"/>) and routes Cosmos's IRQ entries of those lines to them.</summary>
        public static InterruptLines Install(EclipseOS.Hal.IClock clock, EclipseOS.Hal.ILog log)
        {
            var controller = new CosmosInterrupts();
            var lines = new InterruptLines(controller, clock, CosmosOwnedLines, log);
            controller._lines = lines;
            for (int line = 0; line < controller.LineCount; line++)
            {
                if (!lines.IsOwnedElsewhere(line))
                    INTs.SetIrqHandler((byte)line, controller.Enter);
            }
            return lines;
        }

        /// <inheritdoc />
        public void Mask(int line) => INTs.SetIRQMaskState((byte)line, true);

        /// <inheritdoc />
        public void Unmask(int line) => INTs.SetIRQMaskState((byte)line, false);

        /// <inheritdoc />
        /// <remarks>Bits 0-7 are the master's in-service register, bits 8-15 the slave's (OCW3 0x0B).</remarks>
        public int InService() => InServiceRegister(MasterCommand) | (InServiceRegister(SlaveCommand) << 8);

        /// <inheritdoc />
        /// <remarks>
        /// A specific EOI (Intel 8259A datasheet, OCW2) rather than Cosmos's non-specific one,
        /// which ends whichever line of highest priority is in service: the line ended here is
        /// the one found stranded, whatever else is in service meanwhile.
        /// </remarks>
        public void EndOfInterrupt(int line)
        {
            if (line < 8)
                IOPort.Write8(MasterCommand, (byte)(SpecificEndOfInterrupt | line));
            else
                IOPort.Write8(SlaveCommand, (byte)(SpecificEndOfInterrupt | (line - 8)));
        }

        /// <inheritdoc />
        /// <remarks>
        /// OCW3 (Intel 8259A datasheet, "Operation Command Words") selects what a read of the
        /// command port returns: 0x0A the request register, 0x0B the in-service register. The
        /// interrupt mask register is the data port. The IRR read is selected again afterwards,
        /// the state every other reader assumes.
        /// </remarks>
        public string Describe()
        {
            string text = "PIC master " + Registers(MasterCommand) + ", slave " + Registers(SlaveCommand);
            return text + "; Cosmos records interrupts as " + (global::Cosmos.Core.CPU.mInterruptsEnabled ? "enabled" : "DISABLED");
        }

        // Leaves the request register selected, as every other reader of the command port expects.
        private static byte InServiceRegister(ushort command)
        {
            IOPort.Write8(command, ReadInServiceRegister);
            byte isr = IOPort.Read8(command);
            IOPort.Write8(command, ReadRequestRegister);
            return isr;
        }

        private static string Registers(ushort command)
        {
            byte isr = InServiceRegister(command);
            byte irr = IOPort.Read8(command);
            byte imr = IOPort.Read8((ushort)(command + 1));
            return "irr=" + Hex.Byte(irr) + " isr=" + Hex.Byte(isr) + " imr=" + Hex.Byte(imr);
        }

        private void Enter(ref INTs.IRQContext context) => _lines?.Dispatch((int)context.Interrupt - FirstVector);
    }
}
