using System.IO;
using EclipseOS.Hal;
using DirectoryEntry = Cosmos.System.FileSystem.Listing.DirectoryEntry;
using DirectoryEntryTypeEnum = Cosmos.System.FileSystem.Listing.DirectoryEntryTypeEnum;

namespace EclipseOS.Cosmos.FileSystem
{
    /// <summary>A file or directory of an <see cref="EclipseFsFileSystem"/>, remembering its path inside the volume.</summary>
    public sealed class EclipseFsDirectoryEntry : DirectoryEntry
    {
        private readonly EclipseFsFileSystem _fileSystem;

        /// <summary>Creates an entry; <paramref name="internalPath"/> is the volume path (<c>/etc/motd</c>).</summary>
        public EclipseFsDirectoryEntry(EclipseFsFileSystem fileSystem, DirectoryEntry? parent, string fullPath, string name, long size,
            DirectoryEntryTypeEnum type, string internalPath)
            : base(fileSystem, parent!, fullPath, name, size, type)
        {
            _fileSystem = fileSystem;
            InternalPath = internalPath;
        }

        /// <summary>The path inside the volume, with <c>/</c> separators.</summary>
        public string InternalPath { get; }

        /// <inheritdoc />
        public override void SetName(string aName)
        {
            var parent = mParent as EclipseFsDirectoryEntry;
            if (parent == null)
                throw new IOException(mFullPath + ": the root directory has no name to change");
            _fileSystem.Move(InternalPath, EclipseFsFileSystem.InternalChild(parent, aName), false);
        }

        /// <inheritdoc />
        public override void SetSize(long aSize)
        {
            if (SignedInt64.IsNegative(aSize))
                throw new IOException(mFullPath + ": a size cannot be negative");
            _fileSystem.Truncate(InternalPath, (ulong)aSize);
            mSize = aSize;
        }

        /// <inheritdoc />
        public override Stream GetFileStream()
        {
            if (mEntryType != DirectoryEntryTypeEnum.File)
                throw new IOException(mFullPath + ": not a file");
            return new EclipseFsFileStream(_fileSystem, _fileSystem.Open(InternalPath));
        }

        /// <inheritdoc />
        public override long GetUsedSpace() => mSize;
    }
}
