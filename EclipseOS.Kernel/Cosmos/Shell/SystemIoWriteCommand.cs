using System;
using EclipseOS.Kernel.Core.Shell;
using File = System.IO.File;

namespace EclipseOS.Kernel.Cosmos.Shell
{
    /// <summary><c>iowrite PATH TEXT...</c>: <c>File.WriteAllText</c> through Cosmos's VFS — what <c>write</c> does through the kernel's.</summary>
    public sealed class SystemIoWriteCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "iowrite";

        /// <inheritdoc />
        public string Usage => "iowrite PATH TEXT...";

        /// <inheritdoc />
        public string Summary => "write through System.IO (File.WriteAllText of TEXT and a newline)";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            string text = SystemIoText.Line(args, 1, Usage);
            string path = SystemIoPaths.ToCosmos(session, args[0]);
            try
            {
                File.WriteAllText(path, text);
            }
            catch (Exception e)
            {
                throw SystemIoPaths.Failure(path, e);
            }
        }
    }
}
