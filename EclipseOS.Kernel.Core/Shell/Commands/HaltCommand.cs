namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>halt</c>: stops the machine where the platform can.</summary>
    public sealed class HaltCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "halt";

        /// <inheritdoc />
        public string Usage => "halt";

        /// <inheritdoc />
        public string Summary => "flush the filesystems and stop the machine";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 0)
                throw new ShellException("usage: " + Usage);
            var control = session.Kernel.Control;
            if (!control.CanHalt)
                throw new ShellException("this platform cannot halt");
            session.Kernel.Log.WriteLine("[KERNEL] System halted");
            session.Kernel.SyncBeforePowerOff();
            session.ExitRequested = true;
            control.Halt();
        }
    }
}
