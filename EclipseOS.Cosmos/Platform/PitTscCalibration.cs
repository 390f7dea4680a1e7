using CPU = Cosmos.Core.CPU;
using IOPort = Cosmos.Core.IOPort;

namespace EclipseOS.Cosmos.Platform
{
    /// <summary>
    /// Measures the time-stamp counter against the PIT's channel 2 without interrupts, the way
    /// Linux's <c>pit_calibrate_tsc</c> does: count down a known interval in mode 0 and poll the
    /// channel's output bit in port 0x61. Cosmos's <c>PIT.Wait</c> halts until the PIT's IRQ 0,
    /// and an interrupt that lands between its check and the <c>hlt</c> leaves the one-shot timer
    /// silent and the CPU halted for ever (seen in one boot of eight under QEMU; docs/kernel.md).
    /// Intel 8254 datasheet: control word 0x43, channel 2 data 0x42; gate and output in port 0x61
    /// (bit 0 gate, bit 1 speaker, bit 5 output), as on every PC.
    /// </summary>
    internal static class PitTscCalibration
    {
        private const ushort Channel2Data = 0x42;
        private const ushort ModeCommand = 0x43;
        private const ushort SystemControlB = 0x61;
        private const byte Gate2 = 0x01;
        private const byte SpeakerData = 0x02;
        private const byte Output2 = 0x20;
        /// <summary>Channel 2, low then high byte, mode 0 (interrupt on terminal count), binary.</summary>
        private const byte Channel2Mode0 = 0xB0;
        /// <summary>The PIT's input clock, Hz.</summary>
        private const uint PitHz = 1193182;

        /// <summary>Bound on the polls: far more than any PIT needs for the interval; a machine without one cannot hang the boot.</summary>
        private const uint MaxPolls = 50000000;

        /// <summary>
        /// TSC ticks per microsecond over an interval of <paramref name="milliseconds"/> (at most
        /// 54, what a 16-bit count allows), or 0 when the PIT's output never rose.
        /// </summary>
        public static uint TicksPerMicrosecond(uint milliseconds)
        {
            uint count = PitHz * milliseconds / 1000;
            byte control = IOPort.Read8(SystemControlB);
            IOPort.Write8(SystemControlB, (byte)((control & ~SpeakerData) | Gate2));
            IOPort.Write8(ModeCommand, Channel2Mode0);
            IOPort.Write8(Channel2Data, (byte)count);
            IOPort.Write8(Channel2Data, (byte)(count >> 8));
            ulong start = CPU.GetCPUUptime();
            uint polls = 0;
            while ((IOPort.Read8(SystemControlB) & Output2) == 0)
            {
                if (++polls == MaxPolls)
                    return 0;
            }
            ulong ticks = CPU.GetCPUUptime() - start;
            IOPort.Write8(SystemControlB, control);
            // The interval lasted count / PitHz seconds.
            uint microseconds = (uint)((ulong)count * 1000000 / PitHz);
            ulong perMicrosecond = ticks / microseconds;
            return perMicrosecond > uint.MaxValue ? uint.MaxValue : (uint)perMicrosecond;
        }
    }
}
