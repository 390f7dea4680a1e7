using System.Collections.Generic;

namespace EclipseOS.EclipseFS.Vfs
{
    /// <summary>
    /// What the VFS needs from a mounted filesystem: nodes named by a number, looked up one
    /// name at a time. Path walking, symlinks and mount points are the <see cref="MountTable"/>'s
    /// job, so a filesystem never sees a path. Errors are <see cref="VfsException"/>s or the
    /// filesystem's own exceptions (an <see cref="EclipseFsException"/> for a bad image).
    /// </summary>
    public interface IFileSystem
    {
        /// <summary>Filesystem type, e.g. <c>eclipsefs</c>.</summary>
        string TypeName { get; }

        /// <summary>The root directory's node.</summary>
        ulong RootNode { get; }

        /// <summary>The child called <paramref name="name"/> of directory <paramref name="directory"/>, or 0 when there is none.</summary>
        ulong Lookup(ulong directory, string name);

        /// <summary>Metadata of <paramref name="node"/> (symlinks are not followed).</summary>
        VfsStat Stat(ulong node);

        /// <summary>The children of directory <paramref name="directory"/>, without <c>.</c> and <c>..</c>.</summary>
        List<VfsDirectoryEntry> ReadDirectory(ulong directory);

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes of file <paramref name="node"/> from
        /// <paramref name="position"/> into <paramref name="buffer"/>; returns the bytes read (0 at the end).
        /// </summary>
        int Read(ulong node, ulong position, byte[] buffer, int offset, int count);

        /// <summary>The target of symlink <paramref name="node"/>.</summary>
        string ReadLink(ulong node);

        /// <summary>Bytes the filesystem spans (its device or partition).</summary>
        ulong TotalBytes { get; }

        /// <summary>
        /// Bytes no node and no structure of the filesystem uses. Throws a
        /// <see cref="VfsException"/> saying why when the filesystem cannot tell.
        /// </summary>
        ulong FreeBytes();
    }
}
