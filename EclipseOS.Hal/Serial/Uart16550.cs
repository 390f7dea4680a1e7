
namespace EclipseOS.Hal.Serial
{
    /// <summary>
    /// A PC serial port (8250/16550 UART) as a byte channel: 115200 baud, 8N1, FIFOs on, and a
    /// receive interrupt that only wakes a halted CPU (the data is polled). Register offsets are
    /// from the National Semiconductor PC16550D datasheet, "Register Summary" (Table II).
    /// Output never blocks for long: each byte waits at most <see cref="TransmitTimeoutMicroseconds"/>
    /// for room, so a port with nothing behind it cannot hang the kernel.
    /// </summary>
    public sealed class Uart16550
    {
        /// <summary>I/O base of COM1 on every PC.</summary>
        public const ushort Com1Base = 0x3F8;
        /// <summary>ISA interrupt line of COM1.</summary>
        public const int Com1Irq = 4;

        // Register offsets from the base (DLAB = LCR bit 7 selects the divisor latch at 0 and 1).
        private const ushort ReceiveBuffer = 0;    // RBR, read, DLAB=0
        private const ushort TransmitHolding = 0;  // THR, write, DLAB=0
        private const ushort DivisorLow = 0;       // DLL, DLAB=1
        private const ushort InterruptEnable = 1;  // IER, DLAB=0
        private const ushort DivisorHigh = 1;      // DLM, DLAB=1
        private const ushort FifoControl = 2;      // FCR, write
        private const ushort LineControl = 3;      // LCR
        private const ushort ModemControl = 4;     // MCR
        private const ushort LineStatus = 5;       // LSR
        private const ushort Scratch = 7;          // SCR

        private const byte LcrDivisorLatch = 0x80;
        private const byte Lcr8N1 = 0x03;
        private const byte FcrEnableAndClear = 0x07;   // enable FIFOs, clear receive and transmit FIFOs
        private const byte McrDtrRtsOut2 = 0x0B;       // OUT2 gates the UART's interrupt onto the ISA line on a PC
        private const byte IerReceivedData = 0x01;
        private const byte LsrDataReady = 0x01;
        private const byte LsrTransmitEmpty = 0x20;    // THRE: room for a byte
        private const uint UartClock = 115200;         // 1.8432 MHz / 16

        /// <summary>How long each byte waits for room once the line counts as stalled (a byte was dropped and none has gone out since).</summary>
        public const long TransmitTimeoutMicroseconds = 10000;

        /// <summary>
        /// How long a byte waits for room before the line counts as stalled. Long, because a host
        /// can be slow to drain: QEMU's main loop on a loaded machine left COM1 full for more than
        /// 10 ms, the old per-byte limit, and the bytes dropped then included the shell's
        /// end-of-command marks, so a harness waited for a command the kernel had long finished.
        /// </summary>
        public const long StalledLineTimeoutMicroseconds = 2000000;

        private readonly IPortIO _ports;
        private readonly IClock _clock;
        private readonly ushort _base;
        private bool _stalled;

        private Uart16550(IPortIO ports, IClock clock, ushort ioBase)
        {
            _ports = ports;
            _clock = clock;
            _base = ioBase;
        }

        /// <summary>Bytes dropped because the transmitter stayed full (nothing drains the line).</summary>
        public ulong DroppedBytes { get; private set; }

        /// <summary>
        /// Finds the UART at <paramref name="ioBase"/> (its scratch register keeps what is written;
        /// a floating bus does not) and programs it for <paramref name="baud"/> 8N1 with FIFOs;
        /// null when no UART answers there.
        /// </summary>
        public static Uart16550? Open(IPortIO ports, IClock clock, ushort ioBase, uint baud)
        {
            ports.Write8((ushort)(ioBase + Scratch), 0x5A);
            if (ports.Read8((ushort)(ioBase + Scratch)) != 0x5A)
                return null;
            var uart = new Uart16550(ports, clock, ioBase);
            uint divisor = baud == 0 || baud > UartClock ? 1 : UartClock / baud;
            uart.Set(InterruptEnable, 0);
            uart.Set(LineControl, LcrDivisorLatch);
            uart.Set(DivisorLow, (byte)divisor);
            uart.Set(DivisorHigh, (byte)(divisor >> 8));
            uart.Set(LineControl, Lcr8N1);
            uart.Set(FifoControl, FcrEnableAndClear);
            uart.Set(ModemControl, McrDtrRtsOut2);
            return uart;
        }

        /// <summary>Raises the port's interrupt when a byte arrives (to wake a halted CPU), or stops it.</summary>
        public void EnableReceiveInterrupt(bool enabled) => Set(InterruptEnable, enabled ? IerReceivedData : (byte)0);

        /// <summary>Takes one received byte when there is one.</summary>
        public bool TryRead(out byte value)
        {
            if ((Get(LineStatus) & LsrDataReady) == 0)
            {
                value = 0;
                return false;
            }
            value = Get(ReceiveBuffer);
            return true;
        }

        /// <summary>
        /// Sends one byte, waiting a bounded time for room; drops it (and counts it) when none
        /// comes. The first wait is long (<see cref="StalledLineTimeoutMicroseconds"/>): a line
        /// that drains slowly must lose nothing. After a drop the line counts as stalled and each
        /// byte waits only <see cref="TransmitTimeoutMicroseconds"/>, until one finds room again.
        /// </summary>
        public void Write(byte value)
        {
            if ((Get(LineStatus) & LsrTransmitEmpty) == 0)
            {
                Deadline deadline = Deadline.After(_clock, _stalled ? TransmitTimeoutMicroseconds : StalledLineTimeoutMicroseconds);
                while ((Get(LineStatus) & LsrTransmitEmpty) == 0)
                {
                    if (deadline.Expired)
                    {
                        DroppedBytes++;
                        _stalled = true;
                        return;
                    }
                }
            }
            _stalled = false;
            Set(TransmitHolding, value);
        }

        /// <summary>Sends <paramref name="text"/> as UTF-8 (an unpaired surrogate as U+FFFD), each "\n" as "\r\n" for terminals in raw mode.</summary>
        public void Write(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                int c = text[i];
                if (c == '\n')
                {
                    Write((byte)'\r');
                    Write((byte)'\n');
                    continue;
                }
                if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.Length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF)
                {
                    c = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
                    i++;
                }
                else if (c >= 0xD800 && c <= 0xDFFF)
                {
                    c = 0xFFFD;
                }
                WriteCodePoint(c);
            }
        }

        private void WriteCodePoint(int c)
        {
            if (c < 0x80)
            {
                Write((byte)c);
            }
            else if (c < 0x800)
            {
                Write((byte)(0xC0 | (c >> 6)));
                Write((byte)(0x80 | (c & 0x3F)));
            }
            else if (c < 0x10000)
            {
                Write((byte)(0xE0 | (c >> 12)));
                Write((byte)(0x80 | ((c >> 6) & 0x3F)));
                Write((byte)(0x80 | (c & 0x3F)));
            }
            else
            {
                Write((byte)(0xF0 | (c >> 18)));
                Write((byte)(0x80 | ((c >> 12) & 0x3F)));
                Write((byte)(0x80 | ((c >> 6) & 0x3F)));
                Write((byte)(0x80 | (c & 0x3F)));
            }
        }

        private byte Get(ushort register) => _ports.Read8((ushort)(_base + register));

        private void Set(ushort register, byte value) => _ports.Write8((ushort)(_base + register), value);
    }
}
