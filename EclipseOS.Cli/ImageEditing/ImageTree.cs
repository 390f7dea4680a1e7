using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using EclipseOS.Cli.EclipseFs;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.Storage;

namespace EclipseOS.Cli.ImageEditing
{
    /// <summary>
    /// The tree of an opened image addressed by <see cref="ImagePath"/>s: lookups that say which
    /// part of a path is missing or not a directory, and the engine's operations
    /// (<see cref="IWritableFileSystem"/>) with their errors restated as IMG:PATH and the
    /// problem. Every change is one engine operation, atomic and durable when it returns.
    /// </summary>
    public sealed class ImageTree
    {
        private readonly EclipseFsImage _image;
        private readonly string _imageName;

        /// <summary>Works on <paramref name="image"/>, shown in messages as <paramref name="imageName"/>.</summary>
        public ImageTree(EclipseFsImage image, string imageName)
        {
            _image = image;
            _imageName = imageName;
        }

        /// <summary>The mounted filesystem.</summary>
        public EclipseFsVolume Volume => _image.Volume;

        /// <summary><paramref name="path"/> as messages show it: IMG:/a/b.</summary>
        public string Show(ImagePath path) => _imageName + ":" + path;

        /// <summary>The node <paramref name="inode"/>.</summary>
        public EclipseFsNode Node(uint inode) => Volume.GetNode(inode);

        /// <summary>
        /// The inode at <paramref name="path"/>, or 0 when its last name does not exist. Throws when
        /// a directory on the way is missing or is not a directory (symlinks are not followed).
        /// </summary>
        public uint Find(ImagePath path) => Find(path, path);

        /// <summary><see cref="Find(ImagePath)"/>, with errors about <paramref name="about"/> (a path below <paramref name="path"/>).</summary>
        private uint Find(ImagePath path, ImagePath about)
        {
            uint inode = EclipseFsLayout.RootInode;
            for (int i = 0; i < path.Parts.Count; i++)
            {
                EclipseFsNode node = Volume.GetNode(inode);
                if (!node.IsDirectory)
                    throw NotADirectory(about, Prefix(path, i), node);
                uint child = Volume.LookupChild(inode, path.Parts[i]);
                if (child == 0)
                {
                    if (i == path.Parts.Count - 1)
                        return 0;
                    throw new ImageOperationException(Show(about) + ": no such file or directory (" + Prefix(path, i + 1) + " does not exist)");
                }
                inode = child;
            }
            if (path.TrailingSlash && !Volume.GetNode(inode).IsDirectory)
                throw new ImageOperationException(Show(path) + ": not a directory");
            return inode;
        }

        /// <summary>The inode at <paramref name="path"/>; throws when it does not exist.</summary>
        public uint Get(ImagePath path)
        {
            uint inode = Find(path);
            if (inode == 0)
                throw new ImageOperationException(Show(path) + ": no such file or directory");
            return inode;
        }

        /// <summary>
        /// The directory that holds (or is to hold) <paramref name="path"/>; errors name
        /// <paramref name="path"/> and say which part of the way is missing or not a directory.
        /// </summary>
        public uint ParentOf(ImagePath path)
        {
            ImagePath parent = path.Parent;
            uint inode = Find(parent, path);
            if (inode == 0)
                throw new ImageOperationException(Show(path) + ": no such file or directory (" + parent + " does not exist)");
            EclipseFsNode node = Volume.GetNode(inode);
            if (!node.IsDirectory)
                throw NotADirectory(path, parent.ToString(), node);
            return inode;
        }

        private ImageOperationException NotADirectory(ImagePath about, string part, EclipseFsNode node) =>
            new ImageOperationException(Show(about) + ": " + part + " is a " + Text.TypeName(node.Type) + ", not a directory" +
                (node.Type == NodeType.Symlink ? " (paths inside an image do not follow symlinks)" : ""));

        /// <summary>A name not yet used in <paramref name="directory"/>, hidden and saying which verb made it (e.g. ".eclipse-cp-1a2b3c4d").</summary>
        public string TemporaryName(uint directory, string verb)
        {
            while (true)
            {
                string name = ".eclipse-" + verb + "-" + RandomNumberGenerator.GetHexString(8, lowercase: true);
                if (Volume.LookupChild(directory, name) == 0)
                    return name;
            }
        }

        /// <summary>Creates directory <paramref name="name"/> in <paramref name="parent"/>.</summary>
        public uint CreateDirectory(uint parent, string name, uint mode, ImagePath shown) =>
            Change(shown, () => (uint)Volume.CreateDirectory(parent, name, mode));

        /// <summary>Creates an empty file.</summary>
        public uint CreateFile(uint parent, string name, uint mode, ImagePath shown) =>
            Change(shown, () => (uint)Volume.CreateFile(parent, name, mode));

        /// <summary>Creates a symlink to <paramref name="target"/>.</summary>
        public uint CreateSymlink(uint parent, string name, string target, ImagePath shown) =>
            Change(shown, () => (uint)Volume.CreateSymlink(parent, name, target));

        /// <summary>Appends or writes <paramref name="count"/> bytes at <paramref name="position"/>.</summary>
        public void Write(uint file, ulong position, byte[] buffer, int count, ImagePath shown) =>
            Change(shown, () => { Volume.Write(file, position, buffer, 0, count); return 0u; });

        /// <summary>Moves a name; an existing file or symlink target is replaced in the same operation.</summary>
        public void Rename(uint fromDirectory, string fromName, uint toDirectory, string toName, ImagePath shown) =>
            Change(shown, () => { Volume.Rename(fromDirectory, fromName, toDirectory, toName); return 0u; });

        /// <summary>Removes a file or symlink.</summary>
        public void Unlink(uint directory, string name, ImagePath shown) =>
            Change(shown, () => { Volume.Unlink(directory, name); return 0u; });

        /// <summary>Removes an empty directory.</summary>
        public void RemoveDirectory(uint directory, string name, ImagePath shown) =>
            Change(shown, () => { Volume.RemoveDirectory(directory, name); return 0u; });

        /// <summary>
        /// Removes <paramref name="name"/> in <paramref name="parent"/> with everything below it,
        /// deepest first (one engine operation per node); <paramref name="removed"/> hears of each
        /// node removed. A directory reached twice (a damaged image) stops the removal.
        /// </summary>
        public void RemoveTree(uint parent, string name, ImagePath shown, Action? removed)
        {
            uint top = Volume.LookupChild(parent, name);
            if (top == 0)
                throw new ImageOperationException(Show(shown) + ": no such file or directory");
            var visited = new HashSet<uint>();
            var pending = new List<(uint Parent, string Name, uint Inode, ImagePath Path, bool Emptied)> { (parent, name, top, shown, false) };
            while (pending.Count > 0)
            {
                var (dir, entry, inode, path, emptied) = pending[pending.Count - 1];
                if (!Volume.GetNode(inode).IsDirectory)
                {
                    pending.RemoveAt(pending.Count - 1);
                    Unlink(dir, entry, path);
                    removed?.Invoke();
                    continue;
                }
                if (emptied)
                {
                    pending.RemoveAt(pending.Count - 1);
                    RemoveDirectory(dir, entry, path);
                    removed?.Invoke();
                    continue;
                }
                if (!visited.Add(inode))
                    throw new ImageOperationException(Show(path) + ": directory inode " + inode + " is reached a second time (a damaged image; run fsck)");
                pending[pending.Count - 1] = (dir, entry, inode, path, true);
                foreach (DirectoryEntry child in Volume.ReadDirectory(inode))
                    pending.Add((inode, child.Name, child.Inode, path.Child(child.Name), false));
            }
        }

        /// <summary>Nodes in the tree at <paramref name="inode"/> (itself included) and the bytes of its files, for progress totals.</summary>
        public (ulong Nodes, ulong Bytes) Measure(uint inode)
        {
            ulong nodes = 0, bytes = 0;
            var visited = new HashSet<uint>();
            var pending = new Stack<uint>();
            pending.Push(inode);
            while (pending.Count > 0)
            {
                EclipseFsNode node = Volume.GetNode(pending.Pop());
                nodes++;
                if (node.Type == NodeType.File)
                    bytes += node.ContentLength;
                if (!node.IsDirectory || !visited.Add(node.Inode))
                    continue;
                foreach (DirectoryEntry child in Volume.ReadDirectory(node.Inode))
                    pending.Push(child.Inode);
            }
            return (nodes, bytes);
        }

        /// <summary>
        /// Bytes the filesystem has free, or null before its first change (the log that change
        /// creates is placed first, so what is free is only known after it).
        /// </summary>
        public ulong? FreeBytes
        {
            get
            {
                return Volume.Journal == null ? null : Volume.FreeBytes();
            }
        }

        /// <summary>The error for <paramref name="path"/> when the filesystem is full: <paramref name="detail"/> and what the user can do.</summary>
        public ImageOperationException NoSpace(ImagePath path, string detail) =>
            new ImageOperationException(Show(path) + ": no space left on device: " + detail + "; " + SpaceHint());

        /// <summary>Runs one engine operation, restating its refusal as IMG:PATH: problem.</summary>
        private T Change<T>(ImagePath shown, Func<T> operation)
        {
            try
            {
                return operation();
            }
            catch (VfsException e)
            {
                string problem = e.Problem;
                if (problem.StartsWith("no space left on device", StringComparison.Ordinal))
                    problem += "; " + SpaceHint();
                throw new ImageOperationException(Show(shown) + ": " + problem, e);
            }
        }

        /// <summary>What a user can do when the filesystem is full, which depends on whether it fills the image file.</summary>
        private string SpaceHint()
        {
            string size = ByteSize.Format(Volume.DeviceBytes);
            if (_image.IsBare)
                return _imageName + " is a bare filesystem image of " + size + " and is never grown: make a larger one with `eclipse extract " +
                       _imageName + " DIR` and `eclipse mkfs DIR -o NEW.img --size SIZE` (mkfs without --size makes an image exactly as large as its content)";
            return "the partition " + _image.Device.Name + " (" + size + ") is full";
        }

        private static string Prefix(ImagePath path, int parts)
        {
            var names = new string[parts];
            for (int i = 0; i < parts; i++)
                names[i] = path.Parts[i];
            return "/" + string.Join("/", names);
        }
    }
}
