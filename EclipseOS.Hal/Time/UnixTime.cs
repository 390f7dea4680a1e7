namespace EclipseOS.Hal.Time
{
    /// <summary>
    /// Unix seconds as <c>YYYY-MM-DD HH:MM:SS</c> UTC, computed by hand (no DateTime in the
    /// kernel). Times before 1970 do not occur (the timestamps are unsigned), so all arithmetic
    /// is unsigned: IL2CPU's signed 64-bit division faults on negative values (EOS002).
    /// </summary>
    public static class UnixTime
    {
        /// <summary>Formats <paramref name="seconds"/> since 1970-01-01 00:00:00 UTC.</summary>
        public static string Format(ulong seconds)
        {
            ulong days = seconds / 86400;
            uint rest = (uint)(seconds % 86400);
            // Civil-from-days over 400-year eras of 146097 days (eras start on March 1st).
            ulong z = days + 719468;
            ulong era = z / 146097;
            uint dayOfEra = (uint)(z - era * 146097);
            uint yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
            uint dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            uint mp = (5 * dayOfYear + 2) / 153;
            uint day = dayOfYear - (153 * mp + 2) / 5 + 1;
            uint month = mp < 10 ? mp + 3 : mp - 9;
            ulong year = yearOfEra + era * 400 + (month <= 2 ? 1u : 0u);
            return year.ToString().PadLeft(4, '0') + "-" + Two(month) + "-" + Two(day) + " "
                + Two(rest / 3600) + ":" + Two(rest / 60 % 60) + ":" + Two(rest % 60);
        }

        /// <summary>
        /// Unix seconds of a UTC civil time (e.g. what the RTC reads); 0 for a date before 1970
        /// or an impossible month/day, so a garbled clock gives the epoch rather than nonsense.
        /// </summary>
        public static ulong FromCivil(int year, int month, int day, int hour, int minute, int second)
        {
            if (year < 1970 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59 || hour < 0 || minute < 0 || second < 0)
                return 0;
            // Days-from-civil over 400-year eras starting on March 1st (the inverse of Format).
            uint y = (uint)(month <= 2 ? year - 1 : year);
            uint era = y / 400;
            uint yearOfEra = y - era * 400;
            uint dayOfYear = (uint)((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1);
            uint dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
            ulong days = (ulong)era * 146097 + dayOfEra - 719468;
            return days * 86400 + (ulong)(hour * 3600 + minute * 60 + second);
        }

        private static string Two(uint value)
        {
            return value < 10 ? "0" + value : value.ToString();
        }
    }
}
