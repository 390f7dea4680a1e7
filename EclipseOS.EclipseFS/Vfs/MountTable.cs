using System;
using EclipseOS.EclipseFS.Format;
using System.Collections.Generic;

namespace EclipseOS.EclipseFS.Vfs
{
    /// <summary>
    /// The kernel's view of its filesystems: which <see cref="IFileSystem"/> is mounted where,
    /// read-write or read-only, and absolute-path resolution across them — <c>.</c>, <c>..</c>,
    /// mount points, and symlinks (at most <see cref="MaxSymlinkHops"/> per lookup, so a loop
    /// ends with an error). Changes go by path to the <see cref="IWritableFileSystem"/> the
    /// path lies on; every error is a <see cref="VfsException"/> naming the whole path.
    /// </summary>
    public sealed class MountTable
    {
        /// <summary>Symlinks followed in one resolution before giving up (Linux uses 40 too).</summary>
        public const int MaxSymlinkHops = 40;

        /// <summary>Permission bits of files made by <see cref="CreateFile"/> and <see cref="OpenForWrite"/> when none are given.</summary>
        public const uint DefaultFileMode = 0x1A4; // 0644

        /// <summary>Permission bits of directories made by <see cref="CreateDirectory"/> when none are given.</summary>
        public const uint DefaultDirectoryMode = 0x1ED; // 0755

        private const string Busy = "device or resource busy: a filesystem is mounted here";

        private readonly Dictionary<string, VfsMount> _mounts = new Dictionary<string, VfsMount>();

        // ---- mounts ----

        /// <summary>Mounts <paramref name="fileSystem"/> at <paramref name="path"/>, read-write when it can be written.</summary>
        public void Mount(string path, IFileSystem fileSystem) => Mount(path, fileSystem, false);

        /// <summary>
        /// Mounts <paramref name="fileSystem"/> at <paramref name="path"/>; with
        /// <paramref name="readOnly"/> every change through the mount is refused. The first mount
        /// must be <c>/</c>; later ones need an existing directory to cover. A filesystem is
        /// mounted at one place only.
        /// </summary>
        public void Mount(string path, IFileSystem fileSystem, bool readOnly)
        {
            string canonical = Canonical(path);
            if (_mounts.ContainsKey(canonical))
                throw new VfsException(canonical, "a filesystem is already mounted here");
            VfsMount? existing = MountOf(fileSystem);
            if (existing != null)
                throw new VfsException(canonical, "this filesystem is already mounted at " + existing.Path);
            if (canonical != "/")
            {
                VfsLocation at = Resolve(canonical, true);
                if (at.FileSystem.Stat(at.Node).Type != VfsNodeType.Directory)
                    throw new VfsException(canonical, "cannot mount on something that is not a directory");
                canonical = at.Path;
                if (_mounts.ContainsKey(canonical))
                    throw new VfsException(canonical, "a filesystem is already mounted here");
            }
            _mounts[canonical] = new VfsMount(canonical, fileSystem, readOnly);
        }

        /// <summary>
        /// Removes the mount at <paramref name="path"/> after making a writable filesystem's
        /// changes durable; refused while another filesystem is mounted below it. Returns the
        /// mount removed.
        /// </summary>
        public VfsMount Unmount(string path)
        {
            string canonical = Canonical(path);
            VfsMount? mount;
            // Mount points are kept with symlinks resolved; the caller may name one through a link.
            if (!_mounts.TryGetValue(canonical, out mount) && _mounts.ContainsKey("/") && Exists(canonical))
                canonical = Resolve(canonical, true).Path;
            if (!_mounts.TryGetValue(canonical, out mount))
                throw new VfsException(canonical, "nothing is mounted here");
            string? below = MountedBelow(canonical);
            if (below != null)
                throw new VfsException(canonical, "target is busy: " + below + " is mounted below it");
            IWritableFileSystem? writable = mount.FileSystem as IWritableFileSystem;
            if (writable != null && !writable.IsReadOnly)
                writable.Sync();
            _mounts.Remove(canonical);
            return mount;
        }

        /// <summary>The mounts (path, filesystem, rw or ro), in no particular order.</summary>
        public List<VfsMount> MountPoints()
        {
            // Copied, not walked with foreach: a dictionary's enumerator is disposed in a finally (EOS011).
            return new List<VfsMount>(_mounts.Values);
        }

        /// <summary>The mount of <paramref name="fileSystem"/>, or null when it is not mounted.</summary>
        public VfsMount? MountOf(IFileSystem fileSystem)
        {
            List<VfsMount> all = MountPoints();
            for (int i = 0; i < all.Count; i++)
                if (all[i].FileSystem == fileSystem)
                    return all[i];
            return null;
        }

        /// <summary>
        /// Makes every change durable on every mounted filesystem that takes changes. Each is
        /// synced even when an earlier one fails; the first failure is then thrown.
        /// </summary>
        public void Sync()
        {
            List<VfsMount> all = MountPoints();
            Exception? first = null;
            for (int i = 0; i < all.Count; i++)
            {
                IWritableFileSystem? writable = all[i].FileSystem as IWritableFileSystem;
                if (writable == null || writable.IsReadOnly)
                    continue;
                try
                {
                    writable.Sync();
                }
                catch (Exception e)
                {
                    if (first == null)
                        first = e;
                }
            }
            if (first != null)
                throw first;
        }

        // ---- resolution and reading ----

        /// <summary>
        /// Finds the node <paramref name="path"/> names. With <paramref name="followFinalSymlink"/>
        /// false a symlink at the end is returned itself (lstat); symlinks inside the path are
        /// always followed.
        /// </summary>
        public VfsLocation Resolve(string path, bool followFinalSymlink)
        {
            if (path == null || path.Length == 0 || path[0] != '/')
                throw new VfsException(path ?? "", "path must be absolute");
            VfsMount? rootMount;
            if (!_mounts.TryGetValue("/", out rootMount))
                throw new VfsException(path, "no filesystem is mounted at /");
            IFileSystem rootFs = rootMount.FileSystem;
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
                string childPath = Child(current.Path, name);
                if (child == 0)
                    throw new VfsException(childPath, "no such file or directory");
                VfsMount? mounted;
                VfsLocation next = _mounts.TryGetValue(childPath, out mounted)
                    ? new VfsLocation(mounted.FileSystem, mounted.FileSystem.RootNode, childPath)
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

        /// <summary>Whether <paramref name="path"/> names something (a dangling symlink at the end counts: it exists itself).</summary>
        public bool Exists(string path)
        {
            try
            {
                Resolve(path, false);
                return true;
            }
            catch (VfsException)
            {
                return false;
            }
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
            VfsStat st = RegularFile(at);
            return new VfsFile(at.FileSystem, at.Node, st.Size, at.Path, null);
        }

        // ---- changes ----

        /// <summary>
        /// Opens the file <paramref name="path"/> names for reading and writing at position 0.
        /// With <paramref name="create"/> a missing file is created (permissions
        /// <see cref="DefaultFileMode"/>); with <paramref name="truncate"/> an existing one is
        /// emptied first. A final symlink is followed.
        /// </summary>
        public VfsFile OpenForWrite(string path, bool create, bool truncate)
        {
            string name;
            VfsLocation parent = ResolveParent(path, out name);
            string childPath = Child(parent.Path, name);
            VfsLocation at;
            if (!_mounts.ContainsKey(childPath) && parent.FileSystem.Lookup(parent.Node, name) == 0)
            {
                if (!create)
                    throw new VfsException(childPath, "no such file or directory");
                at = CreateFile(childPath, DefaultFileMode);
            }
            else
            {
                at = Resolve(childPath, true);
            }
            VfsStat st = RegularFile(at);
            IWritableFileSystem writer = Writable(at);
            var file = new VfsFile(at.FileSystem, at.Node, st.Size, at.Path, writer);
            if (truncate && st.Size != 0)
                file.SetLength(0);
            return file;
        }

        /// <summary>Creates the empty file <paramref name="path"/> with permission bits <paramref name="mode"/>; it must not exist.</summary>
        public VfsLocation CreateFile(string path, uint mode) => Create(path, VfsNodeType.File, mode, null);

        /// <summary>Creates the empty directory <paramref name="path"/> with permission bits <paramref name="mode"/>; it must not exist.</summary>
        public VfsLocation CreateDirectory(string path, uint mode) => Create(path, VfsNodeType.Directory, mode, null);

        /// <summary>Creates the symlink <paramref name="path"/> pointing at <paramref name="target"/> (stored as given, not checked).</summary>
        public VfsLocation CreateSymlink(string path, string target) => Create(path, VfsNodeType.Symlink, 0, target);

        // One path for the three kinds of new name: the parent resolved, the volume writable, and
        // a refusal named by the full path. It tests the kind rather than take a delegate: IL2CPU
        // loses an exception thrown through a delegate called inside a try (EOS010).
        private VfsLocation Create(string path, VfsNodeType type, uint mode, string? target)
        {
            string name;
            VfsLocation parent = ResolveParent(path, out name);
            string childPath = Child(parent.Path, name);
            IWritableFileSystem writer = WritableForNew(parent, childPath);
            ulong node;
            try
            {
                if (type == VfsNodeType.Directory)
                    node = writer.CreateDirectory(parent.Node, name, mode);
                else if (type == VfsNodeType.Symlink)
                    node = writer.CreateSymlink(parent.Node, name, target!);
                else
                    node = writer.CreateFile(parent.Node, name, mode);
            }
            catch (VfsException e)
            {
                throw new VfsException(childPath, e.Problem);
            }
            return new VfsLocation(parent.FileSystem, node, childPath);
        }

        /// <summary>Sets the length of the file <paramref name="path"/> names: cuts it, or extends it with zeros.</summary>
        public void Truncate(string path, ulong length)
        {
            VfsLocation at = Resolve(path, true);
            RegularFile(at);
            IWritableFileSystem writer = Writable(at);
            try
            {
                writer.Truncate(at.Node, length);
            }
            catch (VfsException e)
            {
                throw new VfsException(at.Path, e.Problem);
            }
        }

        /// <summary>Removes the file or symlink <paramref name="path"/> (a final symlink is removed itself, not its target).</summary>
        public void Unlink(string path)
        {
            string name;
            VfsLocation parent = ResolveParent(path, out name);
            string childPath = Child(parent.Path, name);
            if (_mounts.ContainsKey(childPath))
                throw new VfsException(childPath, "is a directory");
            IWritableFileSystem writer = Writable(parent, childPath);
            try
            {
                writer.Unlink(parent.Node, name);
            }
            catch (VfsException e)
            {
                throw new VfsException(childPath, e.Problem);
            }
        }

        /// <summary>Removes the empty directory <paramref name="path"/>.</summary>
        public void RemoveDirectory(string path)
        {
            string name;
            VfsLocation parent = ResolveParent(path, out name);
            string childPath = Child(parent.Path, name);
            if (_mounts.ContainsKey(childPath))
                throw new VfsException(childPath, Busy);
            IWritableFileSystem writer = Writable(parent, childPath);
            try
            {
                writer.RemoveDirectory(parent.Node, name);
            }
            catch (VfsException e)
            {
                throw new VfsException(childPath, e.Problem);
            }
        }

        /// <summary>
        /// Moves <paramref name="from"/> to <paramref name="to"/> as POSIX rename(2) does: an
        /// existing target file or symlink is replaced, an existing empty directory only by a
        /// directory. Both must be on the same filesystem ("cross-device" otherwise: copy and
        /// remove instead); a final symlink is moved itself.
        /// </summary>
        public void Rename(string from, string to)
        {
            string fromName, toName;
            VfsLocation fromParent = ResolveParent(from, out fromName);
            VfsLocation toParent = ResolveParent(to, out toName);
            string fromPath = Child(fromParent.Path, fromName);
            string toPath = Child(toParent.Path, toName);
            if (_mounts.ContainsKey(fromPath))
                throw new VfsException(fromPath, Busy);
            if (_mounts.ContainsKey(toPath))
                throw new VfsException(toPath, Busy);
            string? below = MountedBelow(fromPath);
            if (below != null)
                throw new VfsException(fromPath, "target is busy: " + below + " is mounted below it");
            if (fromParent.FileSystem != toParent.FileSystem)
                throw new VfsException(fromPath, "cross-device: " + toPath + " is on another filesystem (copy and remove instead)");
            IWritableFileSystem writer = Writable(fromParent, fromPath);
            try
            {
                writer.Rename(fromParent.Node, fromName, toParent.Node, toName);
            }
            catch (VfsException e)
            {
                // The filesystem names the name it had trouble with: the target's, or the source's.
                throw new VfsException(e.Path == toName && toName != fromName ? toPath : fromPath, e.Problem);
            }
        }

        /// <summary>Changes the attributes <paramref name="change"/> names of what <paramref name="path"/> names (a final symlink is followed).</summary>
        public void SetAttributes(string path, VfsAttributeChange change)
        {
            VfsLocation at = Resolve(path, true);
            IWritableFileSystem writer = Writable(at);
            try
            {
                writer.SetAttributes(at.Node, change);
            }
            catch (VfsException e)
            {
                throw new VfsException(at.Path, e.Problem);
            }
        }

        // ---- helpers ----

        /// <summary>A mount point strictly below <paramref name="path"/> (every other one when it is <c>/</c>), or null.</summary>
        private string? MountedBelow(string path)
        {
            List<VfsMount> all = MountPoints();
            for (int i = 0; i < all.Count; i++)
            {
                string other = all[i].Path;
                if (other != path && (path == "/" || other.StartsWith(path + "/", StringComparison.Ordinal)))
                    return other;
            }
            return null;
        }

        /// <summary>
        /// The directory that holds the last component of <paramref name="path"/> (symlinks on
        /// the way followed) and, in <paramref name="name"/>, that component.
        /// </summary>
        private VfsLocation ResolveParent(string path, out string name)
        {
            if (path == null || path.Length == 0 || path[0] != '/')
                throw new VfsException(path ?? "", "path must be absolute");
            List<string> parts = Text.SplitPath(path);
            var names = new List<string>();
            for (int i = 0; i < parts.Count; i++)
                if (parts[i].Length > 0)
                    names.Add(parts[i]);
            if (names.Count == 0)
                throw new VfsException("/", "is the root directory");
            name = names[names.Count - 1];
            if (name == "." || name == "..")
                throw new VfsException(path, "invalid argument: the path ends in '" + name + "', not a name");
            string parentPath = "";
            for (int i = 0; i < names.Count - 1; i++)
                parentPath += "/" + names[i];
            VfsLocation parent = Resolve(parentPath.Length == 0 ? "/" : parentPath, true);
            if (parent.FileSystem.Stat(parent.Node).Type != VfsNodeType.Directory)
                throw new VfsException(parent.Path, "not a directory");
            return parent;
        }

        /// <summary>The writer for a new name in <paramref name="parent"/>: refused when the name is a mount point (it exists).</summary>
        private IWritableFileSystem WritableForNew(VfsLocation parent, string childPath)
        {
            if (_mounts.ContainsKey(childPath))
                throw new VfsException(childPath, "exists");
            return Writable(parent, childPath);
        }

        private IWritableFileSystem Writable(VfsLocation at) => Writable(at, at.Path);

        /// <summary>The filesystem of <paramref name="at"/> as a writer, or "read-only filesystem" naming <paramref name="path"/> and why.</summary>
        private IWritableFileSystem Writable(VfsLocation at, string path)
        {
            VfsMount? mount = MountOf(at.FileSystem);
            string? reason = mount != null ? mount.ReadOnlyReason : "not mounted";
            IWritableFileSystem? writer = at.FileSystem as IWritableFileSystem;
            if (reason != null || writer == null)
                throw new VfsException(path, "read-only filesystem (" + reason + ")");
            return writer;
        }

        private static VfsStat RegularFile(VfsLocation at)
        {
            VfsStat st = at.FileSystem.Stat(at.Node);
            if (st.Type != VfsNodeType.File)
                throw new VfsException(at.Path, st.Type == VfsNodeType.Directory ? "is a directory" : "not a regular file");
            return st;
        }

        private static string Child(string directory, string name)
        {
            return directory == "/" ? "/" + name : directory + "/" + name;
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
}
