using System.Text;

namespace EclipseOS.Kernel.Core.Shell
{
    /// <summary>What a redirected command prints (<c>&gt; PATH</c>), kept as text to be written to the file.</summary>
    internal sealed class CapturedOutput : ITextOutput
    {
        private readonly StringBuilder _text = new StringBuilder();

        /// <summary>Every line printed, each followed by a newline.</summary>
        public string Text => _text.ToString();

        /// <inheritdoc />
        public void WriteLine(string line)
        {
            _text.Append(line);
            _text.Append('\n');
        }
    }
}
