namespace EclipseOS.Storage
{
    /// <summary>
    /// A filesystem's hook into the manager: it looks at a device or partition (usually its
    /// first blocks, for a magic number) and says whether it can mount it.
    /// </summary>
    public interface IFileSystemProbe
    {
        /// <summary>Filesystem name, e.g. <c>eclipsefs</c>.</summary>
        string FileSystemName { get; }

        /// <summary>
        /// Whether <paramref name="device"/> holds this filesystem. Must not throw for a device
        /// that holds something else or is too small; I/O errors may propagate.
        /// </summary>
        bool Probe(IBlockDevice device);
    }
}
