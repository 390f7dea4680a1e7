using EclipseOS.Kernel.Core.Shell;
using File = System.IO.File;

namespace EclipseOS.Kernel.Cosmos.Shell
{
    /// <summary>
    /// <c>iocat PATH</c>: prints a file read with <c>System.IO.File.ReadAllText</c> through Cosmos's
    /// VFS and the EclipseFS plugin — line for line what <c>cat</c> prints through the kernel's VFS.
    /// </summary>
    public sealed class SystemIoCatCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "iocat";

        /// <inheritdoc />
        public string Usage => "iocat PATH";

        /// <inheritdoc />
        public string Summary => "cat through System.IO (File.ReadAllText on Cosmos's VFS)";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 1)
                throw new ShellException("usage: " + Usage);
            string text = File.ReadAllText(SystemIoPaths.ToCosmos(session, args[0]));
            int start = 0;
            while (start < text.Length)
            {
                int end = text.IndexOf('\n', start);
                if (end < 0)
                {
                    session.Output.WriteLine(text.Substring(start));
                    break;
                }
                session.Output.WriteLine(text.Substring(start, end - start));
                start = end + 1;
            }
        }
    }
}
