namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>ln -s TARGET PATH</c>: makes a symbolic link (into PATH when it is an existing directory).</summary>
    public sealed class LnCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "ln";

        /// <inheritdoc />
        public string Usage => "ln -s TARGET PATH";

        /// <inheritdoc />
        public string Summary => "make a symbolic link PATH pointing at TARGET (stored as given)";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length == 2 && args[0] != "-s")
                throw new ShellException("only symbolic links can be made (EclipseFS keeps no hard links here): " + Usage);
            if (args.Length != 3 || args[0] != "-s")
                throw new ShellException("usage: " + Usage);
            var files = session.Files;
            string target = args[1];
            files.CreateSymlink(PathNames.Destination(files, target, session.Absolute(args[2])), target);
        }
    }
}
