using System;
using System.Collections.Generic;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.Kernel.Core.Mounting;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary>
    /// <c>df</c>: size, used and free space of every mounted filesystem in KiB, like POSIX
    /// <c>df -k</c>. Used is everything not free, the filesystem's own structures included.
    /// </summary>
    public sealed class DfCommand : IShellCommand
    {
        private const ulong KiB = 1024;

        /// <inheritdoc />
        public string Name => "df";

        /// <inheritdoc />
        public string Usage => "df";

        /// <inheritdoc />
        public string Summary => "size, used and free space of each mounted filesystem (KiB)";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 0)
                throw new ShellException("usage: " + Usage);
            List<MountRecord> mounts = session.Kernel.Mounts;
            if (mounts.Count == 0)
            {
                session.Output.WriteLine(MountCommand.NothingMounted(session.Kernel));
                return;
            }
            var table = new List<string[]>();
            table.Add(new[] { "Filesystem", "1K-blocks", "Used", "Available", "Use%", "Mounted on" });
            var failures = new CommandFailures(session, Name);
            for (int i = 0; i < mounts.Count; i++)
            {
                MountRecord m = mounts[i];
                ulong total = m.FileSystem.TotalBytes;
                ulong free;
                try
                {
                    free = m.FileSystem.FreeBytes();
                }
                catch (Exception e)
                {
                    // No exception filter: IL2CPU mis-compiles them (EOS009).
                    if (!(e is VfsException) && !(e is EclipseFsException))
                        throw;
                    failures.Add(new ShellException(m.Path + ": " + e.Message));
                    continue;
                }
                ulong used = free < total ? total - free : 0;
                table.Add(new[] { m.Device, (total / KiB).ToString(), (used / KiB).ToString(), (free / KiB).ToString(), Percent(used, total), m.Path });
            }
            if (table.Count > 1)
                TextTable.Print(session.Output, table);
            failures.ThrowIfAny();
        }

        /// <summary>Used ÷ size rounded up, as df does: a filesystem with any byte used is never 0 %.</summary>
        private static string Percent(ulong used, ulong total)
        {
            if (total == 0)
                return "-";
            // IL2CPU divides exactly only by divisors below 2^32: both scale down until the size is one.
            while (total >= 0x1_0000_0000UL)
            {
                total >>= 1;
                used >>= 1;
            }
            uint divisor = (uint)total;
            return ((used * 100 + divisor - 1) / divisor).ToString() + "%";
        }
    }
}
