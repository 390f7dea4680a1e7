using System;
using System.Collections.Generic;
using System.IO;
using EclipseOS.EclipseFS.Tools.Writing;

namespace EclipseOS.Cli.ImageEditing
{
    /// <summary>
    /// <c>eclipse cp [-r] SRC… IMG:PATH</c>: copies host files, symlinks (as symlinks) and, with
    /// recursion, directories into an image through the engine, keeping permission bits.
    /// </summary>
    /// <remarks>
    /// Nothing is left half-done, although a file takes several engine operations (create, one
    /// write per 1 MiB piece, a rename): a file is written under a hidden temporary name in its
    /// target directory and renamed over its name in one operation at the end (which replaces an
    /// existing file atomically); a new directory is built whole under a hidden name and renamed
    /// into place the same way. When a step fails, what was written under the hidden name is
    /// removed again; an existing directory that a directory is copied into (merged, as cp does)
    /// keeps the files finished before the failure, and the error lists them. Sources are all
    /// checked, and their trees walked, before anything is written.
    /// </remarks>
    public sealed class CopyIn
    {
        private const int Piece = 1024 * 1024;

        private readonly ImageTree _tree;
        private readonly string _imageFile;
        private readonly Action<ulong, ulong>? _progress;
        private readonly DoneList _done;
        private readonly byte[] _buffer = new byte[Piece];
        private ulong _total;

        /// <summary>Copies into <paramref name="tree"/>, the image file <paramref name="imageFile"/> (never copied into itself).</summary>
        public CopyIn(ImageTree tree, string imageFile, DoneList done, Action<ulong, ulong>? progress)
        {
            _tree = tree;
            _imageFile = Path.GetFullPath(imageFile);
            _done = done;
            _progress = progress;
        }

        /// <summary>What was copied so far.</summary>
        public CopyCounts Counts { get; } = new CopyCounts();

        /// <summary>
        /// Copies <paramref name="sources"/> to <paramref name="target"/>: into it when it is an
        /// existing directory, else as it (one source only; an existing file or symlink is replaced).
        /// </summary>
        public void Run(IReadOnlyList<string> sources, ImagePath target, bool recursive)
        {
            foreach (string source in sources)
                _total += Measure(source, recursive, true);

            uint existing = _tree.Find(target);
            var destinations = new List<(string Source, uint Parent, string Name, ImagePath Path)>();
            if (existing != 0 && _tree.Node(existing).IsDirectory)
            {
                foreach (string source in sources)
                {
                    string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(source)));
                    if (name.Length == 0)
                        throw new ImageOperationException(source + ": has no name to copy it under (copy what it holds instead)");
                    destinations.Add((source, existing, name, target.Child(name)));
                }
            }
            else
            {
                if (sources.Count > 1)
                    throw new ImageOperationException(_tree.Show(target) + (existing == 0 ? ": no such directory" : ": not a directory") +
                        " (several sources are copied into an existing directory)");
                if (target.TrailingSlash)
                    throw new ImageOperationException(_tree.Show(target) + ": no such directory");
                destinations.Add((sources[0], _tree.ParentOf(target), target.Name, target));
            }

            RefuseWhatCannotFit(destinations, target);
            foreach (var (source, parent, name, path) in destinations)
                Copy(source, parent, name, path, false);
        }

        /// <summary>
        /// Refuses, before anything is written, sources whose content is more than the free space
        /// plus every file byte the copy could replace (what already lies at the destinations).
        /// Copies that pass may still run out — records and directories take a little more, and a
        /// file needs its bytes in one piece — which the engine reports as it goes.
        /// </summary>
        private void RefuseWhatCannotFit(List<(string Source, uint Parent, string Name, ImagePath Path)> destinations, ImagePath target)
        {
            ulong? free = _tree.FreeBytes;
            if (free == null || _total <= free.Value)
                return;
            ulong replaceable = 0;
            foreach (var (_, parent, name, _) in destinations)
            {
                uint existing = _tree.Volume.LookupChild(parent, name);
                if (existing != 0)
                    replaceable += _tree.Measure(existing).Bytes;
            }
            if (_total > free.Value + replaceable)
                throw _tree.NoSpace(target, "the sources hold " + Storage.ByteSize.Format(_total) + " (" + _total + " bytes), the filesystem has " +
                    Storage.ByteSize.Format(free.Value) + " (" + free.Value + " bytes) free" +
                    (replaceable > 0 ? " and the files they would replace hold " + replaceable + " bytes" : ""));
        }

        /// <summary>
        /// Checks <paramref name="source"/> (and everything below it) can be copied and returns
        /// its file bytes: it must exist, be a file, symlink or (with recursion) directory, and not
        /// be the image itself.
        /// </summary>
        private ulong Measure(string source, bool recursive, bool top)
        {
            if (top && !File.Exists(source) && !Directory.Exists(source) && new FileInfo(source).LinkTarget == null)
                throw new ImageOperationException(source + ": no such file or directory");
            UnixFileStatus status = UnixFileStatus.Of(source);
            switch (status.Mode & UnixFileStatus.TypeMask)
            {
                case UnixFileStatus.TypeFile:
                    if (string.Equals(Path.GetFullPath(source), _imageFile, StringComparison.Ordinal))
                        throw new ImageOperationException(source + ": is the image being changed");
                    return (ulong)status.Size;
                case UnixFileStatus.TypeSymlink:
                    return 0;
                case UnixFileStatus.TypeDirectory:
                    if (!recursive)
                        throw new ImageOperationException(source + ": is a directory (use cp -r)");
                    ulong bytes = 0;
                    foreach (string child in Directory.EnumerateFileSystemEntries(source))
                        bytes += Measure(child, true, false);
                    return bytes;
                default:
                    throw new ImageOperationException(source + ": is a " + HostKind(status.Mode) + "; EclipseFS holds only files, directories and symlinks");
            }
        }

        /// <summary>
        /// Copies <paramref name="source"/> as <paramref name="name"/> in <paramref name="parent"/>.
        /// Inside a directory being built under a hidden name (<paramref name="inNewTree"/>)
        /// nodes are created under their own names: the whole tree appears at once.
        /// </summary>
        private void Copy(string source, uint parent, string name, ImagePath path, bool inNewTree)
        {
            UnixFileStatus status = UnixFileStatus.Of(source);
            uint mode = status.Mode & 0xFFF;
            switch (status.Mode & UnixFileStatus.TypeMask)
            {
                case UnixFileStatus.TypeFile:
                    if (inNewTree)
                        WriteFile(source, _tree.CreateFile(parent, name, mode, path), path);
                    else
                        ReplaceWith(parent, name, path, source, temporary => WriteFile(source, _tree.CreateFile(parent, temporary, mode, path), path));
                    Counts.Files++;
                    break;
                case UnixFileStatus.TypeSymlink:
                    string target = new FileInfo(source).LinkTarget!;
                    if (inNewTree || _tree.Volume.LookupChild(parent, name) == 0)
                        _tree.CreateSymlink(parent, name, target, path);
                    else
                        ReplaceWith(parent, name, path, source, temporary => _tree.CreateSymlink(parent, temporary, target, path));
                    Counts.Symlinks++;
                    break;
                case UnixFileStatus.TypeDirectory:
                    CopyDirectory(source, mode, parent, name, path, inNewTree);
                    return;
                default:
                    throw new ImageOperationException(source + ": is a " + HostKind(status.Mode) + "; EclipseFS holds only files, directories and symlinks");
            }
            if (!inNewTree)
                _done.Add(_tree.Show(path));
        }

        private void CopyDirectory(string source, uint mode, uint parent, string name, ImagePath path, bool inNewTree)
        {
            if (inNewTree)
            {
                uint made = _tree.CreateDirectory(parent, name, mode, path);
                Counts.Directories++;
                CopyChildren(source, made, path, true);
                return;
            }
            uint existing = _tree.Volume.LookupChild(parent, name);
            if (existing != 0)
            {
                if (!_tree.Node(existing).IsDirectory)
                    throw new ImageOperationException(_tree.Show(path) + ": exists and is not a directory (cannot replace it with the directory " + source + ")");
                CopyChildren(source, existing, path, false);
                return;
            }
            string hidden = _tree.TemporaryName(parent, "cp");
            uint directory = _tree.CreateDirectory(parent, hidden, mode, path);
            try
            {
                CopyChildren(source, directory, path, true);
                _tree.Rename(parent, hidden, parent, name, path);
            }
            catch (Exception e) when (ImageOperationException.IsOperationError(e))
            {
                string? left = Discard(parent, hidden, path);
                if (left == null)
                    throw;
                throw new ImageOperationException(e.Message + "; " + left, e);
            }
            Counts.Directories++;
            _done.Add(_tree.Show(path));
        }

        private void CopyChildren(string source, uint directory, ImagePath path, bool inNewTree)
        {
            var children = new List<string>(Directory.EnumerateFileSystemEntries(source));
            children.Sort(StringComparer.Ordinal);
            foreach (string child in children)
            {
                string name = Path.GetFileName(child);
                Copy(child, directory, name, path.Child(name), inNewTree);
            }
        }

        /// <summary>
        /// Makes <paramref name="name"/> anew through a hidden temporary name that
        /// <paramref name="make"/> fills, then renames it over <paramref name="name"/> (replacing
        /// a file or symlink in the same operation).
        /// </summary>
        private void ReplaceWith(uint parent, string name, ImagePath path, string source, Action<string> make)
        {
            uint existing = _tree.Volume.LookupChild(parent, name);
            if (existing != 0 && _tree.Node(existing).IsDirectory)
                throw new ImageOperationException(_tree.Show(path) + ": is a directory (cannot replace it with " + source + ")");
            string hidden = _tree.TemporaryName(parent, "cp");
            try
            {
                make(hidden);
                _tree.Rename(parent, hidden, parent, name, path);
            }
            catch (Exception e) when (ImageOperationException.IsOperationError(e))
            {
                string? left = Discard(parent, hidden, path);
                if (left == null)
                    throw;
                throw new ImageOperationException(e.Message + "; " + left, e);
            }
        }

        /// <summary>Removes what a failed copy left under a hidden name; null when that worked, else what is left where.</summary>
        private string? Discard(uint parent, string hidden, ImagePath path)
        {
            if (_tree.Volume.LookupChild(parent, hidden) == 0)
                return null;
            ImagePath left = path.Parent.Child(hidden);
            try
            {
                _tree.RemoveTree(parent, hidden, left, null);
                return null;
            }
            catch (Exception e) when (ImageOperationException.IsOperationError(e))
            {
                return "the unfinished copy is left as " + _tree.Show(left) + " (" + e.Message + "); eclipse rm -r IMG " + left + " removes it";
            }
        }

        /// <summary>Streams the host file into the image file <paramref name="inode"/> in 1 MiB pieces, one engine write each.</summary>
        private void WriteFile(string source, uint inode, ImagePath path)
        {
            using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            ulong position = 0;
            while (true)
            {
                int n = input.ReadAtLeast(_buffer, _buffer.Length, throwOnEndOfStream: false);
                if (n == 0)
                    break;
                _tree.Write(inode, position, _buffer, n, path);
                position += (ulong)n;
                Counts.Bytes += (ulong)n;
                _progress?.Invoke(Counts.Bytes, Math.Max(Counts.Bytes, _total));
            }
        }

        private static string HostKind(uint mode) => (mode & UnixFileStatus.TypeMask) switch
        {
            0x1000 => "FIFO",
            0x2000 => "character device",
            0x6000 => "block device",
            0xC000 => "socket",
            _ => "special file",
        };
    }
}
