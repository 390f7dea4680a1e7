using System.Collections.Generic;
using EclipseOS.Storage;
using EclipseOS.Storage.Partitions;

namespace EclipseOS.Cosmos.FileSystem
{
    /// <summary>
    /// Which of our partitions Cosmos's VFS mounted where: Cosmos names volumes <c>0:\</c>,
    /// <c>1:\</c> … in the order it finds them, and the shell's System.IO commands need the one
    /// holding a given partition (<c>vda2</c>). Filled by <see cref="EclipseFsFileSystemFactory"/>.
    /// </summary>
    public static class CosmosVolumes
    {
        private static readonly List<IBlockDevice> Disks = new List<IBlockDevice>();
        private static readonly List<ulong> StartBlocks = new List<ulong>();
        private static readonly List<string> RootPaths = new List<string>();

        /// <summary>Records that the partition starting at <paramref name="startBlock"/> of <paramref name="disk"/> is mounted at <paramref name="rootPath"/>.</summary>
        public static void Add(IBlockDevice disk, ulong startBlock, string rootPath)
        {
            Disks.Add(disk);
            StartBlocks.Add(startBlock);
            RootPaths.Add(rootPath);
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
    }
}
