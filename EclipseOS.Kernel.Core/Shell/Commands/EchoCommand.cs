namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>echo TEXT...</c>: prints the words joined by blanks; with <c>&gt; PATH</c> or <c>&gt;&gt; PATH</c> into a file.</summary>
    public sealed class EchoCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "echo";

        /// <inheritdoc />
        public string Usage => "echo TEXT... [> PATH | >> PATH]";

        /// <inheritdoc />
        public string Summary => "print TEXT; > PATH replaces the file with it, >> PATH appends (any command's output redirects so)";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            string text = "";
            for (int i = 0; i < args.Length; i++)
                text += (i > 0 ? " " : "") + args[i];
            session.Output.WriteLine(text);
        }
    }
}
