using System.Text;

namespace EclipseOS.Cli.Guest
{
    /// <summary>
    /// The shell marks the kernel writes on COM1 (<c>ESC ] 633 ; … BEL</c>, EclipseOS.Kernel.Core's
    /// ShellMarks) and the text without them, for people: marks and carriage returns removed.
    /// </summary>
    public sealed class ShellMarkText
    {
        /// <summary>Marks the start of a prompt.</summary>
        public const string PromptStart = "\u001b]633;A\u0007";
        /// <summary>Marks a command that succeeded.</summary>
        public const string CommandSucceeded = "\u001b]633;D;0\u0007";
        /// <summary>What every command-finished mark starts with (then the exit code and BEL).</summary>
        public const string CommandFinishedPrefix = "\u001b]633;D;";

        private bool _inMark;

        /// <summary><paramref name="text"/> with every mark and carriage return removed.</summary>
        public static string Clean(string text) => new ShellMarkText().Filter(text);

        /// <summary>
        /// Removes marks and carriage returns from a piece of a stream; a mark cut between two
        /// pieces is removed too (this instance remembers being inside one).
        /// </summary>
        public string Filter(string piece)
        {
            var kept = new StringBuilder(piece.Length);
            for (int i = 0; i < piece.Length; i++)
            {
                char c = piece[i];
                if (_inMark)
                {
                    if (c == '\u0007')
                        _inMark = false;
                    continue;
                }
                if (c == '\u001b' && (i + 1 >= piece.Length || piece[i + 1] == ']'))
                {
                    _inMark = true;
                    continue;
                }
                if (c != '\r')
                    kept.Append(c);
            }
            return kept.ToString();
        }
    }
}
