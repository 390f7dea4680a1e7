using EclipseOS.Hal;
using EclipseOS.Hal.Serial;

namespace EclipseOS.Cosmos.Platform
{
    /// <summary>
    /// The kernel log: every line goes to the console (VGA text screen) and to COM1, which QEMU
    /// sends to the terminal and to a file (<c>eclipse run</c>) or to the console window (F5).
    /// </summary>
    public sealed class CosmosLog : ILog
    {
        private readonly Uart16550? _serial;

        /// <summary>Logs to the screen and to <paramref name="serial"/> (null: no serial port found).</summary>
        public CosmosLog(Uart16550? serial)
        {
            _serial = serial;
        }

        /// <inheritdoc />
        public void WriteLine(string line)
        {
            System.Console.WriteLine(line);
            _serial?.Write(line + "\n");
        }
    }
}
