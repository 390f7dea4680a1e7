using System;

namespace EclipseOS.EclipseFS.Vfs
{
    /// <summary>The kinds of node the VFS knows.</summary>
    public enum VfsNodeType
    {
        /// <summary>A regular file.</summary>
        File,
        /// <summary>A directory.</summary>
        Directory,
        /// <summary>A symbolic link.</summary>
        Symlink,
    }

    /// <summary>A node's metadata, as <c>stat</c> reports it.</summary>
    public sealed class VfsStat
    {
        /// <summary>The node's number within its filesystem.</summary>
        public ulong Node { get; set; }
        /// <summary>File, directory or symlink.</summary>
        public VfsNodeType Type { get; set; }
        /// <summary>Bytes of a file or link target; 0 for directories.</summary>
        public ulong Size { get; set; }
        /// <summary>POSIX mode (type bits and permissions).</summary>
        public uint Mode { get; set; }
        /// <summary>Owner.</summary>
        public uint Uid { get; set; }
        /// <summary>Group.</summary>
        public uint Gid { get; set; }
        /// <summary>Link count.</summary>
        public uint LinkCount { get; set; }
        /// <summary>Access time, Unix seconds.</summary>
        public ulong AccessTime { get; set; }
        /// <summary>Modification time, Unix seconds.</summary>
        public ulong ModifyTime { get; set; }
        /// <summary>Change time, Unix seconds.</summary>
        public ulong ChangeTime { get; set; }
    }

    /// <summary>One child in a directory listing.</summary>
    public sealed class VfsDirectoryEntry
    {
        /// <summary>Creates an entry.</summary>
        public VfsDirectoryEntry(string name, ulong node)
        {
            Name = name;
            Node = node;
        }

        /// <summary>The child's name.</summary>
        public string Name { get; }
        /// <summary>The child's node number.</summary>
        public ulong Node { get; }
    }

    /// <summary>A VFS request failed (no such file, not a directory, symlink loop …); the message names the path.</summary>
    public class VfsException : Exception
    {
        /// <summary>Creates an error about <paramref name="path"/>.</summary>
        public VfsException(string path, string problem) : base(path + ": " + problem)
        {
            Path = path;
            Problem = problem;
        }

        /// <summary>The path concerned.</summary>
        public string Path { get; }
        /// <summary>What went wrong, without the path.</summary>
        public string Problem { get; }
    }
}
