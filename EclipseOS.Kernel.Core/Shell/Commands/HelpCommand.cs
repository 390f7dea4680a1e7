namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>help [COMMAND]</c>: lists the commands, or shows one command's synopsis.</summary>
    public sealed class HelpCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "help";

        /// <inheritdoc />
        public string Usage => "help [COMMAND]";

        /// <inheritdoc />
        public string Summary => "list the commands, or show how to use one";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length > 1)
                throw new ShellException("usage: " + Usage);
            if (args.Length == 1)
            {
                IShellCommand? command = session.Shell.Find(args[0]);
                if (command == null)
                    throw new ShellException("no command '" + args[0] + "'");
                session.Output.WriteLine(command.Usage + " - " + command.Summary);
                return;
            }
            var commands = session.Shell.Commands;
            int width = 0;
            for (int i = 0; i < commands.Count; i++)
            {
                if (commands[i].Usage.Length > width)
                    width = commands[i].Usage.Length;
            }
            for (int i = 0; i < commands.Count; i++)
                session.Output.WriteLine("  " + commands[i].Usage.PadRight(width) + "  " + commands[i].Summary);
        }
    }
}
