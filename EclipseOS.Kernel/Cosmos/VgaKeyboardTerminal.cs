using EclipseOS.Kernel.Core.Console;
using ConsoleKeyEx = Cosmos.System.ConsoleKeyEx;
using KeyboardManager = Cosmos.System.KeyboardManager;
using KeyEvent = Cosmos.System.KeyEvent;

namespace EclipseOS.Kernel.Cosmos
{
    /// <summary>The VGA text screen and the PS/2 keyboard as one terminal (Cosmos's console and keyboard manager).</summary>
    public sealed class VgaKeyboardTerminal : IConsoleTerminal
    {
        /// <inheritdoc />
        public bool TryRead(out char c)
        {
            while (KeyboardManager.TryReadKey(out KeyEvent key))
            {
                if (key.Key == ConsoleKeyEx.Enter || key.Key == ConsoleKeyEx.NumEnter)
                    c = '\r';
                else if (key.Key == ConsoleKeyEx.Backspace)
                    c = '\b';
                else
                    c = key.KeyChar;
                if (c != '\0')
                    return true;
            }
            c = '\0';
            return false;
        }

        /// <inheritdoc />
        public void Write(string text) => System.Console.Write(text);

        /// <inheritdoc />
        /// <remarks>The text screen would print the escape sequence as characters: marks are for the serial port.</remarks>
        public void Mark(string mark)
        {
        }
    }
}
