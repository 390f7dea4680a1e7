using EclipseOS.EclipseFS.Vfs;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>cd [PATH]</c>: changes the working directory (to <c>/</c> without an argument).</summary>
    public sealed class CdCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "cd";

        /// <inheritdoc />
        public string Usage => "cd [PATH]";

        /// <inheritdoc />
        public string Summary => "change the working directory";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length > 1)
                throw new ShellException("usage: " + Usage);
            VfsLocation at = session.Files.Resolve(session.Absolute(args.Length == 1 ? args[0] : "/"), true);
            if (at.FileSystem.Stat(at.Node).Type != VfsNodeType.Directory)
                throw new ShellException(at.Path + ": not a directory");
            session.WorkingDirectory = at.Path;
        }
    }
}
