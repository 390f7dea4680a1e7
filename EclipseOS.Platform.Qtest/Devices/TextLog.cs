using System;
using System.IO;
using EclipseOS.Hal;

namespace EclipseOS.Platform.Qtest.Devices
{
    /// <summary>A log sink writing to a <see cref="TextWriter"/> or handing lines to a callback.</summary>
    public sealed class TextLog : ILog
    {
        private readonly Action<string> _sink;

        /// <summary>Writes each line to <paramref name="writer"/>.</summary>
        public TextLog(TextWriter writer)
        {
            if (writer == null) throw new ArgumentNullException(nameof(writer));
            _sink = writer.WriteLine;
        }

        /// <summary>Hands each line to <paramref name="sink"/> (e.g. xunit's test output).</summary>
        public TextLog(Action<string> sink)
        {
            _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        }

        /// <summary>A log that drops every line.</summary>
        public static TextLog Discard { get; } = new TextLog(_ => { });

        /// <inheritdoc />
        public void WriteLine(string line) => _sink(line);
    }
}
