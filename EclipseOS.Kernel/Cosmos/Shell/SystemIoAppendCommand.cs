using System;
using EclipseOS.Kernel.Core.Shell;
using File = System.IO.File;

namespace EclipseOS.Kernel.Cosmos.Shell
{
    /// <summary><c>ioappend PATH TEXT...</c>: <c>File.AppendAllText</c> through Cosmos's VFS.</summary>
    public sealed class SystemIoAppendCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "ioappend";

        /// <inheritdoc />
        public string Usage => "ioappend PATH TEXT...";

        /// <inheritdoc />
        public string Summary => "append through System.IO (File.AppendAllText of TEXT and a newline)";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            string text = SystemIoText.Line(args, 1, Usage);
            string path = SystemIoPaths.ToCosmos(session, args[0]);
            try
            {
                File.AppendAllText(path, text);
            }
            catch (Exception e)
            {
                throw SystemIoPaths.Failure(path, e);
            }
        }
    }
}
