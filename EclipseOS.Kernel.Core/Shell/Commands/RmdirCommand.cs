using System;
using EclipseOS.EclipseFS.Vfs;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>rmdir PATH...</c>: removes empty directories.</summary>
    public sealed class RmdirCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "rmdir";

        /// <inheritdoc />
        public string Usage => "rmdir PATH...";

        /// <inheritdoc />
        public string Summary => "remove empty directories";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length == 0)
                throw new ShellException("usage: " + Usage);
            MountTable files = session.Files;
            var failures = new CommandFailures(session, Name);
            for (int i = 0; i < args.Length; i++)
            {
                try
                {
                    files.RemoveDirectory(session.Absolute(args[i]));
                }
                catch (Exception e)
                {
                    failures.Add(e);
                }
            }
            failures.ThrowIfAny();
        }
    }
}
