using EclipseOS.EclipseFS.Integrity;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS
{
    /// <summary>
    /// Byte-addressed reads and writes of the filesystem's block device. Small metadata reads go through
    /// a small LRU block cache; the block-aligned middle of a large read goes to the device as
    /// multi-block requests straight into the caller's buffer, so a file's contiguous bytes
    /// are read with few, large requests.
    /// </summary>
    internal sealed class ImageReader
    {
        /// <summary>Reads of at least this many whole blocks bypass the cache.</summary>
        private const int DirectReadMinBlocks = 4;
        /// <summary>Largest single device request (bytes); bounds what one call asks of a driver.</summary>
        private const int MaxRequestBytes = 4 * 1024 * 1024;

        /// <summary>
        /// Metadata is cached in lines of this many bytes (whole blocks): records are small and
        /// packed, so one request serves several of them instead of one request per block.
        /// </summary>
        public const int DefaultLineBytes = 16 * 1024;

        private readonly IBlockDevice _device;
        private readonly int _blockSize;
        private readonly int _lineBlocks;
        private readonly int _lineBytes;
        private readonly LruCache<byte[]> _lines;
        private readonly byte[] _scratch = new byte[4];
        private byte[]? _edgeBlock;
        private byte[]? _spareLine;

        public ImageReader(IBlockDevice device, int cachedBlocks) : this(device, cachedBlocks, DefaultLineBytes)
        {
        }

        /// <summary>
        /// A reader with cache lines of <paramref name="lineBytes"/>; fsck, which scans the image
        /// front to back, uses 1 MiB lines so the whole scan takes few, large requests.
        /// </summary>
        public ImageReader(IBlockDevice device, int cachedBlocks, int lineBytes)
        {
            _device = device;
            _blockSize = device.BlockSize;
            if (_blockSize <= 0)
                throw new EclipseFsException(0, "device", EclipseFsException.NoOffset, device.Name + " reports block size " + _blockSize);
            Length = device.BlockCount * (ulong)_blockSize;
            _lineBlocks = _blockSize >= lineBytes ? 1 : lineBytes / _blockSize;
            _lineBytes = _lineBlocks * _blockSize;
            int lines = cachedBlocks / _lineBlocks;
            if (lines < 4) lines = 4;
            _lines = new LruCache<byte[]>(lines, (ulong)lines * (ulong)_lineBytes);
        }

        /// <summary>Bytes of the filesystem (the device or partition).</summary>
        public ulong Length { get; }

        public IBlockDevice Device => _device;

        /// <summary>Whether <paramref name="count"/> bytes from <paramref name="pos"/> lie inside the filesystem.</summary>
        public bool Contains(ulong pos, ulong count) => pos <= Length && count <= Length - pos;

        /// <summary>Reads bytes; a range outside the filesystem is an <see cref="EclipseFsException"/>.</summary>
        public void Read(ulong pos, byte[] dst, int offset, int count)
        {
            if (!Contains(pos, (ulong)count))
                throw new EclipseFsException(0, "read", pos, count + " bytes from here run past the end of the filesystem (" + Length + " bytes)");
            uint bs = (uint)_blockSize;
            // A large read (file content) takes its partial first and last blocks one block at a
            // time and the middle straight into the caller's buffer: caching 16 KiB lines
            // around every file would double the bytes read for a tree of small files.
            bool large = count >= _blockSize * DirectReadMinBlocks;
            while (count > 0)
            {
                ulong lba = pos / bs;
                int inBlock = (int)(pos % bs);
                if (large && inBlock == 0 && count >= _blockSize)
                {
                    int blocks = count / _blockSize;
                    int maxBlocks = MaxRequestBytes / _blockSize;
                    if (maxBlocks < 1) maxBlocks = 1;
                    if (blocks > maxBlocks) blocks = maxBlocks;
                    _device.Read(lba, blocks, dst, offset);
                    int n = blocks * _blockSize;
                    pos += (ulong)n;
                    offset += n;
                    count -= n;
                    continue;
                }
                int take;
                if (large)
                {
                    if (_edgeBlock == null)
                        _edgeBlock = new byte[_blockSize];
                    _device.Read(lba, 1, _edgeBlock, 0);
                    take = _blockSize - inBlock;
                    if (take > count) take = count;
                    System.Array.Copy(_edgeBlock, inBlock, dst, offset, take);
                }
                else
                {
                    ulong lineStart = pos / (uint)_lineBytes * (uint)_lineBytes;
                    int inLine = (int)(pos - lineStart);
                    byte[] line = Line(lineStart / bs);
                    take = line.Length - inLine;
                    if (take > count) take = count;
                    System.Array.Copy(line, inLine, dst, offset, take);
                }
                pos += (ulong)take;
                offset += take;
                count -= take;
            }
        }

        /// <summary>
        /// Reads the whole blocks covering <paramref name="count"/> bytes from <paramref name="pos"/>
        /// into <paramref name="buffer"/> with one device request (for streaming checks that
        /// need no exact placement); returns where <paramref name="pos"/> landed in the buffer.
        /// The buffer must hold <paramref name="count"/> + 2 blocks.
        /// </summary>
        public int ReadCovering(ulong pos, int count, byte[] buffer)
        {
            if (!Contains(pos, (ulong)count))
                throw new EclipseFsException(0, "read", pos, count + " bytes from here run past the end of the filesystem (" + Length + " bytes)");
            uint bs = (uint)_blockSize;
            ulong first = pos / bs;
            ulong last = (pos + (ulong)count + bs - 1) / bs;
            int blocks = (int)(last - first);
            if ((ulong)blocks * bs > (ulong)buffer.Length)
                throw new EclipseFsException(0, "read", pos, "buffer of " + buffer.Length + " bytes cannot hold " + blocks + " blocks");
            if (blocks > 0)
                _device.Read(first, blocks, buffer, 0);
            return (int)(pos - first * bs);
        }

        /// <summary>
        /// Continues CRC <paramref name="state"/> over <paramref name="count"/> bytes from
        /// <paramref name="pos"/>, straight from the cache lines (no copy).
        /// </summary>
        public uint Crc(ICrc32C crc, uint state, ulong pos, ulong count)
        {
            if (!Contains(pos, count))
                throw new EclipseFsException(0, "read", pos, count + " bytes from here run past the end of the filesystem (" + Length + " bytes)");
            while (count > 0)
            {
                ulong lineStart = pos / (uint)_lineBytes * (uint)_lineBytes;
                int inLine = (int)(pos - lineStart);
                byte[] line = Line(lineStart / (ulong)_blockSize);
                int take = line.Length - inLine;
                if ((ulong)take > count) take = (int)count;
                state = crc.Append(state, line, inLine, take);
                pos += (ulong)take;
                count -= (ulong)take;
            }
            return state;
        }

        /// <summary>Bytes of one device block.</summary>
        public int BlockSize => _blockSize;

        /// <summary>
        /// Writes bytes through to the device and into any cached line that holds them (so reads
        /// never see stale metadata). Partial first and last blocks are read, merged and written
        /// back: records are packed with no alignment, so a block is often shared with a
        /// neighbour whose bytes go back unchanged.
        /// </summary>
        public void Write(ulong pos, byte[] src, int offset, int count)
        {
            if (!Contains(pos, (ulong)count))
                throw new EclipseFsException(0, "write", pos, count + " bytes from here run past the end of the filesystem (" + Length + " bytes)");
            UpdateCachedLines(pos, src, offset, count);
            uint bs = (uint)_blockSize;
            int maxBlocks = MaxRequestBytes / _blockSize;
            if (maxBlocks < 1) maxBlocks = 1;
            while (count > 0)
            {
                ulong lba = pos / bs;
                int inBlock = (int)(pos % bs);
                if (inBlock == 0 && count >= _blockSize)
                {
                    int blocks = count / _blockSize;
                    if (blocks > maxBlocks) blocks = maxBlocks;
                    _device.Write(lba, blocks, src, offset);
                    int n = blocks * _blockSize;
                    pos += (ulong)n;
                    offset += n;
                    count -= n;
                    continue;
                }
                if (_edgeBlock == null)
                    _edgeBlock = new byte[_blockSize];
                _device.Read(lba, 1, _edgeBlock, 0);
                int take = _blockSize - inBlock;
                if (take > count) take = count;
                System.Array.Copy(src, offset, _edgeBlock, inBlock, take);
                _device.Write(lba, 1, _edgeBlock, 0);
                pos += (ulong)take;
                offset += take;
                count -= take;
            }
        }

        /// <summary>Makes every write so far durable (the device's cache flush).</summary>
        public void Flush() => _device.Flush();

        private void UpdateCachedLines(ulong pos, byte[] src, int offset, int count)
        {
            ulong lineBytes = (ulong)_lineBytes;
            ulong end = pos + (ulong)count;
            ulong lineStart = pos / (uint)_lineBytes * (uint)_lineBytes;
            while (lineStart < end)
            {
                byte[]? line = _lines.Get(lineStart / (ulong)_blockSize);
                if (line != null)
                {
                    ulong from = pos > lineStart ? pos : lineStart;
                    ulong to = lineStart + (ulong)line.Length;
                    if (to > end) to = end;
                    if (to > from)
                        System.Array.Copy(src, offset + (int)(from - pos), line, (int)(from - lineStart), (int)(to - from));
                }
                lineStart += lineBytes;
            }
        }

        public ushort U16(ulong pos)
        {
            Read(pos, _scratch, 0, 2);
            return LittleEndian.U16(_scratch, 0);
        }

        public uint U32(ulong pos)
        {
            Read(pos, _scratch, 0, 4);
            return LittleEndian.U32(_scratch, 0);
        }

        /// <summary>The cache line starting at block <paramref name="lba"/> (shorter at the device's end).</summary>
        private byte[] Line(ulong lba)
        {
            byte[]? b = _lines.Get(lba);
            if (b != null)
                return b;
            ulong blocks = _device.BlockCount - lba;
            int n = blocks < (ulong)_lineBlocks ? (int)blocks : _lineBlocks;
            b = _spareLine != null && _spareLine.Length == n * _blockSize ? _spareLine : new byte[n * _blockSize];
            _spareLine = null;
            _device.Read(lba, n, b, 0);
            _spareLine = _lines.Put(lba, b, (ulong)b.Length);
            return b;
        }
    }
}
