using System;

namespace EclipseOS.Kernel.Core.Shell
{
    /// <summary>
    /// The failures of a command that works through several paths (<c>mkdir a b c</c>): each
    /// path is tried; every failure but the last is printed on the terminal as it happens, the
    /// last ends the command (the shell prints it), so each failed path gets one line.
    /// </summary>
    internal sealed class CommandFailures
    {
        private readonly ShellSession _session;
        private readonly string _command;
        private string? _last;

        /// <summary>Failures of <paramref name="command"/> in <paramref name="session"/>.</summary>
        public CommandFailures(ShellSession session, string command)
        {
            _session = session;
            _command = command;
        }

        /// <summary>Records that one path failed with <paramref name="error"/>.</summary>
        public void Add(Exception error)
        {
            if (_last != null)
                _session.Terminal.WriteLine(_command + ": " + _last);
            _last = Shell.OneLine(error.Message);
        }

        /// <summary>Throws the last failure as a <see cref="ShellException"/>; nothing when every path succeeded.</summary>
        public void ThrowIfAny()
        {
            if (_last != null)
                throw new ShellException(_last);
        }
    }
}
