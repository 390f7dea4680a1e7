using EclipseOS.Hal;
using CPU = Cosmos.Core.CPU;

namespace EclipseOS.Cosmos.Platform
{
    /// <summary>
    /// A monotonic microsecond clock on the CPU's time-stamp counter, calibrated once against
    /// the PIT by polling (<see cref="PitTscCalibration"/>). The TSC keeps counting with
    /// interrupts off, so a driver's timeout still expires inside an interrupt handler or while
    /// polling with interrupts masked.
    /// </summary>
    public sealed class CosmosClock : IClock
    {
        // Long enough that the start-up jitter stays small against it; 54 ms is the most a 16-bit
        // PIT count allows.
        private const uint CalibrationMilliseconds = 50;

        // What the clock assumes when the PIT gives no answer (a machine without one): 1 GHz.
        private const uint FallbackTicksPerMicrosecond = 1000;

        private readonly ulong _origin;
        private readonly uint _ticksPerMicrosecond;

        /// <summary>Calibrates the TSC against the PIT (no interrupts needed).</summary>
        public CosmosClock()
        {
            uint measured = PitTscCalibration.TicksPerMicrosecond(CalibrationMilliseconds);
            Calibrated = measured != 0;
            // It stays a uint (below 4 GHz): IL2CPU divides exactly only by 32-bit divisors (EOS004).
            _ticksPerMicrosecond = measured != 0 ? measured : FallbackTicksPerMicrosecond;
            _origin = CPU.GetCPUUptime();
        }

        /// <summary>Time-stamp counter ticks per microsecond, as calibrated (the CPU's clock in MHz).</summary>
        public uint TicksPerMicrosecond => _ticksPerMicrosecond;

        /// <summary>Whether the PIT answered; otherwise the clock assumes a 1 GHz TSC.</summary>
        public bool Calibrated { get; }

        /// <inheritdoc />
        public long Microseconds => (long)((CPU.GetCPUUptime() - _origin) / _ticksPerMicrosecond);

        /// <inheritdoc />
        public void Delay(long microseconds)
        {
            Deadline deadline = Deadline.After(this, microseconds);
            while (!deadline.Expired)
            {
            }
        }
    }
}
