using System;
using EclipseOS.EclipseFS.Vfs;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>chmod OCTAL PATH...</c>: sets permission bits (a final symlink is followed).</summary>
    public sealed class ChmodCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "chmod";

        /// <inheritdoc />
        public string Usage => "chmod OCTAL PATH...";

        /// <inheritdoc />
        public string Summary => "set permission bits, e.g. chmod 644 FILE";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length < 2)
                throw new ShellException("usage: " + Usage);
            uint mode = ParseOctal(args[0]);
            MountTable files = session.Files;
            var failures = new CommandFailures(session, Name);
            for (int i = 1; i < args.Length; i++)
            {
                try
                {
                    files.SetAttributes(session.Absolute(args[i]), new VfsAttributeChange { SetMode = true, Mode = mode });
                }
                catch (Exception e)
                {
                    failures.Add(e);
                }
            }
            failures.ThrowIfAny();
        }

        /// <summary>1 to 4 octal digits (at most 7777).</summary>
        private static uint ParseOctal(string text)
        {
            if (text.Length == 0 || text.Length > 4)
                throw new ShellException("mode '" + text + "' is not 1 to 4 octal digits (e.g. 644)");
            uint mode = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '7')
                    throw new ShellException("mode '" + text + "' is not an octal number (e.g. 644)");
                mode = mode * 8 + (uint)(c - '0');
            }
            return mode;
        }
    }
}
