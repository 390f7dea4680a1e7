using System;
using System.Collections.Generic;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Vfs;
using CosmosFileSystem = Cosmos.System.FileSystem.FileSystem;
using DirectoryEntry = Cosmos.System.FileSystem.Listing.DirectoryEntry;
using DirectoryEntryTypeEnum = Cosmos.System.FileSystem.Listing.DirectoryEntryTypeEnum;
using Partition = Cosmos.HAL.BlockDevice.Partition;

namespace EclipseOS.Cosmos.FileSystem
{
    /// <summary>
    /// A mounted EclipseFS volume as a Cosmos <see cref="CosmosFileSystem"/>, read-only. Paths are
    /// resolved by the kernel's VFS code (<see cref="MountTable"/>), so symlinks work as in the
    /// shell; a symlink is listed as what it points to, a dangling one as Unknown.
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
            _files.Mount("/", volume);
        }

        /// <inheritdoc />
        public override long AvailableFreeSpace => 0;

        /// <inheritdoc />
        public override long TotalFreeSpace => 0;

        /// <inheritdoc />
        public override string Type => "EclipseFS";

        /// <inheritdoc />
        public override string Label
        {
            get => "EclipseFS";
            set => throw ReadOnly("set the label");
        }

        /// <summary>Opens the file at the filesystem-internal path <paramref name="path"/> (<c>/etc/motd</c>).</summary>
        public VfsFile Open(string path) => _files.Open(path);

        /// <inheritdoc />
        public override void DisplayFileSystemInfo()
        {
            System.Console.WriteLine("EclipseFS " + (_volume.Superblock.Version >> 16) + "." + (_volume.Superblock.Version & 0xFFFF)
                + " at " + RootPath + ": " + _volume.Superblock.TotalInodes + " inodes, " + _volume.DeviceBytes + " bytes, read-only");
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
            List<VfsDirectoryEntry> children = _files.ReadDirectory(directory.InternalPath);
            for (int i = 0; i < children.Count; i++)
            {
                string name = children[i].Name;
                string internalPath = directory.InternalPath == "/" ? "/" + name : directory.InternalPath + "/" + name;
                string fullPath = directory.mFullPath.EndsWith("\\") ? directory.mFullPath + name : directory.mFullPath + "\\" + name;
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
                listing.Add(new EclipseFsDirectoryEntry(this, directory, fullPath, name, size, type, internalPath));
            }
            return listing;
        }

        /// <inheritdoc />
        public override DirectoryEntry CreateDirectory(DirectoryEntry aParentDirectory, string aNewDirectory) => throw ReadOnly("create " + aNewDirectory);

        /// <inheritdoc />
        public override DirectoryEntry CreateFile(DirectoryEntry aParentDirectory, string aNewFile) => throw ReadOnly("create " + aNewFile);

        /// <inheritdoc />
        public override void DeleteDirectory(DirectoryEntry aPath) => throw ReadOnly("delete " + aPath.mFullPath);

        /// <inheritdoc />
        public override void DeleteFile(DirectoryEntry aPath) => throw ReadOnly("delete " + aPath.mFullPath);

        /// <inheritdoc />
        public override void Format(string aDriveFormat, bool aQuick) => throw ReadOnly("format");

        private NotSupportedException ReadOnly(string what)
        {
            return new NotSupportedException(RootPath + ": cannot " + what + ": EclipseFS is mounted read-only");
        }
    }
}
