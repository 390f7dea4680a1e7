namespace EclipseOS.EclipseFS.Vfs
{
    /// <summary>
    /// A filesystem that can be changed. Every call is one operation that either happens
    /// completely or not at all, also across a power cut; when it returns, the change is
    /// durable (docs/eclipsefs-format.md §12). Errors are <see cref="VfsException"/>s naming the
    /// name or node and the problem (exists, not empty, no space …); a device failure makes the
    /// filesystem read-only and is reported as the device's own exception.
    /// </summary>
    public interface IWritableFileSystem : IFileSystem
    {
        /// <summary>Whether changes are refused (device read-only, mounted <c>ro</c>, or after a device error).</summary>
        bool IsReadOnly { get; }

        /// <summary>Why changes are refused (e.g. <c>the device vda is read-only</c>), or null while they are taken.</summary>
        string? ReadOnlyReason { get; }

        /// <summary>Creates an empty file <paramref name="name"/> in <paramref name="directory"/> with permission bits <paramref name="mode"/>; returns its node.</summary>
        ulong CreateFile(ulong directory, string name, uint mode);

        /// <summary>Creates an empty directory; returns its node.</summary>
        ulong CreateDirectory(ulong directory, string name, uint mode);

        /// <summary>Creates a symbolic link to <paramref name="target"/>; returns its node.</summary>
        ulong CreateSymlink(ulong directory, string name, string target);

        /// <summary>
        /// Writes <paramref name="count"/> bytes at <paramref name="position"/> of file
        /// <paramref name="node"/>; a position past the end first fills the gap with zeros.
        /// </summary>
        void Write(ulong node, ulong position, byte[] buffer, int offset, int count);

        /// <summary>Sets the length of file <paramref name="node"/>: cuts it, or extends it with zeros.</summary>
        void Truncate(ulong node, ulong length);

        /// <summary>Removes the file or symlink <paramref name="name"/> from <paramref name="directory"/>.</summary>
        void Unlink(ulong directory, string name);

        /// <summary>Removes the empty directory <paramref name="name"/> from <paramref name="directory"/>.</summary>
        void RemoveDirectory(ulong directory, string name);

        /// <summary>
        /// Moves <paramref name="fromName"/> in <paramref name="fromDirectory"/> to
        /// <paramref name="toName"/> in <paramref name="toDirectory"/>. An existing target file
        /// or symlink is replaced in the same operation; an existing target directory only when
        /// the source is a directory and the target is empty.
        /// </summary>
        void Rename(ulong fromDirectory, string fromName, ulong toDirectory, string toName);

        /// <summary>Changes the attributes <paramref name="change"/> names of <paramref name="node"/>.</summary>
        void SetAttributes(ulong node, VfsAttributeChange change);

        /// <summary>Makes everything written so far durable (every operation already is when it returns; this also flushes the device).</summary>
        void Sync();
    }

    /// <summary>Which attributes <see cref="IWritableFileSystem.SetAttributes"/> changes, and to what.</summary>
    public sealed class VfsAttributeChange
    {
        /// <summary>Whether <see cref="Mode"/> is set.</summary>
        public bool SetMode { get; set; }
        /// <summary>New permission bits (the type bits are kept).</summary>
        public uint Mode { get; set; }
        /// <summary>Whether <see cref="Uid"/> and <see cref="Gid"/> are set.</summary>
        public bool SetOwner { get; set; }
        /// <summary>New owner.</summary>
        public uint Uid { get; set; }
        /// <summary>New group.</summary>
        public uint Gid { get; set; }
        /// <summary>Whether <see cref="AccessTime"/> and <see cref="ModifyTime"/> are set.</summary>
        public bool SetTimes { get; set; }
        /// <summary>New access time, Unix seconds.</summary>
        public ulong AccessTime { get; set; }
        /// <summary>New modification time, Unix seconds.</summary>
        public ulong ModifyTime { get; set; }
    }
}
