using EclipseOS.EclipseFS.Vfs;

namespace EclipseOS.Kernel.Core.Mounting
{
    /// <summary>One line of the <c>mount</c> table: which device's filesystem is mounted where.</summary>
    public sealed class MountRecord
    {
        /// <summary>Creates a record.</summary>
        public MountRecord(string device, string path, IFileSystem fileSystem)
        {
            Device = device;
            Path = path;
            FileSystem = fileSystem;
        }

        /// <summary>Device name, e.g. <c>vda2</c>.</summary>
        public string Device { get; }

        /// <summary>Mount point, e.g. <c>/</c>.</summary>
        public string Path { get; }

        /// <summary>The mounted filesystem.</summary>
        public IFileSystem FileSystem { get; }

        /// <summary>Filesystem type, e.g. <c>eclipsefs</c>.</summary>
        public string FileSystemType => FileSystem.TypeName;
    }
}
