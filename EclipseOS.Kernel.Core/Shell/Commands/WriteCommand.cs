using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Vfs;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>write PATH TEXT...</c>: replaces a file's content (creating it) with the words joined by blanks and a newline.</summary>
    public sealed class WriteCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "write";

        /// <inheritdoc />
        public string Usage => "write PATH TEXT...";

        /// <inheritdoc />
        public string Summary => "replace a file's content with TEXT and a newline (creating the file)";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length < 2)
                throw new ShellException("usage: " + Usage);
            string text = "";
            for (int i = 1; i < args.Length; i++)
                text += (i > 1 ? " " : "") + args[i];
            byte[] bytes = Utf8Name.Encode(text + "\n");
            VfsFile file = session.Files.OpenForWrite(session.Absolute(args[0]), true, true);
            file.Write(bytes, 0, bytes.Length);
        }
    }
}
