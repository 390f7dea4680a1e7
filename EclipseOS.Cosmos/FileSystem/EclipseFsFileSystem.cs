using System;
using System.Collections.Generic;
using System.IO;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Vfs;
using CosmosFileSystem = Cosmos.System.FileSystem.FileSystem;
using DirectoryEntry = Cosmos.System.FileSystem.Listing.DirectoryEntry;
using DirectoryEntryTypeEnum = Cosmos.System.FileSystem.Listing.DirectoryEntryTypeEnum;
using Partition = Cosmos.HAL.BlockDevice.Partition;

namespace EclipseOS.Cosmos.FileSystem
{
    /// <summary>
    /// A mounted EclipseFS volume as a Cosmos <see cref="CosmosFileSystem"/>: read-write when
    /// the volume is. Paths are resolved by the kernel's VFS code (<see cref="MountTable"/>),
    /// so symlinks work as in the shell; a symlink is listed as what it points to, a dangling
    /// one as Unknown. Every change is one operation of the volume, durable when it returns.
    /// Errors are <see cref="IOException"/>s naming the Cosmos path (<c>1:\etc\motd: exists</c>).
    /// </summary>
    public sealed class EclipseFsFileSystem : CosmosFileSystem
    {
        private readonly EclipseFsVolume _volume;
        private readonly MountTable _files = new MountTable();

        /// <summary>Wraps <paramref name="volume"/>, mounted from <paramref name="device"/> at <paramref name="rootPath"/> (e.g. <c>0:\</c>).</summary>
        public EclipseFsFileSystem(Partition device, string rootPath, long size, EclipseFsVolume volume)
            : base(device, rootPath, size)
        {
            _volume = volume;
            _files.Mount("/", volume, false);
        }

        /// <summary>
        /// Why the last delete failed (Cosmos's VFS swallows the exception of a delete, so a
        /// caller that finds the file still there can ask), or null.
        /// </summary>
        public string? LastDeleteFailure { get; private set; }

        /// <summary>Bytes free on the volume (<see cref="EclipseFsVolume.FreeBytes"/>): EclipseFS reserves none, so all are available.</summary>
        public override long AvailableFreeSpace => (long)_volume.FreeBytes();

        /// <summary>Bytes free on the volume, the same as <see cref="AvailableFreeSpace"/>.</summary>
        public override long TotalFreeSpace => (long)_volume.FreeBytes();

        /// <inheritdoc />
        public override string Type => "EclipseFS";

        /// <inheritdoc />
        public override string Label
        {
            get => "EclipseFS";
            set => throw new NotSupportedException(RootPath + ": EclipseFS has no volume label");
        }

        /// <summary>
        /// Opens the file at the filesystem-internal path <paramref name="path"/> (<c>/etc/motd</c>):
        /// for reading and writing on a read-write volume, for reading otherwise.
        /// </summary>
        public VfsFile Open(string path)
        {
            try
            {
                return _volume.IsReadOnly ? _files.Open(path) : _files.OpenForWrite(path, false, false);
            }
            catch (VfsException e)
            {
                throw Translate(e);
            }
        }

        /// <summary>Sets the length of the file at <paramref name="path"/>.</summary>
        public void Truncate(string path, ulong length)
        {
            try
            {
                _files.Truncate(path, length);
            }
            catch (VfsException e)
            {
                throw Translate(e);
            }
        }

        /// <summary>
        /// Moves <paramref name="from"/> to <paramref name="to"/> (internal paths); an existing
        /// target is replaced only with <paramref name="overwrite"/> (File.Move's rule).
        /// </summary>
        public void Move(string from, string to, bool overwrite)
        {
            if (!overwrite && _files.Exists(to))
                throw new IOException(CosmosPath(to) + ": exists");
            try
            {
                _files.Rename(from, to);
            }
            catch (VfsException e)
            {
                throw Translate(e);
            }
        }

        /// <summary>A VFS error as System.IO's kind, naming the Cosmos path instead of the path inside the volume.</summary>
        internal IOException Translate(VfsException e)
        {
            return new IOException(CosmosPath(e.Path) + ": " + e.Problem);
        }

        /// <summary>Cosmos's path of the volume path <paramref name="path"/>: <c>/etc/motd</c> → <c>1:\etc\motd</c>.</summary>
        private string CosmosPath(string path)
        {
            return path.Length > 0 && path[0] == '/' ? RootPath + path.Substring(1).Replace('/', '\\') : path;
        }

        /// <inheritdoc />
        public override void DisplayFileSystemInfo()
        {
            System.Console.WriteLine("EclipseFS " + (_volume.Superblock.Version >> 16) + "." + (_volume.Superblock.Version & 0xFFFF)
                + " at " + RootPath + ": " + _volume.Superblock.TotalInodes + " inodes, " + _volume.DeviceBytes + " bytes, "
                + (_volume.IsReadOnly ? "read-only (" + _volume.ReadOnlyReason + ")" : "read-write"));
        }

        /// <inheritdoc />
        public override DirectoryEntry GetRootDirectory()
        {
            return new EclipseFsDirectoryEntry(this, null, RootPath, RootPath, 0, DirectoryEntryTypeEnum.Directory, "/");
        }

        /// <inheritdoc />
        public override List<DirectoryEntry> GetDirectoryListing(DirectoryEntry baseDirectory)
        {
            var directory = (EclipseFsDirectoryEntry)baseDirectory;
            var listing = new List<DirectoryEntry>();
            List<VfsDirectoryEntry> children;
            try
            {
                children = _files.ReadDirectory(directory.InternalPath);
            }
            catch (VfsException e)
            {
                throw Translate(e);
            }
            for (int i = 0; i < children.Count; i++)
            {
                string name = children[i].Name;
                string internalPath = InternalChild(directory, name);
                DirectoryEntryTypeEnum type = DirectoryEntryTypeEnum.Unknown;
                long size = 0;
                try
                {
                    VfsStat st = _files.Stat(internalPath);
                    type = st.Type == VfsNodeType.Directory ? DirectoryEntryTypeEnum.Directory : DirectoryEntryTypeEnum.File;
                    size = (long)st.Size;
                }
                catch (VfsException)
                {
                    // A dangling or looping symlink: listed, but as nothing Cosmos can open.
                }
                listing.Add(new EclipseFsDirectoryEntry(this, directory, FullChild(directory, name), name, size, type, internalPath));
            }
            return listing;
        }

        /// <inheritdoc />
        public override DirectoryEntry CreateDirectory(DirectoryEntry aParentDirectory, string aNewDirectory)
        {
            var parent = (EclipseFsDirectoryEntry)aParentDirectory;
            string path = InternalChild(parent, aNewDirectory);
            try
            {
                _files.CreateDirectory(path, MountTable.DefaultDirectoryMode);
            }
            catch (VfsException e)
            {
                throw Translate(e);
            }
            return new EclipseFsDirectoryEntry(this, parent, FullChild(parent, aNewDirectory), aNewDirectory, 0, DirectoryEntryTypeEnum.Directory, path);
        }

        /// <inheritdoc />
        public override DirectoryEntry CreateFile(DirectoryEntry aParentDirectory, string aNewFile)
        {
            var parent = (EclipseFsDirectoryEntry)aParentDirectory;
            string path = InternalChild(parent, aNewFile);
            try
            {
                _files.CreateFile(path, MountTable.DefaultFileMode);
            }
            catch (VfsException e)
            {
                throw Translate(e);
            }
            return new EclipseFsDirectoryEntry(this, parent, FullChild(parent, aNewFile), aNewFile, 0, DirectoryEntryTypeEnum.File, path);
        }

        /// <inheritdoc />
        public override void DeleteDirectory(DirectoryEntry aPath)
        {
            LastDeleteFailure = null;
            try
            {
                _files.RemoveDirectory(((EclipseFsDirectoryEntry)aPath).InternalPath);
            }
            catch (VfsException e)
            {
                IOException error = Translate(e);
                LastDeleteFailure = error.Message;
                throw error;
            }
        }

        /// <inheritdoc />
        public override void DeleteFile(DirectoryEntry aPath)
        {
            LastDeleteFailure = null;
            try
            {
                _files.Unlink(((EclipseFsDirectoryEntry)aPath).InternalPath);
            }
            catch (VfsException e)
            {
                IOException error = Translate(e);
                LastDeleteFailure = error.Message;
                throw error;
            }
        }

        /// <inheritdoc />
        public override void Format(string aDriveFormat, bool aQuick) => throw new NotSupportedException(RootPath + ": formatting is eclipse mkfs's job, on the host");

        /// <summary>The internal path of <paramref name="name"/> in <paramref name="directory"/>.</summary>
        internal static string InternalChild(EclipseFsDirectoryEntry directory, string name)
        {
            return directory.InternalPath == "/" ? "/" + name : directory.InternalPath + "/" + name;
        }

        /// <summary>Cosmos's full path of <paramref name="name"/> in <paramref name="directory"/> (<c>1:\etc\motd</c>).</summary>
        private static string FullChild(EclipseFsDirectoryEntry directory, string name)
        {
            return directory.mFullPath.EndsWith("\\") ? directory.mFullPath + name : directory.mFullPath + "\\" + name;
        }
    }
}
