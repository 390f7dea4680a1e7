using System;
using System.Collections.Generic;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Vfs;

namespace EclipseOS.EclipseFS.Writing
{
    /// <summary>
    /// The operations on names (§12.7): create, mkdir, symlink, unlink, rmdir, rename and
    /// attribute changes of directories. Each is one transaction; a directory that changes is
    /// rewritten whole into free space (copy-on-write), so a crash leaves the old or the new
    /// directory, never a mix. Nothing is changed before every check has passed.
    /// </summary>
    internal sealed class NamespaceOperations
    {
        private readonly VolumeWriter _w;

        public NamespaceOperations(VolumeWriter writer)
        {
            _w = writer;
        }

        /// <summary>Creates a node of <paramref name="type"/> named <paramref name="name"/> in <paramref name="directory"/>.</summary>
        public uint Create(uint directory, string name, NodeType type, uint permissions, byte[] payload)
        {
            EclipseFsVolume volume = _w.Volume;
            byte[] encoded = CheckName(name);
            EclipseFsNode dir = Directory(directory, name);
            if (DirectoryEntryList.Find(dir.Entries, encoded) >= 0)
                throw new VfsException(name, "exists");
            if (type == NodeType.Symlink && payload.Length > 4096)
                throw new VfsException(name, "symlink target of " + payload.Length + " bytes is longer than 4096");
            VolumeChange c = _w.Begin();
            try
            {
                uint inode = _w.TakeInode(c);
                ulong now = _w.Now;
                var m = new NodeMetadata
                {
                    Inode = inode, Type = type, Mode = TypeBits(type) | (permissions & 0xFFF), Atime = now, Mtime = now, Ctime = now,
                    Nlink = type == NodeType.Directory ? 2u : 1u,
                };
                _w.StageRecord(c, inode, RecordEncoder.Record(_w.Crc, m, payload, payload.Length), null);
                // The directory is read again: growing the inode table may have moved its record.
                dir = volume.GetNode(directory);
                StageDirectory(c, dir, DirectoryEntryList.Add(dir.Entries, encoded, inode));
                _w.Commit(c);
                return inode;
            }
            catch (Exception e)
            {
                _w.Abandon(c, e);
                throw;
            }
        }

        /// <summary>Removes <paramref name="name"/>: a file or symlink (<paramref name="directoryWanted"/> false) or an empty directory.</summary>
        public void Remove(uint directory, string name, bool directoryWanted)
        {
            EclipseFsVolume volume = _w.Volume;
            byte[] encoded = Utf8Name.Encode(name);
            EclipseFsNode dir = Directory(directory, name);
            uint child = ChildOf(dir, encoded, name);
            EclipseFsNode node = volume.GetNode(child);
            if (directoryWanted && node.Type != NodeType.Directory)
                throw new VfsException(name, "not a directory");
            if (!directoryWanted && node.Type == NodeType.Directory)
                throw new VfsException(name, "is a directory");
            if (node.Type == NodeType.Directory && node.EntryCount > 0)
                throw new VfsException(name, "directory not empty");
            VolumeChange c = _w.Begin();
            try
            {
                StageDirectory(c, dir, DirectoryEntryList.Remove(dir.Entries!, encoded));
                _w.StageRelease(c, node);
                _w.Commit(c);
            }
            catch (Exception e)
            {
                _w.Abandon(c, e);
                throw;
            }
        }

        /// <summary>Moves a name, replacing an existing target as POSIX rename(2) does, in one transaction.</summary>
        public void Rename(uint fromDirectory, string fromName, uint toDirectory, string toName)
        {
            EclipseFsVolume volume = _w.Volume;
            byte[] from = Utf8Name.Encode(fromName);
            byte[] to = CheckName(toName);
            EclipseFsNode source = Directory(fromDirectory, fromName);
            EclipseFsNode target = Directory(toDirectory, toName);
            uint moving = ChildOf(source, from, fromName);
            EclipseFsNode moved = volume.GetNode(moving);
            int existingAt = DirectoryEntryList.Find(target.Entries, to);
            EclipseFsNode? replaced = null;
            if (existingAt >= 0)
            {
                uint existing = Storage.LittleEndian.U32(target.Entries!, existingAt + 4);
                if (existing == moving)
                    return;
                replaced = volume.GetNode(existing);
                if (moved.Type == NodeType.Directory && replaced.Type != NodeType.Directory)
                    throw new VfsException(toName, "not a directory");
                if (moved.Type != NodeType.Directory && replaced.Type == NodeType.Directory)
                    throw new VfsException(toName, "is a directory");
                if (replaced.Type == NodeType.Directory && replaced.EntryCount > 0)
                    throw new VfsException(toName, "directory not empty");
            }
            if (moved.Type == NodeType.Directory && fromDirectory != toDirectory && Contains(moving, toDirectory))
                throw new VfsException(toName, "cannot move a directory into itself");
            VolumeChange c = _w.Begin();
            try
            {
                if (fromDirectory == toDirectory)
                {
                    byte[] entries = DirectoryEntryList.Remove(source.Entries!, from);
                    entries = DirectoryEntryList.Remove(entries, to);
                    StageDirectory(c, source, DirectoryEntryList.Add(entries, to, moving));
                }
                else
                {
                    StageDirectory(c, source, DirectoryEntryList.Remove(source.Entries!, from));
                    byte[]? entries = target.Entries != null ? DirectoryEntryList.Remove(target.Entries, to) : null;
                    StageDirectory(c, target, DirectoryEntryList.Add(entries, to, moving));
                }
                if (replaced != null)
                    _w.StageRelease(c, replaced);
                _w.Commit(c);
            }
            catch (Exception e)
            {
                _w.Abandon(c, e);
                throw;
            }
        }

        /// <summary>Rewrites a node's record with new metadata (directories; and records not yet in this project's layout).</summary>
        public void Rewrite(EclipseFsNode node, NodeMetadata m)
        {
            byte[] payload;
            if (node.Type == NodeType.Directory)
                payload = node.Entries ?? new byte[0];
            else
            {
                if (node.ContentLength > 64 * 1024 * 1024)
                    throw new VfsException("inode " + node.Inode, "changing the attributes of a " + node.ContentLength + "-byte file written by the original writer would copy it whole; write to it once first");
                payload = new byte[(int)node.ContentLength];
                _w.Volume.ReadContent(node, payload);
            }
            VolumeChange c = _w.Begin();
            try
            {
                _w.StageRecord(c, node.Inode, RecordEncoder.Record(_w.Crc, m, payload, payload.Length), node);
                _w.Commit(c);
            }
            catch (Exception e)
            {
                _w.Abandon(c, e);
                throw;
            }
        }

        /// <summary>Stages <paramref name="dir"/> rewritten with <paramref name="entries"/>, its mtime and ctime now.</summary>
        private void StageDirectory(VolumeChange c, EclipseFsNode dir, byte[] entries)
        {
            NodeMetadata m = NodeMetadata.Of(dir);
            m.Mtime = m.Ctime = _w.Now;
            if ((ulong)entries.Length + (ulong)RecordEncoder.PayloadOffset + 16 > 0xFFFF_FFFFUL)
                throw new VfsException("inode " + dir.Inode, "directory full: its record would pass 4 GiB");
            _w.StageRecord(c, dir.Inode, RecordEncoder.Record(_w.Crc, m, entries, entries.Length), dir);
        }

        /// <summary>Whether <paramref name="inside"/> is <paramref name="directory"/> or below it (a walk of its subdirectories).</summary>
        private bool Contains(uint directory, uint inside)
        {
            var pending = new List<uint>();
            // Dictionary, not HashSet: the kernel-side code keeps to collections IL2CPU is known to compile.
            var seen = new Dictionary<uint, bool>();
            pending.Add(directory);
            while (pending.Count > 0)
            {
                uint d = pending[pending.Count - 1];
                pending.RemoveAt(pending.Count - 1);
                if (d == inside)
                    return true;
                if (seen.ContainsKey(d))
                    continue;
                seen[d] = true;
                List<DirectoryEntry> entries = _w.Volume.ReadDirectory(d);
                for (int i = 0; i < entries.Count; i++)
                    if (_w.Volume.GetNode(entries[i].Inode).Type == NodeType.Directory)
                        pending.Add(entries[i].Inode);
            }
            return false;
        }

        private EclipseFsNode Directory(uint directory, string name)
        {
            EclipseFsNode dir = _w.Volume.GetNode(directory);
            if (dir.Type != NodeType.Directory)
                throw new VfsException(name, "parent is not a directory");
            return dir;
        }

        private static uint ChildOf(EclipseFsNode dir, byte[] encoded, string name)
        {
            int at = DirectoryEntryList.Find(dir.Entries, encoded);
            if (at < 0)
                throw new VfsException(name, "no such file or directory");
            return Storage.LittleEndian.U32(dir.Entries!, at + 4);
        }

        /// <summary>The UTF-8 bytes of a new name, after the checks the reader applies to stored names (§6).</summary>
        public static byte[] CheckName(string name)
        {
            if (name.Length == 0)
                throw new VfsException("\"\"", "empty name");
            if (name == "." || name == "..")
                throw new VfsException(name, "reserved name");
            for (int i = 0; i < name.Length; i++)
                if (name[i] == '/' || name[i] == '\0')
                    throw new VfsException(name, "names cannot contain '/' or NUL");
            byte[] encoded = Utf8Name.Encode(name);
            if (encoded.Length > EclipseFsLayout.MaxNameLength)
                throw new VfsException(name, "name of " + encoded.Length + " bytes is longer than " + EclipseFsLayout.MaxNameLength);
            return encoded;
        }

        /// <summary>The POSIX type bits of <paramref name="type"/>.</summary>
        public static uint TypeBits(NodeType type)
        {
            return type == NodeType.Directory ? 0x4000u : type == NodeType.Symlink ? 0xA000u : 0x8000u;
        }
    }
}
