using EclipseOS.Storage;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary>What the device commands share: finding a device by name and the driver statistics of the disk it is on.</summary>
    internal static class DeviceArguments
    {
        /// <summary>
        /// Largest single request the device commands make: 4 MiB, so a driver that queues (AHCI's
        /// NCQ, NVMe, virtio) has several commands in flight at once.
        /// </summary>
        public const int MaxRequestBytes = 4 << 20;

        /// <summary>The device or partition called <paramref name="name"/>, or a <see cref="ShellException"/> pointing at lsblk.</summary>
        public static IBlockDevice Find(ShellSession session, string name)
        {
            IBlockDevice? device = session.Kernel.Devices.Find(name);
            if (device == null)
                throw new ShellException("no device '" + name + "' (lsblk lists them)");
            return device;
        }

        /// <summary>Blocks per request: as many whole blocks as fit <see cref="MaxRequestBytes"/> (at least one).</summary>
        public static int BlocksPerRequest(IBlockDevice device)
        {
            int blocks = MaxRequestBytes / device.BlockSize;
            return blocks < 1 ? 1 : blocks;
        }

        /// <summary>"completion IRQ 11, 42 interrupts" for the disk <paramref name="device"/> is (or is a partition of), or "" when its driver does not say.</summary>
        public static string Completion(ShellSession session, IBlockDevice device)
        {
            ICompletionStatistics? statistics = DiskOf(session, device) as ICompletionStatistics;
            return statistics == null ? "" : "completion " + statistics.Completion + ", " + statistics.Interrupts + " interrupts";
        }

        private static IBlockDevice DiskOf(ShellSession session, IBlockDevice device)
        {
            var disks = session.Kernel.Devices.Disks;
            for (int i = 0; i < disks.Count; i++)
            {
                if (disks[i].Device == device)
                    return device;
                for (int p = 0; p < disks[i].Partitions.Count; p++)
                {
                    if (disks[i].Partitions[p] == device)
                        return disks[i].Device;
                }
            }
            return device;
        }

        /// <summary>Parses a decimal or 0x-hex number argument, or throws naming it.</summary>
        public static ulong Number(string text, string what) => HexdumpCommand.ParseNumber(text, what);
    }
}
