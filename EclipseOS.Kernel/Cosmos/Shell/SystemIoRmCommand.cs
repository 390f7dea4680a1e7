using System;
using EclipseOS.Kernel.Core.Shell;
using File = System.IO.File;

namespace EclipseOS.Kernel.Cosmos.Shell
{
    /// <summary>
    /// <c>iorm PATH</c>: <c>File.Delete</c> through Cosmos's VFS. Cosmos's VFS drops a
    /// filesystem's error when it deletes, so the file is looked for afterwards.
    /// </summary>
    public sealed class SystemIoRmCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "iorm";

        /// <inheritdoc />
        public string Usage => "iorm PATH";

        /// <inheritdoc />
        public string Summary => "remove a file through System.IO (File.Delete)";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 1)
                throw new ShellException("usage: " + Usage);
            string path = SystemIoPaths.ToCosmos(session, args[0]);
            // Cosmos's File.Delete dereferences the entry it did not find.
            if (!File.Exists(path))
                throw new ShellException(path + ": no such file");
            try
            {
                File.Delete(path);
            }
            catch (Exception e)
            {
                throw SystemIoPaths.Failure(path, e);
            }
            if (File.Exists(path))
                throw new ShellException(path + ": still there after File.Delete: " + SystemIoPaths.DeleteFailure(path));
        }
    }
}
