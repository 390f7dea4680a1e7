namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>pwd</c>: prints the working directory.</summary>
    public sealed class PwdCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "pwd";

        /// <inheritdoc />
        public string Usage => "pwd";

        /// <inheritdoc />
        public string Summary => "print the working directory";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 0)
                throw new ShellException("usage: " + Usage);
            session.Output.WriteLine(session.WorkingDirectory);
        }
    }
}
