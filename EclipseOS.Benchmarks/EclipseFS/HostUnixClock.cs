using System;
using EclipseOS.EclipseFS;

namespace EclipseOS.Benchmarks.EclipseFS
{
    /// <summary>The host's time for the nodes the benchmark changes.</summary>
    public sealed class HostUnixClock : IUnixClock
    {
        /// <inheritdoc />
        public ulong UnixSeconds => (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    }
}
