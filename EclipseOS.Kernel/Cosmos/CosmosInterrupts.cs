using System;
using System.Collections.Generic;
using EclipseOS.Hal;
using INTs = Cosmos.Core.INTs;

namespace EclipseOS.Kernel.Cosmos
{
    /// <summary>
    /// Interrupt lines on Cosmos's 8259 PICs. Cosmos keeps one handler per IRQ; this class
    /// installs its own dispatcher on a line and fans out to every attached handler, because PCI
    /// INTx lines are shared. Each interrupt is also latched so <see cref="Wait"/> can poll for it.
    /// </summary>
    public sealed class CosmosInterrupts : IInterrupts
    {
        // The legacy PICs have 16 lines (IRQ 0-15).
        private const int LineCount = 16;

        private readonly List<InterruptHandler>?[] _handlers = new List<InterruptHandler>?[LineCount];
        private readonly bool[] _dispatcherInstalled = new bool[LineCount];
        private readonly bool[] _latched = new bool[LineCount];
        private readonly IClock _clock;

        // Lines Cosmos itself serves: the PIT (0), the keyboard (1), the cascade to the second PIC
        // (2) and the PS/2 mouse (12). Everything else is masked until a handler is attached.
        private const ushort CosmosOwnedLines = (1 << 0) | (1 << 1) | (1 << 2) | (1 << 12);

        /// <summary>
        /// Uses <paramref name="clock"/> to bound <see cref="Wait"/>. Masks every line Cosmos does
        /// not serve itself: Cosmos re-initialises the PICs at boot but never writes the second
        /// PIC's mask, which initialisation clears, so lines 8-15 start unmasked and a PCI device
        /// that raises INTx with nobody to acknowledge it (a virtio disk completing a polled
        /// request on line 11) re-interrupts the CPU forever (docs/kernel.md).
        /// </summary>
        public CosmosInterrupts(IClock clock)
        {
            _clock = clock;
            for (int line = 0; line < LineCount; line++)
            {
                if ((CosmosOwnedLines & (1 << line)) == 0)
                    INTs.SetIRQMaskState((byte)line, true);
            }
        }

        /// <inheritdoc />
        public void Attach(int line, InterruptHandler handler)
        {
            CheckLine(line);
            List<InterruptHandler>? handlers = _handlers[line];
            if (handlers == null)
            {
                handlers = new List<InterruptHandler>();
                _handlers[line] = handlers;
            }
            handlers.Add(handler);
            InstallDispatcher(line);
            INTs.SetIRQMaskState((byte)line, false);
        }

        /// <inheritdoc />
        public void Detach(int line, InterruptHandler handler)
        {
            CheckLine(line);
            List<InterruptHandler>? handlers = _handlers[line];
            if (handlers != null)
                handlers.Remove(handler);
        }

        /// <inheritdoc />
        /// <remarks>
        /// An interrupt that arrived since the last <see cref="Wait"/> on the line counts as
        /// "already asserted"; drivers check their device's status after waking, as they must
        /// on a shared line anyway.
        /// </remarks>
        public bool Wait(int line, long timeoutMicroseconds)
        {
            CheckLine(line);
            InstallDispatcher(line);
            INTs.SetIRQMaskState((byte)line, false);
            Deadline deadline = Deadline.After(_clock, timeoutMicroseconds);
            while (true)
            {
                if (_latched[line])
                {
                    _latched[line] = false;
                    return true;
                }
                if (deadline.Expired)
                    return false;
            }
        }

        private void InstallDispatcher(int line)
        {
            if (_dispatcherInstalled[line])
                return;
            _dispatcherInstalled[line] = true;
            INTs.SetIrqHandler((byte)line, Dispatch);
        }

        private void Dispatch(ref INTs.IRQContext context)
        {
            // Cosmos's IRQ stubs set Interrupt to the vector; the PIC is remapped to 0x20.
            int line = (int)context.Interrupt - 0x20;
            if (line < 0 || line >= LineCount)
                return;
            _latched[line] = true;
            List<InterruptHandler>? handlers = _handlers[line];
            if (handlers == null || handlers.Count == 0)
            {
                // Nobody can acknowledge the device yet: a level-triggered PCI line would fire
                // again at once, so mask it until the next Wait or Attach.
                INTs.SetIRQMaskState((byte)line, true);
                return;
            }
            for (int i = 0; i < handlers.Count; i++)
                handlers[i](line);
        }

        private static void CheckLine(int line)
        {
            if (line < 0 || line >= LineCount)
                throw new ArgumentOutOfRangeException(nameof(line), "interrupt line " + line + " is not a PIC line (0-15)");
        }
    }
}
