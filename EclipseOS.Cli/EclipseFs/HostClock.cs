using System;
using EclipseOS.EclipseFS;

namespace EclipseOS.Cli.EclipseFs
{
    /// <summary>The host's system clock as the times a read-write EclipseFS volume stores (what the kernel gets from its RTC).</summary>
    public sealed class HostClock : IUnixClock
    {
        /// <summary>The one instance.</summary>
        public static readonly HostClock Instance = new HostClock();

        private HostClock() { }

        /// <inheritdoc />
        public ulong UnixSeconds => (ulong)Math.Max(0, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }
}
