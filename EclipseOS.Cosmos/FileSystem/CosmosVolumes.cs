using System.Collections.Generic;
using EclipseOS.Storage;
using EclipseOS.Storage.Partitions;

namespace EclipseOS.Cosmos.FileSystem
{
    /// <summary>
    /// Which EclipseFS volumes Cosmos's VFS mounted where: Cosmos names volumes <c>0:\</c>,
    /// <c>1:\</c> … in the order it finds them, and the shell's System.IO commands need the one
    /// holding a given partition (<c>vda2</c>), File.Move the filesystem behind a root path.
    /// Filled by <see cref="EclipseFsFileSystemFactory"/>.
    /// </summary>
    public static class CosmosVolumes
    {
        private static readonly List<IBlockDevice?> Disks = new List<IBlockDevice?>();
        private static readonly List<ulong> StartBlocks = new List<ulong>();
        private static readonly List<string> RootPaths = new List<string>();
        private static readonly List<EclipseFsFileSystem> FileSystems = new List<EclipseFsFileSystem>();

        /// <summary>
        /// Records that <paramref name="fileSystem"/>, the partition starting at
        /// <paramref name="startBlock"/> of <paramref name="disk"/> (null: not one of our disks),
        /// is mounted at <paramref name="rootPath"/>.
        /// </summary>
        public static void Add(IBlockDevice? disk, ulong startBlock, string rootPath, EclipseFsFileSystem fileSystem)
        {
            Disks.Add(disk);
            StartBlocks.Add(startBlock);
            RootPaths.Add(rootPath);
            FileSystems.Add(fileSystem);
        }

        /// <summary>Cosmos's root paths of the EclipseFS volumes it mounted (<c>1:\</c> …), in the order it mounted them.</summary>
        public static IReadOnlyList<string> Roots => RootPaths;

        /// <summary>Cosmos's root path (<c>0:\</c>) of the partition called <paramref name="partition"/>, or null when Cosmos did not mount it.</summary>
        public static string? RootPathOf(BlockDeviceManager devices, string partition)
        {
            if (!(devices.Find(partition) is PartitionBlockDevice found))
                return null;
            for (int i = 0; i < Disks.Count; i++)
            {
                if (Disks[i] == found.Parent && StartBlocks[i] == found.FirstLba)
                    return RootPaths[i];
            }
            return null;
        }

        /// <summary>The EclipseFS volume Cosmos mounted at the root <paramref name="rootPath"/> (<c>1:\</c>), or null.</summary>
        public static EclipseFsFileSystem? FileSystemAt(string rootPath)
        {
            for (int i = 0; i < RootPaths.Count; i++)
                if (RootPaths[i] == rootPath)
                    return FileSystems[i];
            return null;
        }
    }
}
