using System;
using System.Collections.Generic;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Vfs;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>mkdir [-p] PATH...</c>: makes directories (mode 0755).</summary>
    public sealed class MkdirCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "mkdir";

        /// <inheritdoc />
        public string Usage => "mkdir [-p] PATH...";

        /// <inheritdoc />
        public string Summary => "make directories; -p also makes missing parents and accepts existing ones";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            bool parents;
            List<string> paths = PathArguments.WithFlag(args, "-p", Usage, out parents);
            if (paths.Count == 0)
                throw new ShellException("usage: " + Usage);
            MountTable files = session.Files;
            var failures = new CommandFailures(session, Name);
            for (int i = 0; i < paths.Count; i++)
            {
                try
                {
                    string absolute = session.Absolute(paths[i]);
                    if (parents)
                        MakeWithParents(files, absolute);
                    else
                        files.CreateDirectory(absolute, MountTable.DefaultDirectoryMode);
                }
                catch (Exception e)
                {
                    failures.Add(e);
                }
            }
            failures.ThrowIfAny();
        }

        /// <summary>Makes every missing directory on the way to <paramref name="path"/>; existing directories are fine.</summary>
        private static void MakeWithParents(MountTable files, string path)
        {
            List<string> parts = Text.SplitPath(path);
            string current = "";
            for (int i = 0; i < parts.Count; i++)
            {
                if (parts[i].Length == 0)
                    continue;
                current += "/" + parts[i];
                if (parts[i] == "." || parts[i] == "..")
                    continue;
                if (!files.Exists(current))
                    files.CreateDirectory(current, MountTable.DefaultDirectoryMode);
                else if (files.Stat(current).Type != VfsNodeType.Directory)
                    throw new VfsException(current, "exists and is not a directory");
            }
        }
    }
}
