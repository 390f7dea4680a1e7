using System;
using EclipseOS.Kernel.Core.Shell;
using File = System.IO.File;

namespace EclipseOS.Kernel.Cosmos.Shell
{
    /// <summary><c>iomv FROM TO</c>: <c>File.Move</c> through Cosmos's VFS (an EclipseFS rename within a volume; see SystemIoMove).</summary>
    public sealed class SystemIoMvCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "iomv";

        /// <inheritdoc />
        public string Usage => "iomv FROM TO";

        /// <inheritdoc />
        public string Summary => "move a file through System.IO (File.Move)";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 2)
                throw new ShellException("usage: " + Usage);
            string from = SystemIoPaths.ToCosmos(session, args[0]);
            string to = SystemIoPaths.ToCosmos(session, args[1]);
            try
            {
                File.Move(from, to);
            }
            catch (Exception e)
            {
                throw SystemIoPaths.Failure(from, e);
            }
        }
    }
}
