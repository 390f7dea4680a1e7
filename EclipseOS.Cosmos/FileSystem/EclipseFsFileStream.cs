using System;
using System.IO;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.Hal;

namespace EclipseOS.Cosmos.FileSystem
{
    /// <summary>A read-only, seekable <see cref="Stream"/> over an open EclipseFS file.</summary>
    public sealed class EclipseFsFileStream : Stream
    {
        private readonly VfsFile _file;

        /// <summary>Streams <paramref name="file"/>.</summary>
        public EclipseFsFileStream(VfsFile file)
        {
            _file = file;
        }

        /// <inheritdoc />
        public override bool CanRead => true;

        /// <inheritdoc />
        public override bool CanSeek => true;

        /// <inheritdoc />
        public override bool CanWrite => false;

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
            if (buffer == null)
                throw new ArgumentNullException(nameof(buffer));
            if (offset < 0 || count < 0 || count > buffer.Length - offset)
                throw new ArgumentOutOfRangeException(nameof(count), _file.Path + ": " + count + " bytes at offset " + offset + " do not fit a buffer of " + buffer.Length);
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
            // Nothing is ever written.
        }

        /// <inheritdoc />
        public override void SetLength(long value) => throw new NotSupportedException(_file.Path + ": EclipseFS is mounted read-only");

        /// <inheritdoc />
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException(_file.Path + ": EclipseFS is mounted read-only");
    }
}
