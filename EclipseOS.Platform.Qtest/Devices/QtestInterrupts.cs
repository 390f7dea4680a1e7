using System;
using System.Collections.Generic;
using System.Diagnostics;
using EclipseOS.Hal;
using EclipseOS.Hal.Dma;
using EclipseOS.Hal.Interrupts;
using EclipseOS.Platform.Qtest.Protocol;

namespace EclipseOS.Platform.Qtest.Devices
{
    /// <summary>
    /// Interrupt lines as QEMU reports them after <c>irq_intercept_in</c>. Handlers run at safe
    /// points only — after a complete exchange, never inside one and never re-entrantly — which
    /// is what a CPU taking interrupts between instructions gives a real kernel.
    /// Message-signalled interrupts are offered the way QEMU's libqos tests use them: the message
    /// address is a word of guest RAM (not the APIC's 0xFEE00000 window), so a device's MSI-X
    /// write lands there and a wait polls the word for the message data.
    /// </summary>
    public sealed class QtestInterrupts : IInterrupts, IMessageInterrupts
    {
        /// <summary>Message data of the first message; each further one counts up, so a stray write of another's data is not taken for it.</summary>
        private const uint FirstMessageData = 0x4E00;

        private readonly QtestConnection _qtest;
        private readonly QtestPhysicalMemory? _memory;
        private readonly IDma? _dma;
        private readonly Dictionary<int, List<InterruptHandler>> _handlers = new Dictionary<int, List<InterruptHandler>>();
        private readonly Dictionary<ulong, IDmaBuffer> _messageWords = new Dictionary<ulong, IDmaBuffer>();
        private uint _nextMessageData = FirstMessageData;
        private bool _dispatching;

        /// <summary>Watches the lines of <paramref name="qtest"/>; message interrupts land in words of <paramref name="dma"/> read through <paramref name="memory"/> (none when null).</summary>
        public QtestInterrupts(QtestConnection qtest, QtestPhysicalMemory? memory = null, IDma? dma = null)
        {
            _qtest = qtest;
            _memory = memory;
            _dma = dma;
            _qtest.EdgesQueued = Dispatch;
        }

        /// <inheritdoc />
        public MessageInterrupt? Allocate()
        {
            if (_dma == null || _memory == null) return null;
            IDmaBuffer word = _dma.Allocate(4, 4);
            var message = new MessageInterrupt(word.PhysicalAddress, _nextMessageData++);
            _messageWords.Add(message.Address, word);
            return message;
        }

        /// <inheritdoc />
        public bool Wait(MessageInterrupt message, long timeoutMicroseconds)
        {
            if (message == null) throw new ArgumentNullException(nameof(message));
            if (timeoutMicroseconds < 0) throw new ArgumentOutOfRangeException(nameof(timeoutMicroseconds));
            if (_memory == null || !_messageWords.ContainsKey(message.Address))
                throw new InvalidOperationException("message at 0x" + message.Address.ToString("x") + " was not allocated here");
            var watch = Stopwatch.StartNew();
            while (true)
            {
                // Each read is a round trip to QEMU, which paces the poll.
                if (_memory.Read32(message.Address) == message.Data)
                {
                    _memory.Write32(message.Address, 0);
                    return true;
                }
                if (watch.ElapsedTicks * 1_000_000 / Stopwatch.Frequency >= timeoutMicroseconds)
                    return false;
            }
        }

        /// <inheritdoc />
        public void Free(MessageInterrupt message)
        {
            if (message != null && _messageWords.Remove(message.Address, out IDmaBuffer? word))
                word.Free();
        }

        /// <summary>Whether <paramref name="line"/> is raised as of QEMU's last message.</summary>
        public bool IsRaised(int line) => _qtest.IsIrqRaised(line);

        /// <summary>How many times <paramref name="line"/> was raised since QEMU started.</summary>
        public long RaiseCount(int line) => _qtest.IrqRaiseCount(line);

        /// <inheritdoc />
        public void Attach(int line, InterruptHandler handler)
        {
            if (handler == null) throw new ArgumentNullException(nameof(handler));
            if (!_handlers.TryGetValue(line, out List<InterruptHandler>? list))
                _handlers[line] = list = new List<InterruptHandler>();
            list.Add(handler);
        }

        /// <inheritdoc />
        public void Detach(int line, InterruptHandler handler)
        {
            if (_handlers.TryGetValue(line, out List<InterruptHandler>? list)) list.Remove(handler);
        }

        /// <inheritdoc />
        public bool Wait(int line, long timeoutMicroseconds)
        {
            if (timeoutMicroseconds < 0) throw new ArgumentOutOfRangeException(nameof(timeoutMicroseconds));
            return _qtest.WaitForIrq(line, TimeSpan.FromTicks(timeoutMicroseconds * 10));
        }

        /// <inheritdoc />
        public string Describe(int line) => "IRQ " + line + " raised " + RaiseCount(line) + " times (QEMU's qtest interception)";

        /// <summary>Runs the handlers of every raise edge queued so far; a no-op when called from inside a handler.</summary>
        private void Dispatch()
        {
            if (_dispatching) return;
            _dispatching = true;
            try
            {
                while (_qtest.TryTakeEdge(out IrqEdge edge))
                {
                    if (!edge.Raised || !_handlers.TryGetValue(edge.Line, out List<InterruptHandler>? list) || list.Count == 0)
                        continue;
                    foreach (InterruptHandler handler in list.ToArray()) handler(edge.Line);
                }
            }
            finally
            {
                _dispatching = false;
            }
        }
    }
}
