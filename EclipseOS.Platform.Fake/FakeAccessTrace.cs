using System;
using System.Collections.Generic;

namespace EclipseOS.Platform.Fake
{
    /// <summary>
    /// Every device access (ports, MMIO, configuration space — not RAM) in order, so a test can
    /// assert protocol ordering: "the driver never wrote the command register after the device
    /// reported an error". Recording can be switched off for long stress runs.
    /// </summary>
    public sealed class FakeAccessTrace
    {
        private readonly List<FakeAccess> _accesses = new List<FakeAccess>();
        private readonly object _lock = new object();
        private long _next;

        /// <summary>Whether accesses are recorded (default true).</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>A copy of the accesses recorded so far.</summary>
        public IReadOnlyList<FakeAccess> Accesses
        {
            get { lock (_lock) return _accesses.ToArray(); }
        }

        /// <summary>Number of accesses recorded.</summary>
        public int Count
        {
            get { lock (_lock) return _accesses.Count; }
        }

        /// <summary>Sequence number the next access will get; take it before an action to look only at what follows.</summary>
        public long Mark
        {
            get { lock (_lock) return _next; }
        }

        /// <summary>Records an access (called by the platform).</summary>
        public void Record(FakeAccessKind kind, ulong address, int size, ulong value, string target)
        {
            lock (_lock)
            {
                long sequence = _next++;
                if (Enabled)
                    _accesses.Add(new FakeAccess(sequence, kind, address, size, value, target));
            }
        }

        /// <summary>Accesses matching <paramref name="predicate"/>, in order.</summary>
        public List<FakeAccess> Where(Func<FakeAccess, bool> predicate)
        {
            var result = new List<FakeAccess>();
            foreach (FakeAccess access in Accesses)
                if (predicate(access)) result.Add(access);
            return result;
        }

        /// <summary>Accesses recorded at or after <paramref name="mark"/> (a value of <see cref="Mark"/>).</summary>
        public List<FakeAccess> Since(long mark) => Where(a => a.Sequence >= mark);

        /// <summary>The first access matching <paramref name="predicate"/>, or null.</summary>
        public FakeAccess? First(Func<FakeAccess, bool> predicate)
        {
            foreach (FakeAccess access in Accesses)
                if (predicate(access)) return access;
            return null;
        }
    }
}
