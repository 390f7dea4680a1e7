using EclipseOS.Hal.Text;
using System.Collections.Generic;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Integrity;
using EclipseOS.EclipseFS.Journaling;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.EclipseFS.Writing;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS
{
    /// <summary>
    /// A mounted EclipseFS v2.0 filesystem on a block device (a whole device or a partition).
    /// Records are parsed on demand, checked, and kept in a bounded LRU cache; nothing is read
    /// that a request does not need. Mounted with <see cref="EclipseFsOptions.Writable"/> on a
    /// writable device it also takes changes, crash-consistently, through its log (§12).
    /// Implements <see cref="IWritableFileSystem"/> with node = inode.
    /// </summary>
    public sealed class EclipseFsVolume : IWritableFileSystem
    {
        private const int VerifyChunk = 1024 * 1024;

        private readonly ImageReader _reader;
        private readonly RecordParser _parser;
        private readonly LruCache<EclipseFsNode> _nodes;
        private readonly EclipseFsOptions _options;
        private byte[]? _verifyBuffer;
        private bool _rootHasRecordCrc;
        private Journal? _journal;
        private string? _readOnlyReason;
        private ulong _freeWithoutLog = NotCounted;
        private VolumeWriter? _writer;
        private NamespaceOperations? _names;
        private FileContentWriter? _files;

        private EclipseFsVolume(ImageReader reader, Superblock sb, EclipseFsOptions options)
        {
            _reader = reader;
            Superblock = sb;
            _options = options;
            _parser = new RecordParser(reader, sb, options.Crc32C);
            _nodes = new LruCache<EclipseFsNode>(options.CachedNodes, options.CachedNodeBytes);
        }

        /// <summary>Mounts the filesystem on <paramref name="device"/> with default options.</summary>
        public static EclipseFsVolume Mount(IBlockDevice device) => Mount(device, new EclipseFsOptions());

        /// <summary>
        /// Reads and checks the header, then the root record. Throws an
        /// <see cref="EclipseFsException"/> naming the field and offset when the image is bad.
        /// </summary>
        public static EclipseFsVolume Mount(IBlockDevice device, EclipseFsOptions options)
        {
            var reader = new ImageReader(device, options.CachedBlocks);
            if (reader.Length < EclipseFsLayout.HeaderLength)
                throw new EclipseFsException(0, "header", 0, device.Name + " holds " + reader.Length + " bytes, less than the 65-byte header");
            var header = new byte[EclipseFsLayout.HeaderLength];
            reader.Read(0, header, 0, header.Length);
            Superblock.Parse(header, reader.Length, ThrowingProblemSink.Instance);
            bool writable = options.Writable && !device.IsReadOnly;
            Journal? journal = reader.Length >= EclipseFsLayout.HeaderBlockSize ? Journal.Open(reader, options.Crc32C) : null;
            if (journal != null)
            {
                if (!writable)
                {
                    // A read-only mount must not write, but must see every committed operation:
                    // the log is replayed into memory over the device.
                    reader = new ImageReader(new OverlayBlockDevice(device), options.CachedBlocks);
                    journal = Journal.Open(reader, options.Crc32C)!;
                }
                // Replayed transactions are in place now; a checkpoint keeps the next mount from
                // applying them all again (a power cut otherwise costs every later mount the replay).
                // Not after a replay from the older checkpoint: the newer one may be damage that
                // fsck must still find, not a torn write.
                if (journal.Replay() > 0 && writable && !journal.StartedFromOlderCheckpoint)
                    journal.Checkpoint(null);
                reader.Read(0, header, 0, header.Length);
            }
            Superblock sb = Superblock.Parse(header, reader.Length, ThrowingProblemSink.Instance)!;
            var volume = new EclipseFsVolume(reader, sb, options);
            volume._journal = journal;
            if (!writable)
                volume._readOnlyReason = device.IsReadOnly ? "the device " + device.Name + " is read-only" : "mounted read-only";
            EclipseFsNode root = volume.GetNode(EclipseFsLayout.RootInode);
            if (root.Type != NodeType.Directory)
                throw new EclipseFsException(EclipseFsLayout.RootInode, "NODE_TYPE", root.RecordOffset, "the root (inode 1) is a " + Text.TypeName(root.Type) + ", not a directory");
            return volume;
        }

        /// <summary>The parsed header.</summary>
        public Superblock Superblock { get; }

        /// <summary>The device the filesystem is on.</summary>
        public IBlockDevice Device => _reader.Device;

        /// <summary>Bytes of the device (the filesystem's extent).</summary>
        public ulong DeviceBytes => _reader.Length;

        /// <summary>The parsed, checked record of <paramref name="inode"/> (cached).</summary>
        public EclipseFsNode GetNode(uint inode)
        {
            EclipseFsNode? node = _nodes.Get(inode);
            if (node != null)
                return node;
            node = _parser.Parse(inode, ThrowingProblemSink.Instance)!;
            // An image whose root carries RECORD_CRC32C was written with it on every record;
            // a record without one has had its tag damaged.
            // A volume changed at run time mixes the original writer's records with new ones.
            if (_rootHasRecordCrc && !node.HasRecordCrc && _journal == null)
                throw new EclipseFsException(inode, "RECORD_CRC32C", node.RecordOffset, "missing, although the root record carries one");
            if (inode == EclipseFsLayout.RootInode)
                _rootHasRecordCrc = node.HasRecordCrc;
            _nodes.Put(inode, node, (ulong)(256 + (node.Entries != null ? node.Entries.Length : 0)));
            return node;
        }

        /// <summary>The volume's log (§12), or null for an image no read-write mount has changed.</summary>
        public Journal? Journal => _journal;

        /// <summary>Why changes are refused (null while they are taken).</summary>
        public string? ReadOnlyReason => _readOnlyReason ?? (_writer != null && _writer.Failure != null ? "an earlier device error: " + _writer.Failure : null);

        internal ICrc32C Crc32C => _options.Crc32C;

        /// <summary>Drops a cached record (it was rewritten).</summary>
        internal void Forget(uint inode) => _nodes.Remove(inode);

        /// <summary>Drops every cached record (records moved).</summary>
        internal void ForgetAll()
        {
            _nodes.Clear();
        }

        /// <summary>Reads raw bytes of the filesystem.</summary>
        internal void ReadBytes(ulong position, byte[] buffer, int offset, int count) => _reader.Read(position, buffer, offset, count);

        /// <summary>Reads a node's whole CONTENT (small files and symlinks), checked against its CRC.</summary>
        internal void ReadContent(EclipseFsNode node, byte[] buffer)
        {
            if (node.HasContentCrc && node.ContentLength > 0)
                VerifyContent(node);
            _reader.Read(node.ContentOffset, buffer, 0, (int)node.ContentLength);
        }

        /// <summary>The inode of <paramref name="name"/> in directory <paramref name="directory"/>, or 0.</summary>
        public uint LookupChild(uint directory, string name)
        {
            EclipseFsNode dir = GetNode(directory);
            if (dir.Type != NodeType.Directory)
                throw new EclipseFsException(directory, "lookup", dir.RecordOffset, "not a directory");
            byte[]? e = dir.Entries;
            if (e == null)
                return 0;
            byte[] wanted = Utf8Name.Encode(name);
            int p = 0;
            while (p < e.Length)
            {
                int length = (int)LittleEndian.U32(e, p);
                int start = p + EclipseFsLayout.DirectoryEntryHeaderSize;
                if (length == wanted.Length)
                {
                    int i = 0;
                    while (i < length && e[start + i] == wanted[i])
                        i++;
                    if (i == length)
                        return LittleEndian.U32(e, p + 4);
                }
                p = start + length;
            }
            return 0;
        }

        /// <summary>
        /// The inode at <paramref name="path"/> inside this filesystem ("/a/b" or "a/b"); symlinks
        /// are not followed (use a <see cref="MountTable"/> for that). Throws when a name is missing.
        /// </summary>
        public uint ResolvePath(string path)
        {
            uint inode = EclipseFsLayout.RootInode;
            List<string> parts = Text.SplitPath(path);
            var stack = new List<uint>();
            for (int i = 0; i < parts.Count; i++)
            {
                string part = parts[i];
                if (part.Length == 0 || part == ".")
                    continue;
                if (part == "..")
                {
                    if (stack.Count > 0)
                    {
                        inode = stack[stack.Count - 1];
                        stack.RemoveAt(stack.Count - 1);
                    }
                    continue;
                }
                if (GetNode(inode).Type != NodeType.Directory)
                    throw new EclipseFsException(inode, "path", EclipseFsException.NoOffset, "\"" + path + "\": a component before \"" + part + "\" is not a directory");
                uint child = LookupChild(inode, part);
                if (child == 0)
                    throw new EclipseFsException(0, "path", EclipseFsException.NoOffset, "\"" + path + "\": no such file or directory");
                stack.Add(inode);
                inode = child;
            }
            return inode;
        }

        /// <summary>The entries of directory <paramref name="inode"/>, in stored order.</summary>
        public List<DirectoryEntry> ReadDirectory(uint inode)
        {
            EclipseFsNode dir = GetNode(inode);
            if (dir.Type != NodeType.Directory)
                throw new EclipseFsException(inode, "readdir", dir.RecordOffset, "not a directory");
            var result = new List<DirectoryEntry>();
            byte[]? e = dir.Entries;
            if (e == null)
                return result;
            int p = 0;
            while (p < e.Length)
            {
                int length = (int)LittleEndian.U32(e, p);
                uint child = LittleEndian.U32(e, p + 4);
                int start = p + EclipseFsLayout.DirectoryEntryHeaderSize;
                result.Add(new DirectoryEntry(Utf8Name.Decode(e, start, length)!, child));
                p = start + length;
            }
            return result;
        }

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes of file <paramref name="inode"/> from
        /// <paramref name="position"/>; returns the bytes read, 0 at or past the end.
        /// </summary>
        public int Read(uint inode, ulong position, byte[] buffer, int offset, int count)
        {
            EclipseFsNode node = GetNode(inode);
            if (node.Type != NodeType.File)
                throw new EclipseFsException(inode, "read", node.RecordOffset, node.Type == NodeType.Directory ? "is a directory" : "is a symlink (use ReadLink)");
            if (buffer == null || offset < 0 || count < 0 || offset > buffer.Length || count > buffer.Length - offset)
                throw new EclipseFsException(inode, "read", EclipseFsException.NoOffset, "buffer range is invalid");
            if (_options.VerifyContentOnRead && node.HasContentCrc && !node.ContentVerified)
                VerifyContent(node);
            if (position >= node.ContentLength)
                return 0;
            ulong left = node.ContentLength - position;
            int n = left < (ulong)count ? (int)left : count;
            _reader.Read(node.ContentOffset + position, buffer, offset, n);
            return n;
        }

        /// <summary>The target of symlink <paramref name="inode"/> (its CONTENT, UTF-8).</summary>
        public string ReadLink(uint inode)
        {
            EclipseFsNode node = GetNode(inode);
            if (node.Type != NodeType.Symlink)
                throw new EclipseFsException(inode, "readlink", node.RecordOffset, "not a symlink");
            if (node.ContentLength > 4096)
                throw new EclipseFsException(inode, "CONTENT", node.ContentOffset, "symlink target of " + node.ContentLength + " bytes is longer than 4096");
            var target = new byte[(int)node.ContentLength];
            _reader.Read(node.ContentOffset, target, 0, target.Length);
            if (node.HasContentCrc)
            {
                uint crc = _options.Crc32C.Append(0, target, 0, target.Length);
                if (crc != node.ContentCrc)
                    throw new EclipseFsException(inode, "CONTENT_CRC32C", node.ContentOffset, "stored 0x" + Hex.Upper(node.ContentCrc, 8) + " but the target's CRC-32C is 0x" + Hex.Upper(crc, 8));
            }
            string? s = Utf8Name.Decode(target, 0, target.Length);
            if (s == null)
                throw new EclipseFsException(inode, "CONTENT", node.ContentOffset, "symlink target is not valid UTF-8");
            return s;
        }

        /// <summary>Checks a file's content against its CONTENT_CRC32C, reading it in 1 MiB pieces.</summary>
        public void VerifyContent(uint inode) => VerifyContent(GetNode(inode));

        private void VerifyContent(EclipseFsNode node)
        {
            if (!node.HasContentCrc)
                return;
            if (_verifyBuffer == null)
                _verifyBuffer = new byte[VerifyChunk + 2 * _reader.BlockSize];
            uint crc = 0;
            ulong done = 0;
            while (done < node.ContentLength)
            {
                ulong left = node.ContentLength - done;
                int n = left > VerifyChunk ? VerifyChunk : (int)left;
                int at = _reader.ReadCovering(node.ContentOffset + done, n, _verifyBuffer);
                crc = _options.Crc32C.Append(crc, _verifyBuffer, at, n);
                done += (ulong)n;
            }
            if (crc != node.ContentCrc)
                throw new EclipseFsException(node.Inode, "CONTENT_CRC32C", node.ContentOffset,
                    "stored 0x" + Hex.Upper(node.ContentCrc, 8) + " but the content's CRC-32C is 0x" + Hex.Upper(crc, 8));
            node.ContentVerified = true;
        }

        // ---- IFileSystem (node numbers are inode numbers) ----

        /// <inheritdoc />
        public string TypeName => EclipseFsProbe.Name;

        /// <inheritdoc />
        public ulong RootNode => EclipseFsLayout.RootInode;

        /// <inheritdoc />
        public ulong TotalBytes => DeviceBytes;

        /// <summary>
        /// Bytes no record, table, header or log uses (§12.9). With a log: its free-space map plus
        /// what was freed since its last checkpoint. An image without one (as <c>mkfs</c> or the
        /// original writer left it) keeps no map, so the first call finds the used space from the
        /// structure, as giving it a log would, and keeps the figure: nothing changes such an image
        /// before its first change gives it a log, which then takes 2 × half_size of that space.
        /// </summary>
        public ulong FreeBytes()
        {
            if (_journal != null)
            {
                try
                {
                    return _journal.FreeSpace.TotalBytes + _journal.PendingFree.TotalBytes;
                }
                catch (EclipseFsException e)
                {
                    throw new VfsException(Device.Name, "cannot tell the free space: " + e.Message + " (run fsck)");
                }
            }
            if (_freeWithoutLog == NotCounted)
                _freeWithoutLog = UnusedSpace("cannot tell the free space").TotalBytes;
            return _freeWithoutLog;
        }

        /// <summary>What <see cref="_freeWithoutLog"/> holds before the first count (no volume has that many bytes).</summary>
        private const ulong NotCounted = ulong.MaxValue;

        /// <summary>
        /// The space no record, table or header uses, found from the structure; a structure whose
        /// parts overlap throws a <see cref="VfsException"/> that starts with <paramref name="failure"/>.
        /// </summary>
        private SpaceMap UnusedSpace(string failure)
        {
            string? problem;
            SpaceMap used = SpaceUsage.Used(this, 0, 0, out problem);
            if (problem != null)
                throw new VfsException(Device.Name, failure + ": " + problem + " (run fsck)");
            return SpaceUsage.Complement(used, DeviceBytes);
        }

        /// <inheritdoc />
        ulong IFileSystem.Lookup(ulong directory, string name) => LookupChild(Inode(directory), name);

        /// <inheritdoc />
        public VfsStat Stat(ulong node)
        {
            EclipseFsNode n = GetNode(Inode(node));
            return new VfsStat
            {
                Node = n.Inode,
                Type = n.Type == NodeType.Directory ? VfsNodeType.Directory : n.Type == NodeType.Symlink ? VfsNodeType.Symlink : VfsNodeType.File,
                Size = n.Size,
                Mode = n.Mode,
                Uid = n.Uid,
                Gid = n.Gid,
                LinkCount = n.Nlink,
                AccessTime = n.Atime,
                ModifyTime = n.Mtime,
                ChangeTime = n.Ctime,
            };
        }

        /// <inheritdoc />
        List<VfsDirectoryEntry> IFileSystem.ReadDirectory(ulong directory)
        {
            List<DirectoryEntry> entries = ReadDirectory(Inode(directory));
            var result = new List<VfsDirectoryEntry>(entries.Count);
            for (int i = 0; i < entries.Count; i++)
                result.Add(new VfsDirectoryEntry(entries[i].Name, entries[i].Inode));
            return result;
        }

        /// <inheritdoc />
        int IFileSystem.Read(ulong node, ulong position, byte[] buffer, int offset, int count) => Read(Inode(node), position, buffer, offset, count);

        /// <inheritdoc />
        string IFileSystem.ReadLink(ulong node) => ReadLink(Inode(node));

        // ---- IWritableFileSystem ----

        /// <inheritdoc />
        public bool IsReadOnly => ReadOnlyReason != null;

        /// <summary>Records moved since mount to keep the free-space map small (§12.9).</summary>
        public int RecordsCompacted => _writer != null ? _writer.RecordsCompacted : 0;

        /// <inheritdoc />
        public ulong CreateFile(ulong directory, string name, uint mode) => Names().Create(Inode(directory), name, NodeType.File, mode, new byte[0]);

        /// <inheritdoc />
        public ulong CreateDirectory(ulong directory, string name, uint mode) => Names().Create(Inode(directory), name, NodeType.Directory, mode, new byte[0]);

        /// <inheritdoc />
        public ulong CreateSymlink(ulong directory, string name, string target)
        {
            if (target.Length == 0)
                throw new VfsException(name, "empty symlink target");
            return Names().Create(Inode(directory), name, NodeType.Symlink, 0x1FF, Utf8Name.Encode(target));
        }

        /// <inheritdoc />
        public void Write(ulong node, ulong position, byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || offset > buffer.Length || count > buffer.Length - offset)
                throw new VfsException("inode " + node, "buffer range is invalid");
            Files().Write(Inode(node), position, buffer, offset, count);
        }

        /// <inheritdoc />
        public void Truncate(ulong node, ulong length) => Files().Truncate(Inode(node), length);

        /// <inheritdoc />
        public void Unlink(ulong directory, string name) => Names().Remove(Inode(directory), name, false);

        /// <inheritdoc />
        public void RemoveDirectory(ulong directory, string name) => Names().Remove(Inode(directory), name, true);

        /// <inheritdoc />
        public void Rename(ulong fromDirectory, string fromName, ulong toDirectory, string toName) =>
            Names().Rename(Inode(fromDirectory), fromName, Inode(toDirectory), toName);

        /// <inheritdoc />
        public void SetAttributes(ulong node, VfsAttributeChange change)
        {
            VolumeWriter w = Writer();
            w.CompactWhenDue();
            EclipseFsNode n = GetNode(Inode(node));
            NodeMetadata m = NodeMetadata.Of(n);
            if (change.SetMode)
                m.Mode = (m.Mode & 0xF000u) | (change.Mode & 0xFFFu);
            if (change.SetOwner)
            {
                m.Uid = change.Uid;
                m.Gid = change.Gid;
            }
            if (change.SetTimes)
            {
                m.Atime = change.AccessTime;
                m.Mtime = change.ModifyTime;
            }
            m.Ctime = w.Now;
            _files!.SetAttributes(n, m, _names!);
        }

        /// <inheritdoc />
        public void Sync()
        {
            if (_writer != null)
                _writer.Sync();
        }

        private NamespaceOperations Names()
        {
            Writer().CompactWhenDue();
            return _names!;
        }

        private FileContentWriter Files()
        {
            Writer().CompactWhenDue();
            return _files!;
        }

        /// <summary>
        /// The writer, created with the first change (and the journal with it, §12.4): a mount alone
        /// never writes. Internal for fsck's repair, which changes records through it.
        /// </summary>
        internal VolumeWriter Writer()
        {
            string? reason = ReadOnlyReason;
            if (reason != null)
                throw new VfsException(Device.Name, "read-only filesystem: " + reason);
            if (_writer != null)
                return _writer;
            if (_journal == null)
                _journal = CreateJournal();
            else
            {
                // The mount left the checkpoint's free-space map unparsed (§12.9). One that cannot
                // be used refuses this change and every later one, as a damaged image should.
                try
                {
                    _journal.ParseFreeSpace();
                }
                catch (EclipseFsException e)
                {
                    throw new VfsException(Device.Name, "read-only filesystem: " + e.Message + " (run fsck)");
                }
            }
            _writer = VolumeWriter.Open(this, _reader, _journal, _options.Clock, _options.CompactFreeSpaceAbove);
            _names = new NamespaceOperations(_writer);
            _files = new FileContentWriter(_writer);
            return _writer;
        }

        /// <summary>
        /// Gives an image without a journal one (§12.4): the free space is what no record, table or
        /// header uses; the log takes 2 × <see cref="Journal.HalfSizeFor"/> bytes at the top
        /// of the highest free extent, away from where records are placed.
        /// </summary>
        private Journal CreateJournal()
        {
            SpaceMap free = UnusedSpace("cannot make the filesystem writable");
            ulong half = Journal.HalfSizeFor(DeviceBytes);
            ulong log = SpaceMap.NoSpace;
            for (int i = free.Count - 1; i >= 0 && log == SpaceMap.NoSpace; i--)
            {
                ulong s = free.StartAt(i), end = s + free.LengthAt(i);
                if (end - s < 2 * half + 4096)
                    continue;
                ulong at = (end - 2 * half) / 4096 * 4096;
                if (at >= s)
                    log = at;
            }
            if (log == SpaceMap.NoSpace)
                throw new VfsException(Device.Name, "no space left on device for the " + (2 * half) + "-byte log a writable EclipseFS needs");
            free.Take(log, 2 * half);
            ulong id = ((ulong)Superblock.HeaderChecksum << 32) ^ DeviceBytes ^ (_options.Clock != null ? _options.Clock.UnixSeconds << 20 : 0) ^ 0x45434C4950534546UL;
            return Journal.Create(_reader, _options.Crc32C, log, half, id, free);
        }

        private uint Inode(ulong node)
        {
            if (node == 0 || node > Superblock.TotalInodes)
                throw new EclipseFsException(0, "node", EclipseFsException.NoOffset, "node " + node + " is not an inode of this filesystem (1.." + Superblock.TotalInodes + ")");
            return (uint)node;
        }
    }
}
