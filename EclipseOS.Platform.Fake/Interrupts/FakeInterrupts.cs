using System;
using System.Collections.Generic;
using System.Threading;
using EclipseOS.Hal;

namespace EclipseOS.Platform.Fake.Interrupts
{
    /// <summary>
    /// Interrupt lines driven by fake devices. A line is asserted while any source holds it
    /// (wired-OR, as shared PCI INTx lines are). A rising edge is latched and delivered to the
    /// attached handlers at the driver's next entry into the platform (a port, MMIO or
    /// configuration access, a memory access, a wait) — the way an interrupt arrives between
    /// instructions, never inside a device model's own register handler. Set
    /// <see cref="DeliverImmediately"/> to run handlers inside <see cref="Raise"/> instead.
    /// <see cref="Wait"/> returns at once for an asserted or latched line; otherwise it lets the
    /// clock run: with a <see cref="FakeClock"/> it jumps to the next scheduled device action or
    /// to the timeout, so timeouts cost no real time.
    /// </summary>
    public sealed class FakeInterrupts : IInterrupts
    {
        private readonly IClock _clock;
        private readonly FakeCounters _counters;
        private readonly object _lock = new object();
        private readonly Dictionary<int, List<InterruptHandler>> _handlers = new Dictionary<int, List<InterruptHandler>>();
        private readonly Dictionary<int, List<object>> _sources = new Dictionary<int, List<object>>();
        private readonly HashSet<int> _latched = new HashSet<int>();
        private readonly List<int> _pendingDelivery = new List<int>();
        private readonly Dictionary<int, int> _deliveries = new Dictionary<int, int>();
        private static readonly object AnonymousSource = new object();
        private bool _delivering;

        internal FakeInterrupts(IClock clock, FakeCounters counters)
        {
            _clock = clock;
            _counters = counters;
        }

        /// <summary>Run handlers synchronously inside <see cref="Raise"/> (default false: at the driver's next platform access).</summary>
        public bool DeliverImmediately { get; set; }

        /// <summary>Waits that ended by timeout.</summary>
        public int Timeouts { get; private set; }

        /// <inheritdoc />
        public void Attach(int line, InterruptHandler handler)
        {
            if (handler == null) throw new ArgumentNullException(nameof(handler));
            lock (_lock)
            {
                if (!_handlers.TryGetValue(line, out List<InterruptHandler>? list))
                    _handlers[line] = list = new List<InterruptHandler>();
                list.Add(handler);
            }
        }

        /// <inheritdoc />
        public void Detach(int line, InterruptHandler handler)
        {
            lock (_lock)
            {
                if (_handlers.TryGetValue(line, out List<InterruptHandler>? list))
                    list.Remove(handler);
            }
        }

        /// <summary>How many times handlers were run for <paramref name="line"/>.</summary>
        public int Deliveries(int line)
        {
            lock (_lock) return _deliveries.TryGetValue(line, out int count) ? count : 0;
        }

        /// <summary>Whether any source holds <paramref name="line"/>.</summary>
        public bool IsAsserted(int line)
        {
            lock (_lock) return _sources.TryGetValue(line, out List<object>? list) && list.Count > 0;
        }

        /// <summary>
        /// Asserts <paramref name="line"/> on behalf of <paramref name="source"/> (a device; null
        /// for one anonymous source). A rising edge is latched for <see cref="Wait"/> and queued
        /// for the handlers.
        /// </summary>
        public void Raise(int line, object? source = null)
        {
            source ??= AnonymousSource;
            bool rising;
            lock (_lock)
            {
                if (!_sources.TryGetValue(line, out List<object>? list))
                    _sources[line] = list = new List<object>();
                if (list.Contains(source)) return;
                rising = list.Count == 0;
                list.Add(source);
                if (rising)
                {
                    _latched.Add(line);
                    if (!_pendingDelivery.Contains(line)) _pendingDelivery.Add(line);
                }
                Monitor.PulseAll(_lock);
            }
            if (rising) _counters.IrqRaise();
            if (rising && DeliverImmediately) DeliverPending();
        }

        /// <summary>Releases <paramref name="line"/> on behalf of <paramref name="source"/>; the line drops when no source holds it.</summary>
        public void Lower(int line, object? source = null)
        {
            source ??= AnonymousSource;
            lock (_lock)
            {
                if (_sources.TryGetValue(line, out List<object>? list))
                    list.Remove(source);
            }
        }

        /// <summary>Runs the handlers of every line raised since the last delivery. The platform calls it on each driver access.</summary>
        public void DeliverPending()
        {
            while (true)
            {
                int line;
                InterruptHandler[] handlers;
                lock (_lock)
                {
                    if (_delivering || _pendingDelivery.Count == 0) return;
                    line = _pendingDelivery[0];
                    _pendingDelivery.RemoveAt(0);
                    handlers = _handlers.TryGetValue(line, out List<InterruptHandler>? list) ? list.ToArray() : Array.Empty<InterruptHandler>();
                    if (handlers.Length > 0)
                        _deliveries[line] = (_deliveries.TryGetValue(line, out int count) ? count : 0) + 1;
                    _delivering = true;
                }
                try
                {
                    foreach (InterruptHandler handler in handlers)
                        handler(line);
                }
                finally
                {
                    lock (_lock) _delivering = false;
                }
            }
        }

        /// <inheritdoc />
        public bool Wait(int line, long timeoutMicroseconds)
        {
            if (timeoutMicroseconds < 0) throw new ArgumentOutOfRangeException(nameof(timeoutMicroseconds), "negative timeout");
            DeliverPending();
            if (TakeSignal(line)) return true;
            if (_clock is FakeClock fake)
            {
                long deadline = fake.Now + timeoutMicroseconds;
                while (true)
                {
                    long? next = fake.NextEventTime;
                    if (next == null || next.Value > deadline)
                    {
                        fake.AdvanceTo(deadline);
                        DeliverPending();
                        return TakeSignal(line) || TimedOut();
                    }
                    fake.AdvanceTo(next.Value);
                    DeliverPending();
                    if (TakeSignal(line)) return true;
                }
            }
            Deadline end = Deadline.After(_clock, timeoutMicroseconds);
            while (true)
            {
                lock (_lock)
                {
                    if (!_latched.Contains(line) && !(_sources.TryGetValue(line, out List<object>? held) && held.Count > 0))
                    {
                        long left = end.Remaining;
                        if (left <= 0) break;
                        Monitor.Wait(_lock, TimeSpan.FromMilliseconds(Math.Max(1, left / 1000)));
                    }
                }
                DeliverPending();
                if (TakeSignal(line)) return true;
                if (end.Expired) break;
            }
            return TimedOut();
        }

        /// <inheritdoc />
        public string Describe(int line)
        {
            lock (_lock)
            {
                int asserting = _sources.TryGetValue(line, out List<object>? list) ? list.Count : 0;
                return "IRQ " + line + ": " + asserting + " fake source(s) asserting it, " + (_latched.Contains(line) ? "a raise latched" : "no raise latched");
            }
        }

        private bool TimedOut()
        {
            Timeouts++;
            return false;
        }

        private bool TakeSignal(int line)
        {
            lock (_lock)
            {
                bool latched = _latched.Remove(line);
                return latched || (_sources.TryGetValue(line, out List<object>? list) && list.Count > 0);
            }
        }
    }
}
