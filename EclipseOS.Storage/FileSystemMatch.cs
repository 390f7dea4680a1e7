namespace EclipseOS.Storage
{
    /// <summary>A device or partition a filesystem probe claimed.</summary>
    public sealed class FileSystemMatch
    {
        /// <summary>Creates a match.</summary>
        public FileSystemMatch(IBlockDevice device, IFileSystemProbe probe)
        {
            Device = device;
            Probe = probe;
        }

        /// <summary>The device or partition holding the filesystem.</summary>
        public IBlockDevice Device { get; }

        /// <summary>The probe that recognised it.</summary>
        public IFileSystemProbe Probe { get; }
    }
}
