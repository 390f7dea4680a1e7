using System;
using System.Collections.Generic;
using EclipseOS.Hal;
using EclipseOS.Platform.Qtest.Protocol;

namespace EclipseOS.Platform.Qtest.Devices
{
    /// <summary>
    /// Interrupt lines as QEMU reports them after <c>irq_intercept_in</c>. Handlers run at safe
    /// points only — after a complete exchange, never inside one and never re-entrantly — which
    /// is what a CPU taking interrupts between instructions gives a real kernel.
    /// </summary>
    public sealed class QtestInterrupts : IInterrupts
    {
        private readonly QtestConnection _qtest;
        private readonly Dictionary<int, List<InterruptHandler>> _handlers = new Dictionary<int, List<InterruptHandler>>();
        private bool _dispatching;

        /// <summary>Watches the lines of <paramref name="qtest"/>.</summary>
        public QtestInterrupts(QtestConnection qtest)
        {
            _qtest = qtest;
            _qtest.EdgesQueued = Dispatch;
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
