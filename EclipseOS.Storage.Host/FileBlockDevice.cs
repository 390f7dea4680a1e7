using System;
using System.IO;
using System.Threading;

namespace EclipseOS.Storage.Host
{
    /// <summary>
    /// A disk image file as a block device. Every request is bounds-checked before it touches the
    /// file, and <see cref="Flush"/> forces written data to stable storage (fsync).
    /// </summary>
    /// <remarks>
    /// <para>
    /// A file whose length is not a multiple of the block size (the original EclipseFS writer
    /// stops right after its last record) is served as QEMU serves it to a guest: the partial last
    /// block is a whole block whose missing tail reads as zeros, so the block count is the file
    /// length rounded up. Reading never changes the file.
    /// </para>
    /// <para>
    /// Writing that padded last block writes all of it, so the file grows to the whole block (as
    /// QEMU's raw files do); the device's size does not change. Writes elsewhere leave the length
    /// alone.
    /// </para>
    /// <para>
    /// Bytes before the end the file had when opened (or after a write of the last block) must be
    /// in the file: a file that shrank underneath the device makes a read fail rather than return
    /// zeros.
    /// </para>
    /// </remarks>
    public sealed class FileBlockDevice : IBlockDevice, IDisposable
    {
        /// <summary>The usual logical block size of a disk image.</summary>
        public const int DefaultBlockSize = 512;

        private readonly FileStream _file;
        private readonly ulong _blockCount;

        /// <summary>
        /// How many bytes of the device the file holds: its length at open, or the whole device
        /// once the padded last block has been written. Reads beyond it are the zero padding.
        /// </summary>
        private long _fileBytes;

        /// <summary>
        /// Opens <paramref name="path"/> as a disk of <paramref name="blockSize"/>-byte blocks, read-only when asked.
        /// <paramref name="exclusive"/> takes the file for this device alone (an exclusive
        /// <c>flock</c> on Unix): opening it again — also read-only — fails while this device is
        /// open, so two writers can never change one image at once.
        /// </summary>
        public FileBlockDevice(string path, int blockSize = DefaultBlockSize, bool readOnly = false, bool exclusive = false)
        {
            if (blockSize <= 0 || (blockSize & (blockSize - 1)) != 0)
                throw new ArgumentOutOfRangeException(nameof(blockSize), "block size must be a power of two, was " + blockSize);
            Path = System.IO.Path.GetFullPath(path);
            BlockSize = blockSize;
            IsReadOnly = readOnly;
            Name = System.IO.Path.GetFileName(Path);
            _file = new FileStream(Path, FileMode.Open, readOnly ? FileAccess.Read : FileAccess.ReadWrite, exclusive ? FileShare.None : readOnly ? FileShare.Read : FileShare.ReadWrite, 1, FileOptions.RandomAccess);
            _fileBytes = _file.Length;
            _blockCount = ((ulong)_fileBytes + (ulong)blockSize - 1) / (ulong)blockSize;
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
            long start = (long)lba * BlockSize;
            // Only the padded last block can reach past the file's end, so what lies beyond it is
            // less than one block and the rest of the request comes from the file.
            int inFile = (int)Math.Min(length, Math.Max(0, Volatile.Read(ref _fileBytes) - start));
            buffer.AsSpan(offset + inFile, length - inFile).Clear();
            int done = 0;
            while (done < inFile)
            {
                int read;
                try
                {
                    read = RandomAccess.Read(_file.SafeFileHandle, buffer.AsSpan(offset + done, inFile - done), start + done);
                }
                catch (IOException e)
                {
                    throw new BlockDeviceException(Name, lba, "reading " + Path + ": " + e.Message);
                }
                if (read == 0)
                    throw new BlockDeviceException(Name, lba, Path + " ended after " + done + " of " + inFile + " bytes (the file shrank?)");
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
            // A write of the last block wrote it whole, so the file now holds the whole device and
            // later reads of that block must come from the file, not the padding.
            if (lba + (ulong)blockCount == _blockCount)
                Volatile.Write(ref _fileBytes, (long)(_blockCount * (ulong)BlockSize));
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
