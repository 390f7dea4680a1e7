using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace EclipseOS.Benchmarks.Qtest
{
    /// <summary>
    /// The floor qtest is measured against: the same pipe mechanics with a trivial peer
    /// (<c>cat</c>) instead of QEMU — line round trips and bulk bytes through a child's
    /// stdin/stdout, in the same run, so the ratio says what QEMU's main loop adds.
    /// </summary>
    public sealed class PipeBaseline : IDisposable
    {
        private readonly Process _cat;
        private readonly Stream _in;
        private readonly Stream _out;

        /// <summary>Starts <c>cat</c>.</summary>
        public PipeBaseline()
        {
            var info = new ProcessStartInfo("cat") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            _cat = Process.Start(info) ?? throw new InvalidOperationException("cannot start cat");
            _in = _cat.StandardInput.BaseStream;
            _out = new BufferedStream(_cat.StandardOutput.BaseStream, 1 << 16);
        }

        /// <summary><paramref name="count"/> one-line round trips, each answered before the next is sent.</summary>
        public Rate LineRoundTrips(int count)
        {
            byte[] line = { (byte)'x', (byte)'\n' };
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < count; i++)
            {
                _in.Write(line, 0, 2);
                _in.Flush();
                while (ReadByte() != '\n') { }
            }
            return new Rate(count, clock.Elapsed);
        }

        /// <summary><paramref name="count"/> lines written in one burst, then all answers read.</summary>
        public Rate PipelinedLines(int count)
        {
            var burst = new byte[count * 2];
            for (int i = 0; i < count; i++) { burst[2 * i] = (byte)'x'; burst[2 * i + 1] = (byte)'\n'; }
            var clock = Stopwatch.StartNew();
            var writer = new Thread(() => { _in.Write(burst, 0, burst.Length); _in.Flush(); });
            writer.Start();
            for (int i = 0; i < count; i++)
                while (ReadByte() != '\n') { }
            writer.Join();
            return new Rate(count, clock.Elapsed);
        }

        /// <summary>Pushes <paramref name="bytes"/> through the pipe and back (a writer thread feeds, this thread drains).</summary>
        public Rate Bulk(int bytes)
        {
            var chunk = new byte[64 * 1024];
            var clock = Stopwatch.StartNew();
            var writer = new Thread(() =>
            {
                for (int sent = 0; sent < bytes; sent += chunk.Length) _in.Write(chunk, 0, Math.Min(chunk.Length, bytes - sent));
                _in.Flush();
            });
            writer.Start();
            var sink = new byte[64 * 1024];
            for (int got = 0; got < bytes;)
            {
                int n = _out.Read(sink, 0, Math.Min(sink.Length, bytes - got));
                if (n == 0) throw new EndOfStreamException("cat closed its output");
                got += n;
            }
            writer.Join();
            return new Rate(bytes, clock.Elapsed);
        }

        /// <summary>Stops <c>cat</c>.</summary>
        public void Dispose()
        {
            try
            {
                _in.Dispose();
                if (!_cat.WaitForExit(2000)) _cat.Kill();
                _cat.WaitForExit();
            }
            finally
            {
                _cat.Dispose();
            }
        }

        private int ReadByte()
        {
            int b = _out.ReadByte();
            if (b < 0) throw new EndOfStreamException("cat closed its output");
            return b;
        }
    }
}
