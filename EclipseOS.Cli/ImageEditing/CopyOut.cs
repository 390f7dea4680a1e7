using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Tools.Extraction;

namespace EclipseOS.Cli.ImageEditing
{
    /// <summary>
    /// <c>eclipse cp [-r] IMG:PATH… DEST</c>: copies files, symlinks and (with recursion)
    /// directories out of an image, through <see cref="EclipseFsExtractor"/> — the same checks
    /// of hostile names, CONTENT_CRC32C while streaming in 1 MiB pieces, permission bits and
    /// modification times as <c>eclipse extract</c>.
    /// </summary>
    /// <remarks>
    /// Each source is written under a hidden temporary name beside its destination and renamed
    /// into place at the end (rename(2): an existing file or symlink is replaced atomically), so a
    /// failure leaves nothing behind but what earlier sources finished. A directory is not merged
    /// into an existing host directory: its destination must be new.
    /// </remarks>
    public sealed class CopyOut
    {
        private readonly ImageTree _tree;
        private readonly DoneList _done;
        private readonly Action<ulong, ulong>? _progress;

        /// <summary>Copies out of <paramref name="tree"/>.</summary>
        public CopyOut(ImageTree tree, DoneList done, Action<ulong, ulong>? progress)
        {
            _tree = tree;
            _done = done;
            _progress = progress;
        }

        /// <summary>What was copied.</summary>
        public CopyCounts Counts { get; } = new CopyCounts();

        /// <summary>
        /// Copies <paramref name="sources"/> to <paramref name="destination"/>: into it when it is an
        /// existing directory, else as it (one source only).
        /// </summary>
        public void Run(IReadOnlyList<ImagePath> sources, string destination, bool recursive)
        {
            var inodes = new List<uint>();
            ulong total = 0;
            foreach (ImagePath source in sources)
            {
                uint inode = _tree.Get(source);
                EclipseFsNode node = _tree.Node(inode);
                if (node.IsDirectory && !recursive)
                    throw new ImageOperationException(_tree.Show(source) + ": is a directory (use cp -r)");
                inodes.Add(inode);
                if (_progress != null)
                    total += _tree.Measure(inode).Bytes;
            }

            var targets = new List<string>();
            if (Directory.Exists(destination))
            {
                foreach (ImagePath source in sources)
                {
                    if (source.IsRoot)
                        throw new ImageOperationException(_tree.Show(source) + ": the root has no name to copy it under into " + destination + " (give a new directory as DEST)");
                    targets.Add(Path.Combine(destination, source.Name));
                }
            }
            else
            {
                if (sources.Count > 1)
                    throw new ImageOperationException(destination + (File.Exists(destination) ? ": not a directory" : ": no such directory") +
                        " (several sources are copied into an existing directory)");
                if (Path.EndsInDirectorySeparator(destination) && !File.Exists(destination))
                    throw new ImageOperationException(destination + ": no such directory");
                string? parent = Path.GetDirectoryName(Path.GetFullPath(destination));
                if (parent != null && !Directory.Exists(parent))
                    throw new ImageOperationException(destination + ": no such file or directory (" + parent + " is not a directory)");
                targets.Add(destination);
            }

            ulong before = 0;
            for (int i = 0; i < sources.Count; i++)
            {
                ulong offset = before;
                var extractor = new EclipseFsExtractor(_tree.Volume, _progress == null ? null : done => _progress(offset + done, Math.Max(offset + done, total)));
                ExtractResult r = Copy(extractor, inodes[i], sources[i], targets[i]);
                Counts.Files += r.Files;
                Counts.Directories += r.Directories;
                Counts.Symlinks += r.Symlinks;
                Counts.Bytes += r.Bytes;
                before += r.Bytes;
                _done.Add(targets[i]);
            }
        }

        private ExtractResult Copy(EclipseFsExtractor extractor, uint inode, ImagePath source, string target)
        {
            bool isDirectory = _tree.Node(inode).IsDirectory;
            bool targetIsLink = new FileInfo(target).LinkTarget != null;
            if (Directory.Exists(target) && !targetIsLink)
                throw new ImageOperationException(target + (isDirectory
                    ? ": exists (a directory copied out of an image is not merged into an existing one; give a new name)"
                    : ": is a directory (cannot replace it with the " + EclipseFS.Format.Text.TypeName(_tree.Node(inode).Type) + " " + _tree.Show(source) + ")"));
            if (isDirectory && (File.Exists(target) || targetIsLink))
                throw new ImageOperationException(target + ": exists and is not a directory (cannot replace it with the directory " + _tree.Show(source) + ")");

            string folder = Path.GetDirectoryName(Path.GetFullPath(target))!;
            string hidden = Path.Combine(folder, ".eclipse-cp-" + RandomNumberGenerator.GetHexString(8, lowercase: true));
            try
            {
                ExtractResult r = extractor.ExtractNode(inode, _tree.Show(source), hidden);
                if (isDirectory)
                    Directory.Move(hidden, target);
                else
                    File.Move(hidden, target, overwrite: true);
                return r;
            }
            catch (Exception e) when (ImageOperationException.IsOperationError(e))
            {
                try
                {
                    Remove(hidden);
                }
                catch (Exception cleanup) when (cleanup is IOException || cleanup is UnauthorizedAccessException)
                {
                    throw new ImageOperationException(e.Message + "; the unfinished copy is left as " + hidden + " (" + cleanup.Message + ")", e);
                }
                throw;
            }
        }

        /// <summary>Removes a partly written copy (a symlink is removed, never followed).</summary>
        private static void Remove(string hidden)
        {
            var info = new FileInfo(hidden);
            if (info.LinkTarget != null || File.Exists(hidden))
                File.Delete(hidden);
            else if (Directory.Exists(hidden))
                Directory.Delete(hidden, recursive: true);
        }
    }
}
