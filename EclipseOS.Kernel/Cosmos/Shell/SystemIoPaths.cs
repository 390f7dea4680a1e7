using EclipseOS.Kernel.Core;
using EclipseOS.Kernel.Core.Shell;
using EclipseOS.Cosmos.FileSystem;

namespace EclipseOS.Kernel.Cosmos.Shell
{
    /// <summary>Turns a shell path on the root filesystem into the path System.IO knows it by inside Cosmos (<c>/etc/motd</c> → <c>0:\etc\motd</c>).</summary>
    internal static class SystemIoPaths
    {
        /// <summary>The Cosmos path of <paramref name="path"/> (relative to the working directory), or a <see cref="ShellException"/> saying why there is none.</summary>
        public static string ToCosmos(ShellSession session, string path)
        {
            KernelContext kernel = session.Kernel;
            if (kernel.Root == null)
                throw new ShellException("no root filesystem is mounted (dmesg says why)");
            string? root = CosmosVolumes.RootPathOf(kernel.Devices, kernel.Root.Device);
            if (root == null)
                throw new ShellException("System.IO cannot reach the root " + kernel.Root.Device + ": Cosmos's VFS mounts only partitions of partitioned disks");
            string absolute = session.Absolute(path);
            return root + absolute.Substring(1).Replace('/', '\\');
        }
    }
}
