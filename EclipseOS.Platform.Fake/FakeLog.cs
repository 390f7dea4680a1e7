using System;
using System.Collections.Generic;
using EclipseOS.Hal;

namespace EclipseOS.Platform.Fake
{
    /// <summary>Keeps every log line so a test can assert what a driver reported; optionally echoes them (to test output).</summary>
    public sealed class FakeLog : ILog
    {
        private readonly List<string> _lines = new List<string>();

        /// <summary>Called with every line as it is written (e.g. xunit's <c>ITestOutputHelper.WriteLine</c>).</summary>
        public Action<string>? Echo { get; set; }

        /// <summary>A copy of the lines so far.</summary>
        public IReadOnlyList<string> Lines
        {
            get { lock (_lines) return _lines.ToArray(); }
        }

        /// <inheritdoc />
        public void WriteLine(string line)
        {
            lock (_lines) _lines.Add(line);
            Echo?.Invoke(line);
        }

        /// <summary>Whether some line contains <paramref name="fragment"/> (ordinal).</summary>
        public bool Contains(string fragment)
        {
            foreach (string line in Lines)
                if (line.Contains(fragment, StringComparison.Ordinal)) return true;
            return false;
        }

        /// <summary>All lines joined by newlines, for assertion messages.</summary>
        public override string ToString() => string.Join("\n", Lines);
    }
}
