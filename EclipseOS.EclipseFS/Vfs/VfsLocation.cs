namespace EclipseOS.EclipseFS.Vfs
{
    /// <summary>Where a path led: a filesystem, a node in it, and the path with symlinks resolved.</summary>
    public sealed class VfsLocation
    {
        /// <summary>Creates a location.</summary>
        public VfsLocation(IFileSystem fileSystem, ulong node, string path)
        {
            FileSystem = fileSystem;
            Node = node;
            Path = path;
        }

        /// <summary>The filesystem holding the node.</summary>
        public IFileSystem FileSystem { get; }
        /// <summary>The node's number in <see cref="FileSystem"/>.</summary>
        public ulong Node { get; }
        /// <summary>The absolute path with <c>.</c>, <c>..</c> and symlinks resolved.</summary>
        public string Path { get; }
    }
}
