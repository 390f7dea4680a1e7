using EclipseOS.Kernel.Core.Shell;

namespace EclipseOS.Kernel.Cosmos
{
    /// <summary>Shell output on the VGA text console (Cosmos plugs <see cref="System.Console"/>).</summary>
    public sealed class ConsoleTextOutput : ITextOutput
    {
        /// <inheritdoc />
        public void WriteLine(string line) => System.Console.WriteLine(line);
    }
}
