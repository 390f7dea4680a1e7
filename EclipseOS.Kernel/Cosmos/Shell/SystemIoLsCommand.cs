using System.Collections.Generic;
using EclipseOS.Kernel.Core.Shell;
using Directory = System.IO.Directory;
using Path = System.IO.Path;

namespace EclipseOS.Kernel.Cosmos.Shell
{
    /// <summary>
    /// <c>iols [PATH]</c>: lists a directory with <c>System.IO.Directory.GetDirectories</c> and
    /// <c>GetFiles</c> through Cosmos's VFS, names sorted as <c>ls</c> sorts them.
    /// </summary>
    public sealed class SystemIoLsCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "iols";

        /// <inheritdoc />
        public string Usage => "iols [PATH]";

        /// <inheritdoc />
        public string Summary => "ls through System.IO (Directory.GetDirectories and GetFiles on Cosmos's VFS)";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length > 1)
                throw new ShellException("usage: " + Usage);
            string directory = SystemIoPaths.ToCosmos(session, args.Length == 1 ? args[0] : ".");
            var names = new List<string>();
            string[] directories = Directory.GetDirectories(directory);
            for (int i = 0; i < directories.Length; i++)
                names.Add(Path.GetFileName(directories[i]));
            string[] files = Directory.GetFiles(directory);
            for (int i = 0; i < files.Length; i++)
                names.Add(Path.GetFileName(files[i]));
            OrdinalSort.Sort(names);
            for (int i = 0; i < names.Count; i++)
                session.Output.WriteLine(names[i]);
        }
    }
}
