using System.Diagnostics;
using System.Threading;
using EclipseOS.Hal;
using EclipseOS.Platform.Qtest.Protocol;

namespace EclipseOS.Platform.Qtest.Devices
{
    /// <summary>
    /// The host's monotonic clock. A delay first sends the queued commands, so the device
    /// really has the work in hand while the driver waits.
    /// </summary>
    public sealed class StopwatchClock : IClock
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private readonly QtestConnection? _qtest;

        /// <summary>A clock that flushes <paramref name="qtest"/> before each delay (null: a plain clock).</summary>
        public StopwatchClock(QtestConnection? qtest)
        {
            _qtest = qtest;
        }

        /// <inheritdoc />
        public long Microseconds => _watch.ElapsedTicks * 1_000_000 / Stopwatch.Frequency;

        /// <inheritdoc />
        public void Delay(long microseconds)
        {
            _qtest?.Drain();
            long end = Microseconds + microseconds;
            while (true)
            {
                long left = end - Microseconds;
                if (left <= 0) return;
                if (left >= 2000) Thread.Sleep((int)(left / 1000) - 1);
                else Thread.SpinWait(50);
            }
        }
    }
}
