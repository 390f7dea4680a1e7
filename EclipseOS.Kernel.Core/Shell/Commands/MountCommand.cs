using EclipseOS.Kernel.Core.Mounting;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>mount</c>: lists the mounted filesystems.</summary>
    public sealed class MountCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "mount";

        /// <inheritdoc />
        public string Usage => "mount";

        /// <inheritdoc />
        public string Summary => "list mounted filesystems";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 0)
                throw new ShellException("usage: " + Usage + " (lists mounts; the root is mounted at boot)");
            var mounts = session.Kernel.Mounts;
            if (mounts.Count == 0)
            {
                string why = session.Kernel.RootError ?? "nothing mounted";
                session.Output.WriteLine("(no filesystems mounted: " + why + ")");
                return;
            }
            for (int i = 0; i < mounts.Count; i++)
            {
                MountRecord m = mounts[i];
                string note = session.Kernel.RootIsSimulated && m.Path == "/" ? ", simulated disk" : "";
                session.Output.WriteLine(m.Device + " on " + m.Path + " type " + m.FileSystemType + " (ro" + note + ")");
            }
        }
    }
}
