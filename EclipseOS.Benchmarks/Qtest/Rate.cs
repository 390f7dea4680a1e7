using System;

namespace EclipseOS.Benchmarks.Qtest
{
    /// <summary>A measured rate: <see cref="Count"/> units (operations or bytes) in <see cref="Elapsed"/>.</summary>
    /// <param name="Count">Operations or bytes done.</param>
    /// <param name="Elapsed">Wall time taken.</param>
    public readonly record struct Rate(double Count, TimeSpan Elapsed)
    {
        /// <summary>Units per second.</summary>
        public double PerSecond => Count / Math.Max(Elapsed.TotalSeconds, 1e-9);

        /// <summary>Microseconds per unit.</summary>
        public double MicrosecondsEach => Elapsed.TotalMilliseconds * 1000 / Math.Max(Count, 1);

        /// <summary>Mebibytes per second, when <see cref="Count"/> is bytes.</summary>
        public double MiBPerSecond => PerSecond / (1024 * 1024);
    }
}
