namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>mv FROM TO</c>: renames or moves (into TO when it is an existing directory), within one filesystem.</summary>
    public sealed class MvCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "mv";

        /// <inheritdoc />
        public string Usage => "mv FROM TO";

        /// <inheritdoc />
        public string Summary => "rename or move (into TO when it is a directory); an existing file TO is replaced";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 2)
                throw new ShellException("usage: " + Usage);
            var files = session.Files;
            string from = session.Absolute(args[0]);
            string to = session.Absolute(args[1]);
            files.Rename(from, PathNames.Destination(files, from, to));
        }
    }
}
