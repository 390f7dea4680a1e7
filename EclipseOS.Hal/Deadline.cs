namespace EclipseOS.Hal
{
    /// <summary>A point in time after which a wait gives up; the building block of every driver timeout.</summary>
    public readonly struct Deadline
    {
        private readonly IClock _clock;
        private readonly long _end;

        private Deadline(IClock clock, long end)
        {
            _clock = clock;
            _end = end;
        }

        /// <summary>A deadline <paramref name="microseconds"/> from now.</summary>
        public static Deadline After(IClock clock, long microseconds)
        {
            return new Deadline(clock, clock.Microseconds + microseconds);
        }

        /// <summary>Whether the deadline has passed.</summary>
        public bool Expired => !SignedInt64.Less(_clock.Microseconds, _end);

        /// <summary>Microseconds left, never negative.</summary>
        public long Remaining
        {
            get
            {
                long left = _end - _clock.Microseconds;
                return SignedInt64.IsNegative(left) ? 0 : left;
            }
        }
    }
}
