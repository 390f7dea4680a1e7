namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>reboot</c>: restarts the machine where the platform can.</summary>
    public sealed class RebootCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "reboot";

        /// <inheritdoc />
        public string Usage => "reboot";

        /// <inheritdoc />
        public string Summary => "flush the filesystems and restart the machine";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 0)
                throw new ShellException("usage: " + Usage);
            var control = session.Kernel.Control;
            if (!control.CanReboot)
                throw new ShellException("this platform cannot reboot");
            session.Kernel.Log.WriteLine("[KERNEL] Rebooting...");
            session.Kernel.SyncBeforePowerOff();
            session.ExitRequested = true;
            control.Reboot();
        }
    }
}
