using System.Collections.Generic;
using EclipseOS.Hal;
using EclipseOS.Hal.Serial;
using EclipseOS.Platform.Fake;
using Xunit;

namespace EclipseOS.Tests.Kernel
{
    /// <summary>
    /// COM1's transmit side against a UART whose holding register drains when the test says: a
    /// slow host must lose nothing, a line nobody drains must not stall the kernel per byte.
    /// </summary>
    public class Uart16550Tests
    {
        /// <summary>A 16550 at 0x3F8 whose THR empties at <see cref="DrainsAt"/> (fake µs) and after every byte takes <see cref="BusyAfterByte"/> µs.</summary>
        private sealed class SlowUart : IPortIO
        {
            private readonly FakeClock _clock;
            private byte _scratch;

            public SlowUart(FakeClock clock)
            {
                _clock = clock;
            }

            public long DrainsAt;
            public long BusyAfterByte;
            public readonly List<byte> Sent = new List<byte>();

            public byte Read8(ushort port)
            {
                if (port == Uart16550.Com1Base + 7)
                    return _scratch;
                if (port == Uart16550.Com1Base + 5)
                    return (byte)(_clock.Now >= DrainsAt ? 0x20 : 0x00);
                return 0;
            }

            public void Write8(ushort port, byte value)
            {
                if (port == Uart16550.Com1Base + 7)
                    _scratch = value;
                else if (port == Uart16550.Com1Base && _clock.Now >= DrainsAt)
                {
                    Sent.Add(value);
                    DrainsAt = _clock.Now + BusyAfterByte;
                }
            }

            public ushort Read16(ushort port) => 0;
            public uint Read32(ushort port) => 0;
            public void Write16(ushort port, ushort value) { }
            public void Write32(ushort port, uint value) { }
            public void ReadString16(ushort port, byte[] buffer, int offset, int count) { }
            public void WriteString16(ushort port, byte[] buffer, int offset, int count) { }
        }

        /// <summary>Opens the UART; the divisor byte the set-up writes through the data port is not part of what is sent.</summary>
        private static Uart16550 Open(SlowUart port, FakeClock clock)
        {
            Uart16550 uart = Uart16550.Open(port, clock, Uart16550.Com1Base, 115200)!;
            port.Sent.Clear();
            port.DrainsAt = clock.Now;
            return uart;
        }

        [Fact]
        public void ALineThatDrainsSlowlyLosesNothing()
        {
            var clock = new FakeClock { TickPerRead = 100 };
            var port = new SlowUart(clock) { BusyAfterByte = 300_000 }; // 0.3 s per byte: a host far behind
            Uart16550 uart = Open(port, clock);
            uart.Write("ok\n");
            Assert.Equal(new byte[] { (byte)'o', (byte)'k', (byte)'\r', (byte)'\n' }, port.Sent.ToArray());
            Assert.Equal(0UL, uart.DroppedBytes);
        }

        [Fact]
        public void ALineNobodyDrainsCostsOneLongWaitThenShortOnes()
        {
            var clock = new FakeClock { TickPerRead = 100 };
            var port = new SlowUart(clock);
            Uart16550 uart = Open(port, clock);
            port.DrainsAt = long.MaxValue;
            long start = clock.Now;
            uart.Write("abcd");
            long took = clock.Now - start;
            Assert.Equal(4UL, uart.DroppedBytes);
            Assert.Empty(port.Sent);
            Assert.InRange(took, Uart16550.StalledLineTimeoutMicroseconds, Uart16550.StalledLineTimeoutMicroseconds + 4 * Uart16550.TransmitTimeoutMicroseconds);

            // Once the line drains, the next byte goes out and the long wait is armed again.
            port.DrainsAt = clock.Now;
            uart.Write("e");
            Assert.Equal(new byte[] { (byte)'e' }, port.Sent.ToArray());
        }
    }
}
