using EclipseOS.EclipseFS.Format;
using EclipseOS.Hal.Serial;

namespace EclipseOS.Kernel.Core.Console
{
    /// <summary>
    /// The serial port as a terminal: UTF-8 both ways, "\n" sent as "\r\n", and the shell marks
    /// sent as they are (a terminal emulator hides them, a harness reads them).
    /// </summary>
    public sealed class SerialTerminal : IConsoleTerminal
    {
        private readonly Uart16550 _uart;
        private readonly byte[] _pending = new byte[4];
        private int _pendingCount;
        private int _pendingNeeded;
        private char _lowSurrogate;

        /// <summary>A terminal on <paramref name="uart"/>.</summary>
        public SerialTerminal(Uart16550 uart)
        {
            _uart = uart;
        }

        /// <inheritdoc />
        public bool TryRead(out char c)
        {
            if (_lowSurrogate != '\0')
            {
                c = _lowSurrogate;
                _lowSurrogate = '\0';
                return true;
            }
            while (_uart.TryRead(out byte value))
            {
                if (_pendingNeeded == 0)
                {
                    if (value < 0x80)
                    {
                        c = (char)value;
                        return true;
                    }
                    // A lead byte: how many bytes the character has (a stray continuation byte starts nothing).
                    _pendingNeeded = value >= 0xF0 ? 4 : value >= 0xE0 ? 3 : value >= 0xC0 ? 2 : 0;
                    if (_pendingNeeded == 0)
                        continue;
                    _pendingCount = 0;
                }
                _pending[_pendingCount++] = value;
                if (_pendingCount < _pendingNeeded)
                    continue;
                _pendingNeeded = 0;
                string? decoded = Utf8Name.Decode(_pending, 0, _pendingCount);
                if (decoded == null || decoded.Length == 0)
                    continue;
                c = decoded[0];
                if (decoded.Length > 1)
                    _lowSurrogate = decoded[1];
                return true;
            }
            c = '\0';
            return false;
        }

        /// <inheritdoc />
        public void Write(string text) => _uart.Write(text);

        /// <inheritdoc />
        public void Mark(string mark) => _uart.Write(ShellMarks.Encode(mark));
    }
}
