using EclipseOS.EclipseFS.Format;
using System.Collections.Generic;

namespace EclipseOS.EclipseFS.Vfs
{
    /// <summary>
    /// The kernel's view of its filesystems: which <see cref="IFileSystem"/> is mounted where,
    /// and absolute-path resolution across them — <c>.</c>, <c>..</c>, mount points, and
    /// symlinks (at most <see cref="MaxSymlinkHops"/> per lookup, so a loop ends with an error).
    /// </summary>
    public sealed class MountTable
    {
        /// <summary>Symlinks followed in one resolution before giving up (Linux uses 40 too).</summary>
        public const int MaxSymlinkHops = 40;

        private readonly Dictionary<string, IFileSystem> _mounts = new Dictionary<string, IFileSystem>();

        /// <summary>
        /// Mounts <paramref name="fileSystem"/> at <paramref name="path"/>. The first mount must be
        /// <c>/</c>; later ones need an existing directory to cover.
        /// </summary>
        public void Mount(string path, IFileSystem fileSystem)
        {
            string canonical = Canonical(path);
            if (_mounts.ContainsKey(canonical))
                throw new VfsException(canonical, "a filesystem is already mounted here");
            if (canonical != "/")
            {
                VfsLocation at = Resolve(canonical, true);
                if (at.FileSystem.Stat(at.Node).Type != VfsNodeType.Directory)
                    throw new VfsException(canonical, "cannot mount on something that is not a directory");
                canonical = at.Path;
            }
            _mounts[canonical] = fileSystem;
        }

        /// <summary>Removes the mount at <paramref name="path"/>.</summary>
        public void Unmount(string path)
        {
            string canonical = Canonical(path);
            if (!_mounts.Remove(canonical))
                throw new VfsException(canonical, "nothing is mounted here");
        }

        /// <summary>The mount points, in no particular order.</summary>
        public List<string> MountPoints()
        {
            // Copied, not walked with foreach: a dictionary's enumerator is disposed in a finally (EOS011).
            return new List<string>(_mounts.Keys);
        }

        /// <summary>
        /// Finds the node <paramref name="path"/> names. With <paramref name="followFinalSymlink"/>
        /// false a symlink at the end is returned itself (lstat); symlinks inside the path are
        /// always followed.
        /// </summary>
        public VfsLocation Resolve(string path, bool followFinalSymlink)
        {
            if (path == null || path.Length == 0 || path[0] != '/')
                throw new VfsException(path ?? "", "path must be absolute");
            IFileSystem? rootFs;
            if (!_mounts.TryGetValue("/", out rootFs))
                throw new VfsException(path, "no filesystem is mounted at /");
            var names = new List<string>();
            var stack = new List<VfsLocation>();
            stack.Add(new VfsLocation(rootFs, rootFs.RootNode, "/"));
            var pending = new List<string>();
            PushComponents(pending, path);
            int hops = 0;
            while (pending.Count > 0)
            {
                string name = pending[pending.Count - 1];
                pending.RemoveAt(pending.Count - 1);
                if (name.Length == 0 || name == ".")
                    continue;
                if (name == "..")
                {
                    if (names.Count > 0)
                    {
                        names.RemoveAt(names.Count - 1);
                        stack.RemoveAt(stack.Count - 1);
                    }
                    continue;
                }
                VfsLocation current = stack[stack.Count - 1];
                if (current.FileSystem.Stat(current.Node).Type != VfsNodeType.Directory)
                    throw new VfsException(current.Path, "not a directory");
                ulong child = current.FileSystem.Lookup(current.Node, name);
                string childPath = current.Path == "/" ? "/" + name : current.Path + "/" + name;
                if (child == 0)
                    throw new VfsException(childPath, "no such file or directory");
                IFileSystem? mounted;
                VfsLocation next = _mounts.TryGetValue(childPath, out mounted)
                    ? new VfsLocation(mounted, mounted.RootNode, childPath)
                    : new VfsLocation(current.FileSystem, child, childPath);
                if ((pending.Count > 0 || followFinalSymlink) && next.FileSystem.Stat(next.Node).Type == VfsNodeType.Symlink)
                {
                    if (++hops > MaxSymlinkHops)
                        throw new VfsException(path, "too many levels of symbolic links (more than " + MaxSymlinkHops + ")");
                    string target = next.FileSystem.ReadLink(next.Node);
                    if (target.Length == 0)
                        throw new VfsException(childPath, "symlink has an empty target");
                    if (target[0] == '/')
                    {
                        names.Clear();
                        stack.RemoveRange(1, stack.Count - 1);
                    }
                    PushComponents(pending, target);
                    continue;
                }
                names.Add(name);
                stack.Add(next);
            }
            return stack[stack.Count - 1];
        }

        /// <summary>Metadata of what <paramref name="path"/> names, following a final symlink.</summary>
        public VfsStat Stat(string path)
        {
            VfsLocation at = Resolve(path, true);
            return at.FileSystem.Stat(at.Node);
        }

        /// <summary>Metadata of what <paramref name="path"/> names; a final symlink is described itself.</summary>
        public VfsStat LinkStat(string path)
        {
            VfsLocation at = Resolve(path, false);
            return at.FileSystem.Stat(at.Node);
        }

        /// <summary>The children of the directory <paramref name="path"/> names.</summary>
        public List<VfsDirectoryEntry> ReadDirectory(string path)
        {
            VfsLocation at = Resolve(path, true);
            if (at.FileSystem.Stat(at.Node).Type != VfsNodeType.Directory)
                throw new VfsException(at.Path, "not a directory");
            return at.FileSystem.ReadDirectory(at.Node);
        }

        /// <summary>The target of the symlink <paramref name="path"/> names.</summary>
        public string ReadLink(string path)
        {
            VfsLocation at = Resolve(path, false);
            if (at.FileSystem.Stat(at.Node).Type != VfsNodeType.Symlink)
                throw new VfsException(at.Path, "not a symbolic link");
            return at.FileSystem.ReadLink(at.Node);
        }

        /// <summary>Opens the file <paramref name="path"/> names for reading.</summary>
        public VfsFile Open(string path)
        {
            VfsLocation at = Resolve(path, true);
            VfsStat st = at.FileSystem.Stat(at.Node);
            if (st.Type != VfsNodeType.File)
                throw new VfsException(at.Path, st.Type == VfsNodeType.Directory ? "is a directory" : "not a regular file");
            return new VfsFile(at.FileSystem, at.Node, st.Size, at.Path);
        }

        /// <summary>Pushes the components of <paramref name="path"/> so the first is popped first.</summary>
        private static void PushComponents(List<string> pending, string path)
        {
            List<string> parts = Text.SplitPath(path);
            for (int i = parts.Count - 1; i >= 0; i--)
                pending.Add(parts[i]);
        }

        /// <summary>Lexically normalises an absolute path (used for mount-point names).</summary>
        private static string Canonical(string path)
        {
            if (path == null || path.Length == 0 || path[0] != '/')
                throw new VfsException(path ?? "", "path must be absolute");
            var names = new List<string>();
            var parts = Text.SplitPath(path);
            for (int p = 0; p < parts.Count; p++)
            {
                string part = parts[p];
                if (part.Length == 0 || part == ".")
                    continue;
                if (part == "..")
                {
                    if (names.Count > 0) names.RemoveAt(names.Count - 1);
                    continue;
                }
                names.Add(part);
            }
            string result = "";
            for (int i = 0; i < names.Count; i++)
                result += "/" + names[i];
            return result.Length == 0 ? "/" : result;
        }
    }

    /// <summary>Where a path led: a filesystem, a node in it, and the path with symlinks resolved.</summary>
    public sealed class VfsLocation
    {
        /// <summary>Creates a location.</summary>
        public VfsLocation(IFileSystem fileSystem, ulong node, string path)
        {
            FileSystem = fileSystem;
            Node = node;
            Path = path;
        }

        /// <summary>The filesystem holding the node.</summary>
        public IFileSystem FileSystem { get; }
        /// <summary>The node's number in <see cref="FileSystem"/>.</summary>
        public ulong Node { get; }
        /// <summary>The absolute path with <c>.</c>, <c>..</c> and symlinks resolved.</summary>
        public string Path { get; }
    }

    /// <summary>An open file: sequential reads from a position, like a file descriptor.</summary>
    public sealed class VfsFile
    {
        private readonly IFileSystem _fs;
        private readonly ulong _node;

        internal VfsFile(IFileSystem fs, ulong node, ulong length, string path)
        {
            _fs = fs;
            _node = node;
            Length = length;
            Path = path;
        }

        /// <summary>The file's size in bytes.</summary>
        public ulong Length { get; }
        /// <summary>Where the next read starts.</summary>
        public ulong Position { get; set; }
        /// <summary>The path the file was opened by (symlinks resolved).</summary>
        public string Path { get; }

        /// <summary>Reads up to <paramref name="count"/> bytes at <see cref="Position"/> and advances it; 0 at the end.</summary>
        public int Read(byte[] buffer, int offset, int count)
        {
            int n = _fs.Read(_node, Position, buffer, offset, count);
            Position += (ulong)n;
            return n;
        }
    }
}
