using EclipseOS.Hal;
using CPU = Cosmos.Core.CPU;
using HalGlobal = Cosmos.HAL.Global;

namespace EclipseOS.Kernel.Cosmos
{
    /// <summary>
    /// A monotonic microsecond clock on the CPU's time-stamp counter, calibrated once against
    /// the PIT. The TSC keeps counting with interrupts off, so a driver's timeout still expires
    /// inside an interrupt handler or while polling with interrupts masked.
    /// </summary>
    public sealed class CosmosClock : IClock
    {
        // Long enough that the PIT's ~55 ms tick granularity and the start-up jitter stay small
        // against it, short enough not to be noticed at boot.
        private const uint CalibrationMilliseconds = 100;

        private readonly ulong _origin;
        private readonly uint _ticksPerMicrosecond;

        /// <summary>Calibrates the TSC against the PIT; interrupts must be on (the PIT's wait counts its IRQ 0 ticks).</summary>
        public CosmosClock()
        {
            ulong start = CPU.GetCPUUptime();
            HalGlobal.PIT.Wait(CalibrationMilliseconds);
            ulong end = CPU.GetCPUUptime();
            ulong perMicrosecond = (end - start) / (CalibrationMilliseconds * 1000U);
            // A TSC slower than 1 MHz does not exist on a CPU Cosmos runs on; guard the divisor
            // anyway. It stays a uint (below 4 GHz): IL2CPU divides exactly only by 32-bit divisors (EOS004).
            _ticksPerMicrosecond = perMicrosecond == 0 ? 1 : perMicrosecond > uint.MaxValue ? uint.MaxValue : (uint)perMicrosecond;
            _origin = end;
        }

        /// <summary>Time-stamp counter ticks per microsecond, as calibrated (the CPU's clock in MHz).</summary>
        public uint TicksPerMicrosecond => _ticksPerMicrosecond;

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
