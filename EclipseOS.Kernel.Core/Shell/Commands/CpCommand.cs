using System.Collections.Generic;
using EclipseOS.EclipseFS.Vfs;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary>
    /// <c>cp [-r] SRC DST</c>: copies a file (following symlinks), or with <c>-r</c> a tree
    /// (symlinks inside copied as symlinks), into DST or into DST/SRC-name when DST is an
    /// existing directory; also from one filesystem to another. New files and directories keep
    /// the source's permission bits.
    /// </summary>
    public sealed class CpCommand : IShellCommand
    {
        /// <summary>Bytes per read and write: each write is one filesystem operation.</summary>
        private const int ChunkBytes = 256 * 1024;

        /// <inheritdoc />
        public string Name => "cp";

        /// <inheritdoc />
        public string Usage => "cp [-r] SRC DST";

        /// <inheritdoc />
        public string Summary => "copy a file (into DST when it is a directory); -r copies a directory tree";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            bool recursive;
            List<string> paths = PathArguments.WithFlag(args, "-r", Usage, out recursive);
            if (paths.Count != 2)
                throw new ShellException("usage: " + Usage);
            MountTable files = session.Files;
            string source = session.Absolute(paths[0]);
            string target = session.Absolute(paths[1]);
            VfsLocation from = files.Resolve(source, true);
            VfsStat st = from.FileSystem.Stat(from.Node);
            target = PathNames.Destination(files, source, target);
            if (st.Type != VfsNodeType.Directory)
            {
                CopyFile(files, from.Path, st, target);
                return;
            }
            if (!recursive)
                throw new VfsException(from.Path, "is a directory (cp -r copies a tree)");
            CopyTree(files, from, st, target);
        }

        /// <summary>Copies the file <paramref name="source"/> (metadata <paramref name="st"/>) to <paramref name="target"/>, replacing its content.</summary>
        private static void CopyFile(MountTable files, string source, VfsStat st, string target)
        {
            VfsFile output;
            if (files.Exists(target))
            {
                VfsLocation existing = files.Resolve(target, true);
                VfsLocation original = files.Resolve(source, true);
                if (existing.FileSystem == original.FileSystem && existing.Node == original.Node)
                    throw new VfsException(target, "is the same file as " + source);
                output = files.OpenForWrite(target, false, true);
            }
            else
            {
                files.CreateFile(target, st.Mode & 0xFFF);
                output = files.OpenForWrite(target, false, false);
            }
            VfsFile input = files.Open(source);
            var chunk = new byte[ChunkBytes];
            while (true)
            {
                int read = input.Read(chunk, 0, chunk.Length);
                if (read == 0)
                    break;
                output.Write(chunk, 0, read);
            }
            if (input.Position != input.Length)
                throw new VfsException(source, "read ended at byte " + input.Position + " of " + input.Length);
        }

        /// <summary>
        /// Copies the directory <paramref name="top"/> to <paramref name="target"/> (made, or
        /// merged into when it is a directory already), walking with an explicit list.
        /// </summary>
        private static void CopyTree(MountTable files, VfsLocation top, VfsStat st, string target)
        {
            string targetParent = files.Resolve(PathNames.Parent(target), true).Path;
            if (PathNames.IsWithin(targetParent, top.Path))
                throw new VfsException(target, "cannot copy the directory " + top.Path + " into itself");
            var sources = new List<VfsLocation>();
            var targets = new List<string>();
            var modes = new List<uint>();
            sources.Add(top);
            targets.Add(target);
            modes.Add(st.Mode);
            while (sources.Count > 0)
            {
                int last = sources.Count - 1;
                VfsLocation directory = sources[last];
                string into = targets[last];
                uint mode = modes[last];
                sources.RemoveAt(last);
                targets.RemoveAt(last);
                modes.RemoveAt(last);
                if (!files.Exists(into))
                    files.CreateDirectory(into, mode & 0xFFF);
                else if (files.Stat(into).Type != VfsNodeType.Directory)
                    throw new VfsException(into, "exists and is not a directory");
                List<VfsDirectoryEntry> entries = directory.FileSystem.ReadDirectory(directory.Node);
                for (int i = 0; i < entries.Count; i++)
                {
                    string child = PathNames.Child(directory.Path, entries[i].Name);
                    string copy = PathNames.Child(into, entries[i].Name);
                    VfsLocation at = files.Resolve(child, false);
                    VfsStat childStat = at.FileSystem.Stat(at.Node);
                    if (childStat.Type == VfsNodeType.Directory)
                    {
                        sources.Add(at);
                        targets.Add(copy);
                        modes.Add(childStat.Mode);
                    }
                    else if (childStat.Type == VfsNodeType.Symlink)
                        files.CreateSymlink(copy, at.FileSystem.ReadLink(at.Node));
                    else
                        CopyFile(files, child, childStat, copy);
                }
            }
        }
    }
}
