using EclipseOS.Hal.Time;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.Kernel.Core.Mounting;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>stat PATH</c>: a node's metadata (a final symlink is described itself, as <c>stat</c> does).</summary>
    public sealed class StatCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "stat";

        /// <inheritdoc />
        public string Usage => "stat PATH";

        /// <inheritdoc />
        public string Summary => "show a file's type, size, mode, owner and times";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 1)
                throw new ShellException("usage: " + Usage);
            MountTable files = session.Files;
            string absolute = session.Absolute(args[0]);
            VfsLocation at = files.Resolve(absolute, false);
            VfsStat st = at.FileSystem.Stat(at.Node);
            string shown = at.Path;
            if (st.Type == VfsNodeType.Symlink)
                shown += " -> " + at.FileSystem.ReadLink(at.Node);
            MountRecord? mount = session.Kernel.MountOf(at.FileSystem);
            var output = session.Output;
            output.WriteLine("  File: " + shown);
            output.WriteLine("  Type: " + FileMode.TypeName(st.Type));
            output.WriteLine("  Size: " + st.Size);
            output.WriteLine("Device: " + (mount != null ? mount.Device + " (" + mount.FileSystemType + ")" : "?") + "  Inode: " + st.Node + "  Links: " + st.LinkCount);
            output.WriteLine("Access: " + FileMode.Octal(st.Mode) + " (" + FileMode.Describe(st.Type, st.Mode) + ")  Uid: " + st.Uid + "  Gid: " + st.Gid);
            output.WriteLine("Access: " + UnixTime.Format(st.AccessTime));
            output.WriteLine("Modify: " + UnixTime.Format(st.ModifyTime));
            output.WriteLine("Change: " + UnixTime.Format(st.ChangeTime));
        }
    }
}
