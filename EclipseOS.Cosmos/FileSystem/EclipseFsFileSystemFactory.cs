using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Volumes;
using EclipseOS.Storage;
using EclipseOS.Storage.Partitions;
using CosmosFileSystem = Cosmos.System.FileSystem.FileSystem;
using FileSystemFactory = Cosmos.System.FileSystem.FileSystemFactory;
using Partition = Cosmos.HAL.BlockDevice.Partition;

namespace EclipseOS.Cosmos.FileSystem
{
    /// <summary>
    /// EclipseFS for Cosmos's VFS (<c>System.IO</c> inside the kernel): claims a partition whose
    /// first bytes are the EclipseFS magic and version 2.0, and mounts it read-write through our
    /// own partition device and the shared <see cref="EclipseFsVolumes"/> — the kernel's shell
    /// and System.IO change one and the same volume. Register with
    /// <c>FileSystemManager.Register</c> before <c>VFSManager.RegisterVFS</c>.
    /// </summary>
    public sealed class EclipseFsFileSystemFactory : FileSystemFactory
    {
        private readonly BlockDeviceManager _devices;
        private readonly EclipseFsVolumes _volumes;

        /// <summary>A factory that finds partitions among <paramref name="devices"/> and opens their volumes in <paramref name="volumes"/>.</summary>
        public EclipseFsFileSystemFactory(BlockDeviceManager devices, EclipseFsVolumes volumes)
        {
            _devices = devices;
            _volumes = volumes;
        }

        /// <inheritdoc />
        public override string Name => "EclipseFS";

        /// <inheritdoc />
        public override bool IsType(Partition aDevice)
        {
            // The same magic-and-version check the kernel's block-device manager runs.
            return new EclipseFsProbe().Probe(new CosmosPartitionDevice(aDevice, "Cosmos partition"));
        }

        /// <inheritdoc />
        public override CosmosFileSystem Create(Partition aDevice, string aRootPath, long aSize)
        {
            CosmosDiskAdapter? adapter = aDevice.Host as CosmosDiskAdapter;
            PartitionBlockDevice? ours = adapter != null ? FindPartition(adapter.Disk, aDevice.StartingSector) : null;
            EclipseFsVolume volume = ours != null
                ? _volumes.Open(ours, true)
                // Not one of our disks: read through Cosmos, read-only.
                : _volumes.Open(new CosmosPartitionDevice(aDevice, aRootPath), false);
            var fileSystem = new EclipseFsFileSystem(aDevice, aRootPath, aSize, volume);
            CosmosVolumes.Add(adapter != null ? adapter.Disk : null, aDevice.StartingSector, aRootPath, fileSystem);
            return fileSystem;
        }

        /// <summary>Our partition device of <paramref name="disk"/> that starts at <paramref name="startBlock"/>, or null.</summary>
        private PartitionBlockDevice? FindPartition(IBlockDevice disk, ulong startBlock)
        {
            for (int i = 0; i < _devices.Disks.Count; i++)
            {
                RegisteredDisk registered = _devices.Disks[i];
                if (registered.Device != disk)
                    continue;
                for (int p = 0; p < registered.Partitions.Count; p++)
                    if (registered.Partitions[p].FirstLba == startBlock)
                        return registered.Partitions[p];
            }
            return null;
        }
    }
}
