namespace EclipseOS.Kernel.Core.Shell
{
    /// <summary>What a command works with: the booted kernel, where to print, the working directory.</summary>
    public sealed class ShellSession
    {
        /// <summary>Creates a session at the root directory.</summary>
        public ShellSession(KernelContext kernel, ITextOutput output, Shell shell)
        {
            Kernel = kernel;
            Output = output;
            Terminal = output;
            Shell = shell;
        }

        /// <summary>The booted kernel: devices, mounts, log, platform control.</summary>
        public KernelContext Kernel { get; }

        /// <summary>Where commands print: the terminal, or what a redirection (<c>&gt; PATH</c>) captures.</summary>
        public ITextOutput Output { get; internal set; }

        /// <summary>The terminal: where errors go, also while <see cref="Output"/> is redirected to a file.</summary>
        public ITextOutput Terminal { get; }

        /// <summary>The shell running the session (for <c>help</c>).</summary>
        public Shell Shell { get; }

        /// <summary>Absolute, normalised working directory.</summary>
        public string WorkingDirectory { get; set; } = "/";

        /// <summary>Set by <c>reboot</c> and <c>halt</c>: the shell loop should stop reading commands.</summary>
        public bool ExitRequested { get; set; }

        /// <summary>
        /// <paramref name="path"/> made absolute against the working directory. <c>.</c>, <c>..</c>
        /// and symlinks are left for the VFS, which resolves them physically.
        /// </summary>
        public string Absolute(string path)
        {
            if (path.Length > 0 && path[0] == '/')
                return path;
            return WorkingDirectory == "/" ? "/" + path : WorkingDirectory + "/" + path;
        }

        /// <summary>The VFS, or a <see cref="ShellException"/> when boot mounted no root filesystem.</summary>
        public EclipseOS.EclipseFS.Vfs.MountTable Files
        {
            get
            {
                if (Kernel.Root == null)
                    throw new ShellException("no root filesystem is mounted (dmesg says why)");
                return Kernel.Vfs;
            }
        }
    }
}
