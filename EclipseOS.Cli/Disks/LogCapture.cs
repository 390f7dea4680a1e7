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
        private readonly List<string> _lines = new List<string>();

        /// <summary>
        /// The lines as the end of an error message (<c>": line; line"</c>), or "" when the
        /// driver logged nothing.
        /// </summary>
        public string AsReason() => _lines.Count > 0 ? ": " + string.Join("; ", _lines) : "";

        /// <inheritdoc />
        public void WriteLine(string line) => _lines.Add(line);
    }
}
