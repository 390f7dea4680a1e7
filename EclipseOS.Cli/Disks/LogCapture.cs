using System.Collections.Generic;
using EclipseOS.Hal;

namespace EclipseOS.Cli.Disks
{
    /// <summary>
    /// A log whose lines are collected (to explain a failure) instead of printed; give it to a
    /// driver through <see cref="EclipseOS.Kernel.Core.Logging.LoggedPlatform"/>, or to a
    /// <see cref="EclipseOS.Storage.BlockDeviceManager"/>.
    /// </summary>
    public sealed class LogCapture : ILog
    {
        private readonly List<string> _lines = new List<string>();

        /// <summary>The lines logged so far, oldest first.</summary>
        public IReadOnlyList<string> Lines => _lines;

        /// <summary>
        /// The lines as the end of an error message (<c>": line; line"</c>), or "" when the
        /// driver logged nothing.
        /// </summary>
        public string AsReason() => _lines.Count > 0 ? ": " + string.Join("; ", _lines) : "";

        /// <inheritdoc />
        public void WriteLine(string line) => _lines.Add(line);
    }
}
