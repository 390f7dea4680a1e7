using EclipseOS.EclipseFS;
using CosmosFileSystem = Cosmos.System.FileSystem.FileSystem;
using FileSystemFactory = Cosmos.System.FileSystem.FileSystemFactory;
using Partition = Cosmos.HAL.BlockDevice.Partition;

namespace EclipseOS.Cosmos.FileSystem
{
    /// <summary>
    /// EclipseFS for Cosmos's VFS (<c>System.IO</c> inside the kernel): claims a partition whose
    /// first bytes are the EclipseFS magic and version 2.0, and mounts it read-only with our reader.
    /// Register with <c>FileSystemManager.Register</c> before <c>VFSManager.RegisterVFS</c>.
    /// </summary>
    public sealed class EclipseFsFileSystemFactory : FileSystemFactory
    {
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
            EclipseFsVolume volume = EclipseFsVolume.Mount(new CosmosPartitionDevice(aDevice, aRootPath));
            if (aDevice.Host is CosmosDiskAdapter adapter)
                CosmosVolumes.Add(adapter.Disk, aDevice.StartingSector, aRootPath);
            return new EclipseFsFileSystem(aDevice, aRootPath, aSize, volume);
        }
    }
}
