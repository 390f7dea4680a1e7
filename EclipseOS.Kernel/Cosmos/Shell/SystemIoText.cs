using EclipseOS.Kernel.Core.Shell;

namespace EclipseOS.Kernel.Cosmos.Shell
{
    /// <summary>What the System.IO write commands share: the words of a command as one line of text.</summary>
    internal static class SystemIoText
    {
        /// <summary>The arguments from <paramref name="first"/> on, joined by blanks, and a newline; a usage error when there are none.</summary>
        public static string Line(string[] args, int first, string usage)
        {
            if (args.Length <= first)
                throw new ShellException("usage: " + usage);
            string text = "";
            for (int i = first; i < args.Length; i++)
                text += (i > first ? " " : "") + args[i];
            return text + "\n";
        }
    }
}
