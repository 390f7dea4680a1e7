using System;
using EclipseOS.Kernel.Core;
using EclipseOS.Kernel.Core.Mounting;
using EclipseOS.Kernel.Core.Shell;
using EclipseOS.Cosmos.FileSystem;

namespace EclipseOS.Kernel.Cosmos.Shell
{
    /// <summary>
    /// Turns a shell path into the path System.IO knows it by inside Cosmos: the mount the path
    /// lies on (the longest mount point before it) gives the partition, Cosmos's volume of that
    /// partition the root (<c>/etc/motd</c> → <c>1:\etc\motd</c>, <c>/mnt/x/a</c> → <c>2:\a</c>).
    /// </summary>
    internal static class SystemIoPaths
    {
        /// <summary>The Cosmos path of <paramref name="path"/> (relative to the working directory), or a <see cref="ShellException"/> saying why there is none.</summary>
        public static string ToCosmos(ShellSession session, string path)
        {
            KernelContext kernel = session.Kernel;
            if (kernel.Root == null)
                throw new ShellException("no root filesystem is mounted (dmesg says why)");
            string absolute = session.Absolute(path);
            MountRecord? mount = null;
            for (int i = 0; i < kernel.Mounts.Count; i++)
            {
                MountRecord m = kernel.Mounts[i];
                if (Below(absolute, m.Path) && (mount == null || m.Path.Length > mount.Path.Length))
                    mount = m;
            }
            if (mount == null)
                mount = kernel.Root;
            string? root = CosmosVolumes.RootPathOf(kernel.Devices, mount.Device);
            if (root == null)
                throw new ShellException("System.IO cannot reach " + mount.Device + " (mounted at " + mount.Path + "): Cosmos's VFS mounts only partitions of partitioned disks");
            string inside = mount.Path == "/" ? absolute.Substring(1) : absolute.Length > mount.Path.Length ? absolute.Substring(mount.Path.Length + 1) : "";
            return root + inside.Replace('/', '\\');
        }

        /// <summary>
        /// A System.IO error as the command's failure, naming <paramref name="cosmosPath"/> when
        /// the message does not already (Cosmos's own messages often do not: "Directory is not empty").
        /// </summary>
        public static ShellException Failure(string cosmosPath, Exception error)
        {
            string message = EclipseOS.Kernel.Core.Shell.Shell.OneLine(error.Message);
            return new ShellException(message.StartsWith(cosmosPath, StringComparison.Ordinal) ? message : cosmosPath + ": " + message);
        }

        /// <summary>
        /// Why the last delete on the EclipseFS volume holding <paramref name="cosmosPath"/> failed
        /// (Cosmos's VFS swallows it), or a note that nobody said.
        /// </summary>
        public static string DeleteFailure(string cosmosPath)
        {
            string? drive = DriveOf(cosmosPath);
            EclipseFsFileSystem? fileSystem = drive != null ? CosmosVolumes.FileSystemAt(drive) : null;
            string? failure = fileSystem != null ? fileSystem.LastDeleteFailure : null;
            return failure ?? "Cosmos's VFS gave no reason";
        }

        /// <summary>The root of the Cosmos volume <paramref name="cosmosPath"/> lies on (<c>1:\a\b</c> → <c>1:\</c>), or null for a path without one.</summary>
        public static string? DriveOf(string cosmosPath)
        {
            int colon = cosmosPath.IndexOf(':');
            return colon > 0 ? cosmosPath.Substring(0, colon + 1) + "\\" : null;
        }

        /// <summary>Whether <paramref name="path"/> is the mount point <paramref name="mountPoint"/> or lies below it (lexically).</summary>
        private static bool Below(string path, string mountPoint)
        {
            if (mountPoint == "/" || path == mountPoint)
                return true;
            return path.Length > mountPoint.Length && path[mountPoint.Length] == '/' && path.Substring(0, mountPoint.Length) == mountPoint;
        }
    }
}
