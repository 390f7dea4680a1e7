using System;
using EclipseOS.EclipseFS.Volumes;
using EclipseOS.Hal;
using EclipseOS.Storage;
using EclipseOS.Storage.Partitions;
using CosmosBlockDevice = Cosmos.HAL.BlockDevice.BlockDevice;
using CosmosVFS = Cosmos.System.FileSystem.CosmosVFS;
using FileSystemManager = Cosmos.System.FileSystem.VFS.FileSystemManager;
using VFSManager = Cosmos.System.FileSystem.VFS.VFSManager;

namespace EclipseOS.Cosmos.FileSystem
{
    /// <summary>
    /// Makes our disks and EclipseFS visible to <c>System.IO</c> inside the kernel: each
    /// partitioned disk our drivers registered is added to Cosmos's block-device list, the
    /// EclipseFS factory is registered, and then Cosmos's VFS is started (it scans the
    /// partition tables itself and offers each partition to the factories). Disks without a
    /// partition table (a bare image, the simulated RAM disk) stay reachable through the shell
    /// only: Cosmos's VFS mounts partitions, not whole disks.
    /// </summary>
    public static class CosmosVfsBridge
    {
        /// <summary>
        /// Registers the disks and the factory, then the VFS; logs what it did or why it could
        /// not. EclipseFS partitions are opened in <paramref name="volumes"/>, so a volume the
        /// kernel has mounted too is changed through one <see cref="EclipseOS.EclipseFS.EclipseFsVolume"/>.
        /// </summary>
        public static void Start(BlockDeviceManager devices, EclipseFsVolumes volumes, ILog log)
        {
            int exposed = 0;
            for (int i = 0; i < devices.Disks.Count; i++)
            {
                RegisteredDisk disk = devices.Disks[i];
                if (disk.DeviceClass == DeviceClass.Atapi || disk.DeviceClass == DeviceClass.SataAtapi || disk.Table.Scheme == PartitionScheme.None)
                    continue;
                CosmosBlockDevice.Devices.Add(new CosmosDiskAdapter(disk.Device));
                exposed++;
            }
            // The factory must be known before the VFS starts: RegisterVFS mounts at once.
            FileSystemManager.Register(new EclipseFsFileSystemFactory(devices, volumes));
            if (exposed == 0)
            {
                log.WriteLine("[KERNEL] System.IO: no partitioned disk to offer Cosmos's VFS");
                return;
            }
            try
            {
                VFSManager.RegisterVFS(new CosmosVFS(), false);
                log.WriteLine("[KERNEL] System.IO: Cosmos VFS started over " + exposed + " disk(s), EclipseFS registered");
                for (int i = 0; i < CosmosVolumes.Roots.Count; i++)
                    log.WriteLine("[KERNEL] System.IO: EclipseFS volume at " + CosmosVolumes.Roots[i]);
            }
            catch (Exception e)
            {
                log.WriteLine("[KERNEL] System.IO: Cosmos VFS failed to start: " + e.Message);
            }
        }
    }
}
