namespace EclipseOS.EclipseFS.Vfs
{
    /// <summary>One entry of a <see cref="MountTable"/>: which filesystem is mounted where, read-write or read-only.</summary>
    public sealed class VfsMount
    {
        internal VfsMount(string path, IFileSystem fileSystem, bool mountedReadOnly)
        {
            Path = path;
            FileSystem = fileSystem;
            MountedReadOnly = mountedReadOnly;
        }

        /// <summary>The mount point, canonical (<c>/</c>, <c>/mnt/x</c>).</summary>
        public string Path { get; }

        /// <summary>The mounted filesystem.</summary>
        public IFileSystem FileSystem { get; }

        /// <summary>Whether the mount was asked to be read-only (<c>mount -o ro</c>).</summary>
        public bool MountedReadOnly { get; }

        /// <summary>
        /// Whether changes through this mount are refused: asked for, a filesystem that cannot be
        /// written, or one that has become read-only (its device is, or failed).
        /// </summary>
        public bool IsReadOnly => ReadOnlyReason != null;

        /// <summary>Why changes are refused, or null while the mount is read-write.</summary>
        public string? ReadOnlyReason
        {
            get
            {
                if (MountedReadOnly)
                    return "mounted read-only";
                IWritableFileSystem? writable = FileSystem as IWritableFileSystem;
                if (writable == null)
                    return "a " + FileSystem.TypeName + " filesystem cannot be written";
                return writable.ReadOnlyReason;
            }
        }
    }
}
