using System.Collections.Generic;
using System.IO;
using EclipseOS.Hal;
using EclipseOS.Kernel.Core.Shell;

namespace EclipseOS.Cli.Boot
{
    /// <summary>Shell output and kernel log lines to a <see cref="TextWriter"/> (the terminal), optionally also kept in memory.</summary>
    public sealed class TextWriterOutput : ITextOutput, ILog
    {
        private readonly TextWriter? _writer;
        private readonly List<string>? _kept;

        /// <summary>Writes to <paramref name="writer"/> (null: nowhere) and, when <paramref name="keep"/>, remembers every line.</summary>
        public TextWriterOutput(TextWriter? writer, bool keep)
        {
            _writer = writer;
            _kept = keep ? new List<string>() : null;
        }

        /// <summary>The lines kept so far (empty when not keeping).</summary>
        public IReadOnlyList<string> Lines => _kept ?? (IReadOnlyList<string>)new List<string>();

        /// <summary>Forgets the kept lines.</summary>
        public void Clear() => _kept?.Clear();

        /// <inheritdoc cref="ITextOutput.WriteLine" />
        public void WriteLine(string line)
        {
            _kept?.Add(line);
            _writer?.WriteLine(line);
        }
    }
}
