namespace EclipseOS.Hal
{
    /// <summary>Where drivers and the kernel write their log lines (serial port, console, test output).</summary>
    public interface ILog
    {
        /// <summary>Writes one line, without a trailing newline.</summary>
        void WriteLine(string line);
    }
}
