using System;
using EclipseOS.Hal;

namespace EclipseOS.Platform.Qtest.Devices
{
    /// <summary>A log sink handing each line to a callback.</summary>
    public sealed class TextLog : ILog
    {
        private readonly Action<string> _sink;

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
