using System.Collections.Generic;
using EclipseOS.Hal;

namespace EclipseOS.Cli.Disks
{
    /// <summary>
    /// A driver log whose lines are collected (to explain a failure) instead of printed; give it
    /// to the driver through <see cref="EclipseOS.Kernel.Core.Logging.LoggedPlatform"/>.
    /// </summary>
    public sealed class LogCapture : ILog
    {
        private readonly List<string> _lines;

        /// <summary>Log lines go to <paramref name="lines"/>.</summary>
        public LogCapture(List<string> lines)
        {
            _lines = lines;
        }

        /// <inheritdoc />
        public void WriteLine(string line) => _lines.Add(line);
    }
}
