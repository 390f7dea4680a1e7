namespace EclipseOS.EclipseFS.Vfs
{
    /// <summary>
    /// An open file, like a file descriptor: reads and (when opened for writing) writes at a
    /// position that moves on. Each write or length change is one operation of the filesystem,
    /// durable when it returns.
    /// </summary>
    public sealed class VfsFile
    {
        private readonly IFileSystem _fs;
        private readonly IWritableFileSystem? _writer;
        private readonly ulong _node;

        internal VfsFile(IFileSystem fs, ulong node, ulong length, string path, IWritableFileSystem? writer)
        {
            _fs = fs;
            _node = node;
            _writer = writer;
            Length = length;
            Path = path;
        }

        /// <summary>The file's size in bytes (as opened, then as this handle's writes left it).</summary>
        public ulong Length { get; private set; }
        /// <summary>Where the next read or write starts.</summary>
        public ulong Position { get; set; }
        /// <summary>The path the file was opened by (symlinks resolved).</summary>
        public string Path { get; }
        /// <summary>Whether the file was opened for writing (<see cref="MountTable.OpenForWrite"/>).</summary>
        public bool CanWrite => _writer != null;

        /// <summary>Reads up to <paramref name="count"/> bytes at <see cref="Position"/> and advances it; 0 at the end.</summary>
        public int Read(byte[] buffer, int offset, int count)
        {
            int n = _fs.Read(_node, Position, buffer, offset, count);
            Position += (ulong)n;
            return n;
        }

        /// <summary>Writes <paramref name="count"/> bytes at <see cref="Position"/> (a gap past the end reads as zeros) and advances it.</summary>
        public void Write(byte[] buffer, int offset, int count)
        {
            IWritableFileSystem writer = Writer();
            if (count == 0)
                return;
            try
            {
                writer.Write(_node, Position, buffer, offset, count);
            }
            catch (VfsException e)
            {
                // The filesystem names the node; the caller knows the file by its path.
                throw new VfsException(Path, e.Problem);
            }
            Position += (ulong)count;
            if (Position > Length)
                Length = Position;
        }

        /// <summary>Cuts the file to <paramref name="length"/> bytes or extends it with zeros; <see cref="Position"/> stays.</summary>
        public void SetLength(ulong length)
        {
            IWritableFileSystem writer = Writer();
            try
            {
                writer.Truncate(_node, length);
            }
            catch (VfsException e)
            {
                throw new VfsException(Path, e.Problem);
            }
            Length = length;
        }

        private IWritableFileSystem Writer()
        {
            if (_writer == null)
                throw new VfsException(Path, "not open for writing");
            return _writer;
        }
    }
}
