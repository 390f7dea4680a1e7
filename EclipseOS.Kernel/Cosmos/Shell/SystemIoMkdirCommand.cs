using System;
using EclipseOS.Kernel.Core.Shell;
using Directory = System.IO.Directory;

namespace EclipseOS.Kernel.Cosmos.Shell
{
    /// <summary><c>iomkdir PATH</c>: <c>Directory.CreateDirectory</c> through Cosmos's VFS (missing parents too).</summary>
    public sealed class SystemIoMkdirCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "iomkdir";

        /// <inheritdoc />
        public string Usage => "iomkdir PATH";

        /// <inheritdoc />
        public string Summary => "make a directory through System.IO (Directory.CreateDirectory)";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 1)
                throw new ShellException("usage: " + Usage);
            string path = SystemIoPaths.ToCosmos(session, args[0]);
            try
            {
                Directory.CreateDirectory(path);
            }
            catch (Exception e)
            {
                throw SystemIoPaths.Failure(path, e);
            }
        }
    }
}
