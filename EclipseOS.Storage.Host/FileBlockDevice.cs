using System;
using System.IO;

namespace EclipseOS.Storage.Host
{
    /// <summary>
    /// A disk image file as a block device. The block count is the file length divided by the
    /// block size (a trailing partial block is not addressable); every request is bounds-checked
    /// before it touches the file, a short read is an error rather than zeros, and
    /// <see cref="Flush"/> forces written data to stable storage (fsync).
    /// </summary>
    public sealed class FileBlockDevice : IBlockDevice, IDisposable
    {
        /// <summary>The usual logical block size of a disk image.</summary>
        public const int DefaultBlockSize = 512;

        private readonly FileStream _file;
        private readonly ulong _blockCount;

        /// <summary>Opens <paramref name="path"/> as a disk of <paramref name="blockSize"/>-byte blocks, read-only when asked.</summary>
        public FileBlockDevice(string path, int blockSize = DefaultBlockSize, bool readOnly = false)
        {
            if (blockSize <= 0 || (blockSize & (blockSize - 1)) != 0)
                throw new ArgumentOutOfRangeException(nameof(blockSize), "block size must be a power of two, was " + blockSize);
            Path = System.IO.Path.GetFullPath(path);
            BlockSize = blockSize;
            IsReadOnly = readOnly;
            Name = System.IO.Path.GetFileName(Path);
            _file = new FileStream(Path, FileMode.Open, readOnly ? FileAccess.Read : FileAccess.ReadWrite, readOnly ? FileShare.Read : FileShare.ReadWrite, 1, FileOptions.RandomAccess);
            _blockCount = (ulong)_file.Length / (ulong)blockSize;
        }

        /// <summary>Full path of the image.</summary>
        public string Path { get; }

        /// <inheritdoc />
        public string Name { get; set; }

        /// <inheritdoc />
        public int BlockSize { get; }

        /// <inheritdoc />
        public ulong BlockCount => _blockCount;

        /// <inheritdoc />
        public bool IsReadOnly { get; }

        /// <inheritdoc />
        public string Description => Path;

        /// <inheritdoc />
        public void Read(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.Check(this, lba, blockCount, buffer, offset);
            int length = blockCount * BlockSize;
            int done = 0;
            while (done < length)
            {
                int read;
                try
                {
                    read = RandomAccess.Read(_file.SafeFileHandle, buffer.AsSpan(offset + done, length - done), (long)lba * BlockSize + done);
                }
                catch (IOException e)
                {
                    throw new BlockDeviceException(Name, lba, "reading " + Path + ": " + e.Message);
                }
                if (read == 0)
                    throw new BlockDeviceException(Name, lba, Path + " ended after " + done + " of " + length + " bytes (the file shrank?)");
                done += read;
            }
        }

        /// <inheritdoc />
        public void Write(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.CheckWrite(this, lba, blockCount, buffer, offset);
            try
            {
                RandomAccess.Write(_file.SafeFileHandle, new ReadOnlySpan<byte>(buffer, offset, blockCount * BlockSize), (long)lba * BlockSize);
            }
            catch (IOException e)
            {
                throw new BlockDeviceException(Name, lba, "writing " + Path + ": " + e.Message);
            }
        }

        /// <inheritdoc />
        public void Flush()
        {
            if (IsReadOnly) return;
            try
            {
                _file.Flush(flushToDisk: true);
            }
            catch (IOException e)
            {
                throw new BlockDeviceException(Name, "flushing " + Path + ": " + e.Message);
            }
        }

        /// <summary>Closes the file.</summary>
        public void Dispose() => _file.Dispose();
    }
}
