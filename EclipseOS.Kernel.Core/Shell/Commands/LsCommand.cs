using EclipseOS.Hal.Time;
using System.Collections.Generic;
using EclipseOS.EclipseFS.Vfs;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>ls [-l] [PATH]</c>: lists a directory (sorted by name) or names a file.</summary>
    public sealed class LsCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "ls";

        /// <inheritdoc />
        public string Usage => "ls [-l] [PATH]";

        /// <inheritdoc />
        public string Summary => "list a directory; -l adds mode, links, owner, size, time";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            bool longFormat = false;
            string? path = null;
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] == "-l")
                    longFormat = true;
                else if (args[i].Length > 1 && args[i][0] == '-')
                    throw new ShellException("unknown option " + args[i] + " (usage: " + Usage + ")");
                else if (path == null)
                    path = args[i];
                else
                    throw new ShellException("usage: " + Usage);
            }
            MountTable files = session.Files;
            string absolute = session.Absolute(path ?? ".");
            VfsStat target = files.Stat(absolute);
            if (target.Type != VfsNodeType.Directory)
            {
                Print(session, files, absolute, path ?? ".", longFormat);
                return;
            }

            List<VfsDirectoryEntry> entries = files.ReadDirectory(absolute);
            var names = new List<string>(entries.Count);
            for (int i = 0; i < entries.Count; i++)
                names.Add(entries[i].Name);
            // Original images list children in hash-map order; the shell shows them sorted.
            OrdinalSort.Sort(names);
            string prefix = absolute.EndsWith("/") ? absolute : absolute + "/";
            for (int i = 0; i < names.Count; i++)
                Print(session, files, prefix + names[i], names[i], longFormat);
        }

        private static void Print(ShellSession session, MountTable files, string absolute, string shown, bool longFormat)
        {
            if (!longFormat)
            {
                session.Output.WriteLine(shown);
                return;
            }
            VfsStat st = files.LinkStat(absolute);
            string line = FileMode.Describe(st.Type, st.Mode) + " " + st.LinkCount.ToString().PadLeft(2) + " "
                + st.Uid.ToString().PadLeft(4) + " " + st.Gid.ToString().PadLeft(4) + " "
                + st.Size.ToString().PadLeft(9) + " " + UnixTime.Format(st.ModifyTime) + " " + shown;
            if (st.Type == VfsNodeType.Symlink)
                line += " -> " + files.ReadLink(absolute);
            session.Output.WriteLine(line);
        }
    }
}
