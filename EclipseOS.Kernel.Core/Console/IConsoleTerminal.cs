namespace EclipseOS.Kernel.Core.Console
{
    /// <summary>
    /// One place a person (or a test harness) talks to the shell: the serial port, the VGA
    /// screen with the keyboard. The shell's output goes to every terminal; input comes from any.
    /// </summary>
    public interface IConsoleTerminal
    {
        /// <summary>Takes one typed character when there is one (never waits).</summary>
        bool TryRead(out char c);

        /// <summary>Shows <paramref name="text"/>; "\n" starts a new line.</summary>
        void Write(string text);

        /// <summary>
        /// Emits a shell-integration mark (<see cref="ShellMarks"/>) that a program reading the
        /// terminal can find and a person never sees; a screen that would show it ignores it.
        /// </summary>
        void Mark(string mark);
    }
}
