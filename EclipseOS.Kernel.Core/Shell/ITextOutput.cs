namespace EclipseOS.Kernel.Core.Shell
{
    /// <summary>Where the shell prints: the console on Cosmos, the terminal or a test's buffer when hosted.</summary>
    public interface ITextOutput
    {
        /// <summary>Prints one line and a newline.</summary>
        void WriteLine(string line);
    }
}
