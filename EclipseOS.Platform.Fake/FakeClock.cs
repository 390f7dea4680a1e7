using System;
using System.Collections.Generic;
using EclipseOS.Hal;

namespace EclipseOS.Platform.Fake
{
    /// <summary>
    /// Simulated time: it moves only when someone waits (<see cref="Delay"/>, an interrupt
    /// wait, <see cref="Advance"/>) or, by <see cref="TickPerRead"/>, when it is read — so a
    /// driver's busy-wait loop ends, and a one-second timeout test takes no real time. Devices
    /// schedule work for later with <see cref="Schedule"/> ("the command completes 200 µs
    /// after the doorbell"); scheduled actions run, in time order, as time passes them.
    /// </summary>
    public sealed class FakeClock : IClock
    {
        private readonly List<ScheduledAction> _pending = new List<ScheduledAction>();
        private readonly object _lock = new object();
        private long _now;
        private long _nextId;
        private bool _running;

        /// <summary>Microseconds added every time <see cref="Microseconds"/> is read (default 1, so polling loops make progress; 0 freezes time between waits).</summary>
        public long TickPerRead { get; set; } = 1;

        /// <summary>Current time; reading it advances it by <see cref="TickPerRead"/> (and runs actions that become due).</summary>
        public long Microseconds
        {
            get
            {
                long now;
                lock (_lock) now = _now;
                if (TickPerRead > 0) Advance(TickPerRead);
                return now;
            }
        }

        /// <summary>Current time without advancing it.</summary>
        public long Now
        {
            get { lock (_lock) return _now; }
        }

        /// <summary>Time of the earliest scheduled action, or null when none is pending.</summary>
        public long? NextEventTime
        {
            get
            {
                lock (_lock)
                {
                    if (_pending.Count == 0) return null;
                    long earliest = long.MaxValue;
                    foreach (ScheduledAction action in _pending)
                        if (action.Time < earliest) earliest = action.Time;
                    return earliest;
                }
            }
        }

        /// <summary>Advances time by <paramref name="microseconds"/>, running the actions it passes.</summary>
        public void Delay(long microseconds)
        {
            if (microseconds < 0) throw new ArgumentOutOfRangeException(nameof(microseconds), "negative delay");
            Advance(microseconds);
        }

        /// <summary>Runs <paramref name="action"/> once <paramref name="delayMicroseconds"/> have passed from now (0: at the next advance). Returns an id for <see cref="Cancel"/>.</summary>
        public long Schedule(long delayMicroseconds, Action action)
        {
            if (delayMicroseconds < 0) throw new ArgumentOutOfRangeException(nameof(delayMicroseconds), "negative delay");
            lock (_lock)
            {
                long id = _nextId++;
                _pending.Add(new ScheduledAction(id, _now + delayMicroseconds, action));
                return id;
            }
        }

        /// <summary>Cancels a scheduled action; returns whether it was still pending.</summary>
        public bool Cancel(long id)
        {
            lock (_lock)
            {
                for (int i = 0; i < _pending.Count; i++)
                {
                    if (_pending[i].Id != id) continue;
                    _pending.RemoveAt(i);
                    return true;
                }
                return false;
            }
        }

        /// <summary>Advances time by <paramref name="microseconds"/>, running due actions in time order.</summary>
        public void Advance(long microseconds)
        {
            if (microseconds < 0) throw new ArgumentOutOfRangeException(nameof(microseconds), "time does not go backwards");
            long target;
            lock (_lock) target = _now + microseconds;
            AdvanceTo(target);
        }

        /// <summary>Advances time to <paramref name="time"/> (no-op if it is in the past), running due actions in time order.</summary>
        public void AdvanceTo(long time)
        {
            while (true)
            {
                ScheduledAction? due = null;
                lock (_lock)
                {
                    // An action that advances the clock itself must not re-enter this loop; it
                    // just moves time and its own due actions run when the outer loop continues.
                    if (_running)
                    {
                        if (time > _now) _now = time;
                        return;
                    }
                    int dueIndex = -1;
                    for (int i = 0; i < _pending.Count; i++)
                        if (_pending[i].Time <= time && (dueIndex < 0 || _pending[i].Time < _pending[dueIndex].Time))
                            dueIndex = i;
                    if (dueIndex < 0)
                    {
                        if (time > _now) _now = time;
                        return;
                    }
                    due = _pending[dueIndex];
                    _pending.RemoveAt(dueIndex);
                    if (due.Time > _now) _now = due.Time;
                    _running = true;
                }
                try
                {
                    due.Action();
                }
                finally
                {
                    lock (_lock) _running = false;
                }
            }
        }

        private sealed class ScheduledAction
        {
            public ScheduledAction(long id, long time, Action action)
            {
                Id = id;
                Time = time;
                Action = action;
            }

            public long Id { get; }
            public long Time { get; }
            public Action Action { get; }
        }
    }
}
