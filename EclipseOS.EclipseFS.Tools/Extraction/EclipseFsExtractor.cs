using System;
using System.Collections.Generic;
using System.IO;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Tools.Hashing;

namespace EclipseOS.EclipseFS.Tools.Extraction
{
    /// <summary>What an extraction wrote.</summary>
    public sealed class ExtractResult
    {
        /// <summary>Directories created (the target included).</summary>
        public int Directories { get; internal set; }
        /// <summary>Files written.</summary>
        public int Files { get; internal set; }
        /// <summary>Symlinks created.</summary>
        public int Symlinks { get; internal set; }
        /// <summary>Content bytes written.</summary>
        public ulong Bytes { get; internal set; }
    }

    /// <summary>Extraction refused a name or structure in the image; nothing is written outside the target.</summary>
    public sealed class ExtractException : Exception
    {
        /// <summary>Creates the error.</summary>
        public ExtractException(string message) : base(message) { }
    }

    /// <summary>
    /// Writes an image's tree into a host directory, treating every name as hostile: the target
    /// must be new or empty; each name is checked (no "", ".", "..", '/', '\', NUL, control
    /// characters, more than 255 bytes), names in one directory must not collide even on a
    /// case-insensitive host; every path is checked to lie under the target; files are created
    /// with CreateNew (never through something already there); symlinks are created but never
    /// followed; a directory reached twice (cycle or second parent) stops the extraction.
    /// Content is checked against CONTENT_CRC32C while it streams.
    /// </summary>
    public sealed class EclipseFsExtractor
    {
        private const int CopyBuffer = 1024 * 1024;

        private readonly EclipseFsVolume _volume;
        private readonly byte[] _buffer = new byte[CopyBuffer];
        private readonly Action<ulong>? _progress;
        private readonly ExtractResult _result = new ExtractResult();
        private string _root = "";

        /// <summary>Prepares to extract <paramref name="volume"/> (mount it with VerifyContentOnRead off: this checks while streaming).</summary>
        public EclipseFsExtractor(EclipseFsVolume volume, Action<ulong>? progress)
        {
            _volume = volume;
            _progress = progress;
        }

        /// <summary>Extracts the whole tree into <paramref name="target"/>.</summary>
        public ExtractResult Extract(string target)
        {
            _root = Path.GetFullPath(target);
            if (File.Exists(_root) || (Directory.Exists(_root) && Directory.EnumerateFileSystemEntries(_root).GetEnumerator().MoveNext()))
                throw new ExtractException(target + ": target must not exist or be an empty directory");
            if (new DirectoryInfo(_root).LinkTarget != null)
                throw new ExtractException(target + ": target is a symlink");
            Directory.CreateDirectory(_root);
            _result.Directories++;
            ExtractTree(EclipseFsLayout.RootInode, "/");
            return _result;
        }

        /// <summary>
        /// Extracts one node as <paramref name="path"/>, which must not exist: a file, a symlink,
        /// or a directory with everything below it, under the same rules as <see cref="Extract"/>
        /// (<c>eclipse cp</c> out of an image). <paramref name="imagePath"/> names the node in errors.
        /// </summary>
        public ExtractResult ExtractNode(uint inode, string imagePath, string path)
        {
            string full = Path.GetFullPath(path);
            if (File.Exists(full) || Directory.Exists(full) || new FileInfo(full).LinkTarget != null)
                throw new ExtractException(path + ": already exists");
            EclipseFsNode node = _volume.GetNode(inode);
            switch (node.Type)
            {
                case NodeType.Directory:
                    _root = full;
                    Directory.CreateDirectory(_root);
                    _result.Directories++;
                    ExtractTree(inode, imagePath);
                    break;
                case NodeType.Symlink:
                    CreateSymlink(inode, full, imagePath);
                    break;
                default:
                    WriteFile(node, full, imagePath);
                    _result.Files++;
                    break;
            }
            return _result;
        }

        /// <summary>Writes what directory <paramref name="top"/> holds into <see cref="_root"/> (created), then its mode and time.</summary>
        private void ExtractTree(uint top, string topImagePath)
        {
            var visited = new HashSet<uint> { top };
            var pendingTimes = new List<(string Path, ulong Mtime, uint Mode)>();
            var stack = new Stack<(uint Inode, string Path, string ImagePath)>();
            stack.Push((top, _root, topImagePath));
            while (stack.Count > 0)
            {
                (uint dirInode, string dirPath, string imagePath) = stack.Pop();
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (DirectoryEntry entry in _volume.ReadDirectory(dirInode))
                {
                    string entryImagePath = imagePath.EndsWith('/') ? imagePath + entry.Name : imagePath + "/" + entry.Name;
                    CheckName(entry.Name, entryImagePath);
                    if (!seen.Add(entry.Name))
                        throw new ExtractException(entryImagePath + ": name collides with another entry of the same directory (names are compared case-insensitively)");
                    string path = Path.GetFullPath(Path.Combine(dirPath, entry.Name));
                    if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.GetDirectoryName(path) != dirPath)
                        throw new ExtractException(entryImagePath + ": would be written outside " + _root);
                    if (File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget != null)
                        throw new ExtractException(entryImagePath + ": " + path + " already exists");
                    EclipseFsNode node = _volume.GetNode(entry.Inode);
                    switch (node.Type)
                    {
                        case NodeType.Directory:
                            if (!visited.Add(entry.Inode))
                                throw new ExtractException(entryImagePath + ": directory inode " + entry.Inode + " is reached a second time (a cycle or a second parent)");
                            Directory.CreateDirectory(path);
                            _result.Directories++;
                            pendingTimes.Add((path, node.Mtime, node.Mode));
                            stack.Push((entry.Inode, path, entryImagePath));
                            break;
                        case NodeType.Symlink:
                            CreateSymlink(entry.Inode, path, entryImagePath);
                            break;
                        default:
                            WriteFile(node, path, entryImagePath);
                            _result.Files++;
                            break;
                    }
                }
            }
            // Directory modes and times last, deepest first: writing children would change them.
            for (int i = pendingTimes.Count - 1; i >= 0; i--)
                Apply(pendingTimes[i].Path, pendingTimes[i].Mtime, pendingTimes[i].Mode);
            EclipseFsNode root = _volume.GetNode(top);
            Apply(_root, root.Mtime, root.Mode);
        }

        private void CreateSymlink(uint inode, string path, string imagePath)
        {
            string linkTarget = _volume.ReadLink(inode);
            if (linkTarget.Length == 0 || linkTarget.IndexOf('\0') >= 0)
                throw new ExtractException(imagePath + ": refusing a symlink whose target is empty or contains NUL");
            File.CreateSymbolicLink(path, linkTarget);
            _result.Symlinks++;
        }

        private static void CheckName(string name, string imagePath)
        {
            if (name.Length == 0 || name == "." || name == "..")
                throw new ExtractException(imagePath + ": refusing the name \"" + name + "\"");
            foreach (char c in name)
                if (c == '/' || c == '\\' || c < 0x20 || c == 0x7F)
                    throw new ExtractException(imagePath + ": refusing a name with a separator or control character (U+" + ((int)c).ToString("X4") + ")");
            if (System.Text.Encoding.UTF8.GetByteCount(name) > EclipseFsLayout.MaxNameLength)
                throw new ExtractException(imagePath + ": name longer than 255 bytes");
        }

        private void WriteFile(EclipseFsNode node, string path, string imagePath)
        {
            uint crc = 0;
            using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                if (node.ContentLength > 0)
                    output.SetLength((long)node.ContentLength);
                ulong position = 0;
                while (position < node.ContentLength)
                {
                    int n = _volume.Read(node.Inode, position, _buffer, 0, _buffer.Length);
                    if (n == 0)
                        break;
                    if (node.HasContentCrc)
                        crc = HardwareCrc32C.Instance.Append(crc, _buffer, 0, n);
                    output.Write(_buffer, 0, n);
                    position += (ulong)n;
                    _result.Bytes += (ulong)n;
                    _progress?.Invoke(_result.Bytes);
                }
            }
            if (node.HasContentCrc && crc != node.ContentCrc)
            {
                File.Delete(path);
                throw new EclipseFsException(node.Inode, "CONTENT_CRC32C", node.ContentOffset,
                    imagePath + ": stored 0x" + node.ContentCrc.ToString("X8") + " but the content's CRC-32C is 0x" + crc.ToString("X8"));
            }
            Apply(path, node.Mtime, node.Mode);
        }

        private static void Apply(string path, ulong mtime, uint mode)
        {
            // Permission bits only: setuid/setgid/sticky from an untrusted image are dropped, and a
            // directory stays rwx for its owner so the user can still remove what was extracted.
            bool directory = Directory.Exists(path);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, (UnixFileMode)((mode & 0x1FF) | (directory ? 0x1C0u : 0u)));
            DateTime time = DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(mtime, 253402300799UL)).UtcDateTime;
            if (directory)
                Directory.SetLastWriteTimeUtc(path, time);
            else
                File.SetLastWriteTimeUtc(path, time);
        }
    }
}
