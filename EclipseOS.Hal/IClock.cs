namespace EclipseOS.Hal
{
    /// <summary>A monotonic clock: every wait in a driver is bounded by it.</summary>
    public interface IClock
    {
        /// <summary>Microseconds since an arbitrary start; never goes backwards.</summary>
        long Microseconds { get; }

        /// <summary>Busy-waits or sleeps at least <paramref name="microseconds"/>.</summary>
        void Delay(long microseconds);
    }
}
