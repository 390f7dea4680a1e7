using System;
using EclipseOS.EclipseFS.Vfs;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>touch PATH...</c>: creates empty files (mode 0644), or sets an existing one's access and modification times to now.</summary>
    public sealed class TouchCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "touch";

        /// <inheritdoc />
        public string Usage => "touch PATH...";

        /// <inheritdoc />
        public string Summary => "create empty files, or set their access and modification times to now";

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
                    string absolute = session.Absolute(args[i]);
                    if (!files.Exists(absolute))
                    {
                        files.CreateFile(absolute, MountTable.DefaultFileMode);
                        continue;
                    }
                    if (session.Kernel.WallClock == null)
                        throw new ShellException("the kernel has no wall clock to take the time from");
                    ulong now = session.Kernel.WallClock.UnixSeconds;
                    files.SetAttributes(absolute, new VfsAttributeChange { SetTimes = true, AccessTime = now, ModifyTime = now });
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
