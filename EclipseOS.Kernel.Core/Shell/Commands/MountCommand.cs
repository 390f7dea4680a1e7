using EclipseOS.Kernel.Core.Mounting;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary>
    /// <c>mount</c>: lists the mounted filesystems (device, path, type, rw or ro);
    /// <c>mount DEVICE PATH [-o ro]</c> mounts the EclipseFS on a device or partition at an
    /// existing directory, read-write unless asked otherwise or the device is read-only.
    /// </summary>
    public sealed class MountCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "mount";

        /// <inheritdoc />
        public string Usage => "mount [DEVICE PATH [-o ro|rw]]";

        /// <inheritdoc />
        public string Summary => "list mounted filesystems, or mount DEVICE's EclipseFS at the directory PATH";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length == 0)
            {
                List(session);
                return;
            }
            string? device = null;
            string? path = null;
            bool readOnly = false;
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] == "-o")
                {
                    if (i + 1 >= args.Length)
                        throw new ShellException("-o needs ro or rw (usage: " + Usage + ")");
                    string option = args[++i];
                    if (option == "ro")
                        readOnly = true;
                    else if (option == "rw")
                        readOnly = false;
                    else
                        throw new ShellException("unknown mount option '" + option + "' (ro or rw)");
                }
                else if (args[i].Length > 1 && args[i][0] == '-')
                    throw new ShellException("unknown option " + args[i] + " (usage: " + Usage + ")");
                else if (device == null)
                    device = args[i];
                else if (path == null)
                    path = args[i];
                else
                    throw new ShellException("usage: " + Usage);
            }
            if (device == null || path == null)
                throw new ShellException("usage: " + Usage);
            MountRecord record = session.Kernel.MountDevice(device, session.Absolute(path), readOnly);
            session.Output.WriteLine(Describe(session, record));
        }

        private static void List(ShellSession session)
        {
            var mounts = session.Kernel.Mounts;
            if (mounts.Count == 0)
            {
                session.Output.WriteLine(NothingMounted(session.Kernel));
                return;
            }
            for (int i = 0; i < mounts.Count; i++)
                session.Output.WriteLine(Describe(session, mounts[i]));
        }

        /// <summary>What <c>mount</c> and <c>df</c> print when nothing is mounted, with why the root is not.</summary>
        internal static string NothingMounted(KernelContext kernel) => "(no filesystems mounted: " + (kernel.RootError ?? "nothing mounted") + ")";

        /// <summary><c>vda2 on / type eclipsefs (rw)</c>; a read-only mount says why when it was not asked to be.</summary>
        private static string Describe(ShellSession session, MountRecord m)
        {
            bool simulated = session.Kernel.RootIsSimulated && m.Path == "/";
            string options = simulated && m.Mount.IsReadOnly ? "ro, simulated disk" : m.Options;
            return m.Device + " on " + m.Path + " type " + m.FileSystemType + " (" + options + ")";
        }
    }
}
