namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>sync</c>: makes every change on every mounted read-write filesystem durable (device caches flushed).</summary>
    public sealed class SyncCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "sync";

        /// <inheritdoc />
        public string Usage => "sync";

        /// <inheritdoc />
        public string Summary => "flush every read-write filesystem to its device";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 0)
                throw new ShellException("usage: " + Usage);
            session.Files.Sync();
        }
    }
}
