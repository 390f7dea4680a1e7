using EclipseOS.EclipseFS;
using EclipseOS.Hal.Time;
using Rtc = Cosmos.HAL.RTC;

namespace EclipseOS.Cosmos.Platform
{
    /// <summary>
    /// The CMOS real-time clock as Unix seconds: the wall clock of the times EclipseFS stores
    /// for changed files (and of the simulated disk's files). Its century register may read 0
    /// (taken as the 2000s).
    /// </summary>
    public sealed class RtcUnixClock : IUnixClock
    {
        /// <summary>Reads of all six registers before one that agrees with the previous is given up on.</summary>
        private const int MaxReads = 5;

        /// <inheritdoc />
        public ulong UnixSeconds
        {
            get
            {
                // Cosmos reads each register on its own: a second can tick between them (23:59:59
                // read as the old day at 00:00:00). Two equal reads in a row are one instant.
                ulong previous = Read();
                for (int i = 1; i < MaxReads; i++)
                {
                    ulong now = Read();
                    if (now == previous)
                        return now;
                    previous = now;
                }
                return previous;
            }
        }

        private static ulong Read()
        {
            int century = Rtc.Century;
            int year = (century == 0 ? 20 : century) * 100 + Rtc.Year;
            return UnixTime.FromCivil(year, Rtc.Month, Rtc.DayOfTheMonth, Rtc.Hour, Rtc.Minute, Rtc.Second);
        }
    }
}
