using System;
using System.IO;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.Hal;

namespace EclipseOS.Cosmos.FileSystem
{
    /// <summary>
    /// A seekable <see cref="Stream"/> over an open EclipseFS file: read-write on a read-write
    /// volume. Each write and length change is one operation of the volume, durable when it
    /// returns, so <see cref="Flush"/> has nothing left to do. Errors are
    /// <see cref="IOException"/>s naming the Cosmos path.
    /// </summary>
    public sealed class EclipseFsFileStream : Stream
    {
        private readonly EclipseFsFileSystem _fileSystem;
        private readonly VfsFile _file;

        /// <summary>Streams <paramref name="file"/>, a file of <paramref name="fileSystem"/>.</summary>
        public EclipseFsFileStream(EclipseFsFileSystem fileSystem, VfsFile file)
        {
            _fileSystem = fileSystem;
            _file = file;
        }

        /// <inheritdoc />
        public override bool CanRead => true;

        /// <inheritdoc />
        public override bool CanSeek => true;

        /// <inheritdoc />
        public override bool CanWrite => _file.CanWrite;

        /// <inheritdoc />
        public override long Length => (long)_file.Length;

        /// <inheritdoc />
        public override long Position
        {
            get => (long)_file.Position;
            set => Seek(value, SeekOrigin.Begin);
        }

        /// <inheritdoc />
        public override int Read(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            return _file.Read(buffer, offset, count);
        }

        /// <inheritdoc />
        public override long Seek(long offset, SeekOrigin origin)
        {
            long start = origin == SeekOrigin.Begin ? 0 : origin == SeekOrigin.Current ? (long)_file.Position : (long)_file.Length;
            long target = start + offset;
            if (SignedInt64.IsNegative(target))
                throw new IOException(_file.Path + ": cannot seek before the start of the file");
            _file.Position = (ulong)target;
            return target;
        }

        /// <inheritdoc />
        public override void Flush()
        {
            // Every write is already durable when it returns.
        }

        /// <inheritdoc />
        public override void SetLength(long value)
        {
            if (SignedInt64.IsNegative(value))
                throw new IOException(_file.Path + ": a length cannot be negative");
            try
            {
                _file.SetLength((ulong)value);
            }
            catch (VfsException e)
            {
                throw _fileSystem.Translate(e);
            }
        }

        /// <inheritdoc />
        public override void Write(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            WriteChecked(buffer, offset, count);
        }

        /// <inheritdoc />
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            // Cosmos's FileStream hands spans on; the volume takes arrays.
            byte[] bytes = buffer.ToArray();
            WriteChecked(bytes, 0, bytes.Length);
        }

        private void WriteChecked(byte[] buffer, int offset, int count)
        {
            try
            {
                _file.Write(buffer, offset, count);
            }
            catch (VfsException e)
            {
                throw _fileSystem.Translate(e);
            }
        }

        private void CheckRange(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
                throw new ArgumentNullException(nameof(buffer));
            if (offset < 0 || count < 0 || count > buffer.Length - offset)
                throw new ArgumentOutOfRangeException(nameof(count), _file.Path + ": " + count + " bytes at offset " + offset + " do not fit a buffer of " + buffer.Length);
        }
    }
}
