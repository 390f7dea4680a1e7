namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>dmesg</c>: prints the kernel log kept since boot.</summary>
    public sealed class DmesgCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "dmesg";

        /// <inheritdoc />
        public string Usage => "dmesg";

        /// <inheritdoc />
        public string Summary => "print the kernel log";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 0)
                throw new ShellException("usage: " + Usage);
            var log = session.Kernel.Log;
            if (log.Dropped > 0)
                session.Output.WriteLine("(" + log.Dropped + " older line(s) dropped)");
            string[] lines = log.Lines();
            for (int i = 0; i < lines.Length; i++)
                session.Output.WriteLine(lines[i]);
        }
    }
}
