using EclipseOS.Hal;

namespace EclipseOS.Kernel.Core.Logging
{
    /// <summary>
    /// The kernel's log: every line goes to the console/serial sink and into a fixed-size ring
    /// that <c>dmesg</c> prints. The ring keeps the newest lines, so a long session cannot
    /// exhaust memory; <see cref="Dropped"/> says how many old lines were overwritten.
    /// </summary>
    public sealed class KernelLog : ILog
    {
        /// <summary>Lines kept when no capacity is given.</summary>
        public const int DefaultCapacity = 512;

        private readonly string[] _ring;
        private readonly ILog? _sink;
        private int _next;
        private int _count;
        private ulong _dropped;

        /// <summary>Creates a log keeping <paramref name="capacity"/> lines and echoing each one to <paramref name="sink"/> (may be null).</summary>
        public KernelLog(ILog? sink, int capacity = DefaultCapacity)
        {
            if (capacity < 1)
                capacity = 1;
            _ring = new string[capacity];
            _sink = sink;
        }

        /// <summary>Lines overwritten because the ring was full.</summary>
        public ulong Dropped => _dropped;

        /// <inheritdoc />
        public void WriteLine(string line)
        {
            Record(line);
            if (_sink != null)
                _sink.WriteLine(line ?? "");
        }

        /// <summary>
        /// Keeps <paramref name="line"/> for <c>dmesg</c> without echoing it: for what a shell
        /// command has already printed on the console itself.
        /// </summary>
        public void Record(string line)
        {
            if (_count == _ring.Length)
                _dropped++;
            else
                _count++;
            _ring[_next] = line ?? "";
            _next = (_next + 1) % _ring.Length;
        }

        /// <summary>The kept lines, oldest first.</summary>
        public string[] Lines()
        {
            var lines = new string[_count];
            int first = (_next - _count + _ring.Length) % _ring.Length;
            for (int i = 0; i < _count; i++)
                lines[i] = _ring[(first + i) % _ring.Length];
            return lines;
        }
    }
}
