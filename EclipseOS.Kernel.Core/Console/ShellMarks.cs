namespace EclipseOS.Kernel.Core.Console
{
    /// <summary>
    /// The marks a harness reads on the serial console to drive the shell: the operating-system
    /// command sequences <c>ESC ] 633 ; … BEL</c> of VS Code's terminal shell integration, which
    /// terminals that do not know them ignore. <c>A</c> starts a prompt (the shell waits for a
    /// line), <c>D;N</c> ends a command with exit code N (0 success, 1 failure).
    /// </summary>
    public static class ShellMarks
    {
        /// <summary>What every mark starts with.</summary>
        public const string Introducer = "\u001b]633;";

        /// <summary>What every mark ends with (BEL).</summary>
        public const char Terminator = '\u0007';

        /// <summary>The mark before a prompt.</summary>
        public const string PromptStart = "A";

        /// <summary>The mark after a command, with its exit code.</summary>
        public static string CommandFinished(bool succeeded) => succeeded ? "D;0" : "D;1";

        /// <summary>A mark as it appears on the wire.</summary>
        public static string Encode(string mark) => Introducer + mark + Terminator;
    }
}
