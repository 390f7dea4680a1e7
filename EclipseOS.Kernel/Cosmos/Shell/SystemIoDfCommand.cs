using System;
using System.IO;
using EclipseOS.Hal;
using EclipseOS.Kernel.Core.Shell;

namespace EclipseOS.Kernel.Cosmos.Shell
{
    /// <summary>
    /// <c>iodf PATH</c>: <c>DriveInfo.AvailableFreeSpace</c> and <c>TotalFreeSpace</c> of the
    /// Cosmos volume holding PATH, in bytes — what <c>df</c> reports through the kernel's VFS,
    /// asked through Cosmos's.
    /// </summary>
    public sealed class SystemIoDfCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "iodf";

        /// <inheritdoc />
        public string Usage => "iodf PATH";

        /// <inheritdoc />
        public string Summary => "free bytes of PATH's volume through System.IO (DriveInfo)";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 1)
                throw new ShellException("usage: " + Usage);
            string path = SystemIoPaths.ToCosmos(session, args[0]);
            // ToCosmos always gives a path on a volume.
            string drive = SystemIoPaths.DriveOf(path)!;
            try
            {
                var info = new DriveInfo(drive);
                session.Output.WriteLine(drive + " available " + SignedInt64.Format(info.AvailableFreeSpace) + " bytes, free " + SignedInt64.Format(info.TotalFreeSpace) + " bytes");
            }
            catch (Exception e)
            {
                throw SystemIoPaths.Failure(drive, e);
            }
        }
    }
}
