using System;
using System.Collections.Generic;
using EclipseOS.EclipseFS.Vfs;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>rm [-r] PATH...</c>: removes files and symlinks; with <c>-r</c> also directories and everything in them.</summary>
    public sealed class RmCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "rm";

        /// <inheritdoc />
        public string Usage => "rm [-r] PATH...";

        /// <inheritdoc />
        public string Summary => "remove files and symlinks; -r removes directories with their contents";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            bool recursive;
            List<string> paths = PathArguments.WithFlag(args, "-r", Usage, out recursive);
            if (paths.Count == 0)
                throw new ShellException("usage: " + Usage);
            MountTable files = session.Files;
            var failures = new CommandFailures(session, Name);
            for (int i = 0; i < paths.Count; i++)
            {
                try
                {
                    Remove(files, session.Absolute(paths[i]), recursive);
                }
                catch (Exception e)
                {
                    failures.Add(e);
                }
            }
            failures.ThrowIfAny();
        }

        private static void Remove(MountTable files, string path, bool recursive)
        {
            VfsLocation at = files.Resolve(path, false);
            if (at.FileSystem.Stat(at.Node).Type != VfsNodeType.Directory)
            {
                files.Unlink(path);
                return;
            }
            if (!recursive)
                throw new VfsException(at.Path, "is a directory (rm -r removes it with its contents, rmdir an empty one)");
            if (at.Path == "/")
                throw new VfsException("/", "refusing to remove the root directory");
            RemoveTree(files, at);
        }

        /// <summary>
        /// Removes the directory <paramref name="top"/> and everything below it. The whole tree is
        /// listed first (by walking, not recursion), so a mount point inside is refused before
        /// anything is removed; then files and symlinks go, then directories, deepest first.
        /// </summary>
        private static void RemoveTree(MountTable files, VfsLocation top)
        {
            var directories = new List<string>();
            var others = new List<string>();
            var pending = new List<VfsLocation>();
            pending.Add(top);
            while (pending.Count > 0)
            {
                VfsLocation directory = pending[pending.Count - 1];
                pending.RemoveAt(pending.Count - 1);
                if (IsMountPoint(files, directory))
                    throw new VfsException(directory.Path, "is a mount point (umount it first); nothing was removed");
                directories.Add(directory.Path);
                List<VfsDirectoryEntry> entries = directory.FileSystem.ReadDirectory(directory.Node);
                for (int i = 0; i < entries.Count; i++)
                {
                    string child = PathNames.Child(directory.Path, entries[i].Name);
                    VfsLocation at = files.Resolve(child, false);
                    if (at.FileSystem.Stat(at.Node).Type == VfsNodeType.Directory)
                        pending.Add(at);
                    else
                        others.Add(child);
                }
            }
            for (int i = 0; i < others.Count; i++)
                files.Unlink(others[i]);
            // Listed parents first: removed in the opposite order, children go before their parents.
            for (int i = directories.Count - 1; i >= 0; i--)
                files.RemoveDirectory(directories[i]);
        }

        private static bool IsMountPoint(MountTable files, VfsLocation at)
        {
            VfsMount? mount = files.MountOf(at.FileSystem);
            return mount != null && mount.Path == at.Path;
        }
    }
}
