using System;
using System.IO;
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
        public override void SetName(string aName) => throw new NotSupportedException(mFullPath + ": cannot rename: EclipseFS is mounted read-only");

        /// <inheritdoc />
        public override void SetSize(long aSize) => throw new NotSupportedException(mFullPath + ": cannot resize: EclipseFS is mounted read-only");

        /// <inheritdoc />
        public override Stream GetFileStream()
        {
            if (mEntryType != DirectoryEntryTypeEnum.File)
                throw new IOException(mFullPath + ": not a file");
            return new EclipseFsFileStream(_fileSystem.Open(InternalPath));
        }

        /// <inheritdoc />
        public override long GetUsedSpace() => mSize;
    }
}
