namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>umount PATH</c>: unmounts a filesystem after flushing it (not the root, not with another mounted below).</summary>
    public sealed class UmountCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "umount";

        /// <inheritdoc />
        public string Usage => "umount PATH";

        /// <inheritdoc />
        public string Summary => "unmount the filesystem mounted at PATH (flushed first)";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 1)
                throw new ShellException("usage: " + Usage);
            // The root must be there to resolve the path; it cannot itself be unmounted.
            session.Kernel.Unmount(session.Absolute(args[0]));
        }
    }
}
