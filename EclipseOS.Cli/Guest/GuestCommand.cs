namespace EclipseOS.Cli.Guest
{
    /// <summary>One shell command run in the guest over COM1.</summary>
    public sealed class GuestCommand
    {
        /// <summary>Creates a result; see the properties.</summary>
        public GuestCommand(string command, string transcript, string output, bool succeeded)
        {
            Command = command;
            Transcript = transcript;
            Output = output;
            Succeeded = succeeded;
        }

        /// <summary>The command line sent.</summary>
        public string Command { get; }

        /// <summary>What the terminal showed: the prompt, the echoed command and its output (marks removed, "\n" line ends).</summary>
        public string Transcript { get; }

        /// <summary>The command's output alone: the lines after the echoed command.</summary>
        public string Output { get; }

        /// <summary>Whether the shell's mark said it succeeded (exit code 0).</summary>
        public bool Succeeded { get; }
    }
}
