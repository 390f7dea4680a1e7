using System.Diagnostics;
using System.Threading;
using EclipseOS.Hal;

namespace EclipseOS.Platform.Fake
{
    /// <summary>Real time, for fake-platform tests whose devices run on other threads.</summary>
    public sealed class SystemClock : IClock
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();

        /// <inheritdoc />
        public long Microseconds => _watch.ElapsedTicks * 1_000_000 / Stopwatch.Frequency;

        /// <inheritdoc />
        public void Delay(long microseconds)
        {
            long end = Microseconds + microseconds;
            if (microseconds >= 2000) Thread.Sleep((int)(microseconds / 1000) - 1);
            while (Microseconds < end) Thread.SpinWait(50);
        }
    }
}
