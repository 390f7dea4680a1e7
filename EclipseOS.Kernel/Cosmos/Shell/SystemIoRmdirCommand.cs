using System;
using EclipseOS.Kernel.Core.Shell;
using Directory = System.IO.Directory;

namespace EclipseOS.Kernel.Cosmos.Shell
{
    /// <summary>
    /// <c>iormdir PATH</c>: <c>Directory.Delete</c> (not recursive) through Cosmos's VFS; looked
    /// for afterwards, since Cosmos's VFS drops a filesystem's error when it deletes.
    /// </summary>
    public sealed class SystemIoRmdirCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "iormdir";

        /// <inheritdoc />
        public string Usage => "iormdir PATH";

        /// <inheritdoc />
        public string Summary => "remove an empty directory through System.IO (Directory.Delete)";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 1)
                throw new ShellException("usage: " + Usage);
            string path = SystemIoPaths.ToCosmos(session, args[0]);
            if (!Directory.Exists(path))
                throw new ShellException(path + ": no such directory");
            try
            {
                Directory.Delete(path);
            }
            catch (Exception e)
            {
                throw SystemIoPaths.Failure(path, e);
            }
            if (Directory.Exists(path))
                throw new ShellException(path + ": still there after Directory.Delete: " + SystemIoPaths.DeleteFailure(path));
        }
    }
}
