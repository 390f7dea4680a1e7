namespace EclipseOS.EclipseFS
{
    /// <summary>Wall-clock time for the times a read-write volume stores (the kernel's RTC, the host's clock).</summary>
    public interface IUnixClock
    {
        /// <summary>Seconds since 1970-01-01 UTC.</summary>
        ulong UnixSeconds { get; }
    }
}
