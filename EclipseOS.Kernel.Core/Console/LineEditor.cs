using System.Text;

namespace EclipseOS.Kernel.Core.Console
{
    /// <summary>
    /// Collects typed characters into a line for one terminal, echoing them as a terminal in
    /// raw mode expects: Enter (CR or LF; the LF of a CR LF pair is skipped) ends the line,
    /// Backspace/DEL erases a character, Ctrl-C drops the line, Ctrl-U clears it, and escape
    /// sequences (cursor keys) and other control characters are ignored.
    /// </summary>
    public sealed class LineEditor
    {
        /// <summary>Longest line kept; further characters are not taken (and not echoed).</summary>
        public const int MaxLength = 4096;

        private readonly IConsoleTerminal _terminal;
        private readonly StringBuilder _line = new StringBuilder();
        private bool _afterCarriageReturn;
        private int _escapeState; // 0 none, 1 after ESC, 2 inside "ESC [" … final byte

        /// <summary>Edits lines typed on <paramref name="terminal"/>.</summary>
        public LineEditor(IConsoleTerminal terminal)
        {
            _terminal = terminal;
        }

        /// <summary>The terminal this editor reads.</summary>
        public IConsoleTerminal Terminal => _terminal;

        /// <summary>Takes one character; returns the finished line when it was Enter, else null.</summary>
        public string? Feed(char c)
        {
            bool afterCarriageReturn = _afterCarriageReturn;
            _afterCarriageReturn = false;
            if (_escapeState == 1)
            {
                _escapeState = c == '[' ? 2 : 0;
                return null;
            }
            if (_escapeState == 2)
            {
                // Parameters and intermediates are 0x20-0x3F; the final byte 0x40-0x7E ends the sequence.
                if (c >= '@' && c <= '~')
                    _escapeState = 0;
                return null;
            }
            switch (c)
            {
                case '\r':
                    _afterCarriageReturn = true;
                    return Finish();
                case '\n':
                    return afterCarriageReturn ? null : Finish();
                case '\b':
                case '\u007f':
                    if (_line.Length > 0)
                    {
                        _line.Length--;
                        _terminal.Write("\b \b");
                    }
                    return null;
                case '\u0003': // Ctrl-C
                    _line.Clear();
                    _terminal.Write("^C\n");
                    return "";
                case '\u0015': // Ctrl-U
                    for (int i = 0; i < _line.Length; i++)
                        _terminal.Write("\b \b");
                    _line.Clear();
                    return null;
                case '\u001b':
                    _escapeState = 1;
                    return null;
            }
            if (c < ' ' || _line.Length >= MaxLength)
                return null;
            _line.Append(c);
            _terminal.Write(c.ToString());
            return null;
        }

        private string Finish()
        {
            string line = _line.ToString();
            _line.Clear();
            _terminal.Write("\n");
            return line;
        }
    }
}
