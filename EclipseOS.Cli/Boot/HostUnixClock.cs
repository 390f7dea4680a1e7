using System;
using EclipseOS.EclipseFS;

namespace EclipseOS.Cli.Boot
{
    /// <summary>The host's clock as the hosted kernel's wall clock: the times of files it changes.</summary>
    public sealed class HostUnixClock : IUnixClock
    {
        /// <inheritdoc />
        public ulong UnixSeconds => (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    }
}
