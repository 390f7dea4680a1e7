using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace EclipseOS.Cli.Guest
{
    /// <summary>
    /// COM1 of a guest, read from QEMU's serial socket on a background thread into one growing
    /// text; readers wait, with a deadline, for a piece of text to appear after a position.
    /// </summary>
    public sealed class SerialStream : IDisposable
    {
        private readonly Socket _socket;
        private readonly StringBuilder _text = new StringBuilder();
        private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();
        private readonly Thread _reader;
        private readonly Action<string>? _onText;
        private bool _closed;

        private SerialStream(Socket socket, Action<string>? onText)
        {
            _socket = socket;
            _onText = onText;
            _reader = new Thread(ReadLoop) { IsBackground = true, Name = "guest COM1 reader" };
            _reader.Start();
        }

        /// <summary>Whether the other end closed (QEMU exited).</summary>
        public bool Closed
        {
            get { lock (_text) return _closed; }
        }

        /// <summary>Everything received so far.</summary>
        public string Text
        {
            get { lock (_text) return _text.ToString(); }
        }

        /// <summary>
        /// Connects to QEMU's listening serial socket at <paramref name="path"/>, retrying until
        /// <paramref name="timeout"/> while QEMU starts; <paramref name="onText"/> sees each piece as it arrives.
        /// </summary>
        public static SerialStream Connect(string path, TimeSpan timeout, Func<bool> qemuAlive, Action<string>? onText)
        {
            DateTime end = DateTime.UtcNow + timeout;
            while (true)
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    socket.Connect(new UnixDomainSocketEndPoint(path));
                    return new SerialStream(socket, onText);
                }
                catch (SocketException) when (DateTime.UtcNow < end && qemuAlive())
                {
                    socket.Dispose();
                    Thread.Sleep(50);
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    throw new IOException("cannot connect to the guest's serial socket " + path + (qemuAlive() ? " within " + timeout.TotalSeconds + " s" : ": QEMU exited") + " (" + e.Message + ")", e);
                }
            }
        }

        /// <summary>Sends <paramref name="text"/> to the guest's COM1 as UTF-8.</summary>
        public void Send(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            _socket.Send(bytes);
        }

        /// <summary>
        /// Waits until <paramref name="token"/> appears at or after <paramref name="from"/>; returns
        /// its index, or -1 when <paramref name="deadline"/> passes or the stream closes first.
        /// </summary>
        public int WaitFor(string token, int from, DateTime deadline)
        {
            lock (_text)
            {
                int scanFrom = from;
                while (true)
                {
                    int found = IndexOf(token, scanFrom);
                    if (found >= 0)
                        return found;
                    // Only text that arrives later can complete the token: rescan just the tail.
                    scanFrom = Math.Max(from, _text.Length - token.Length + 1);
                    TimeSpan left = deadline - DateTime.UtcNow;
                    if (_closed || left <= TimeSpan.Zero)
                        return -1;
                    Monitor.Wait(_text, left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
                }
            }
        }

        /// <summary>The text from <paramref name="start"/> to <paramref name="end"/>.</summary>
        public string Slice(int start, int end)
        {
            lock (_text) return _text.ToString(start, end - start);
        }

        /// <inheritdoc />
        public void Dispose()
        {
            try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { }
            _socket.Dispose();
            _reader.Join(TimeSpan.FromSeconds(5));
        }

        private int IndexOf(string token, int from)
        {
            if (from > _text.Length)
                return -1;
            // StringBuilder has no IndexOf; WaitFor searches each arrival once.
            return _text.ToString(from, _text.Length - from).IndexOf(token, StringComparison.Ordinal) is int i and >= 0 ? from + i : -1;
        }

        private void ReadLoop()
        {
            var buffer = new byte[65536];
            var chars = new char[65536 + 4];
            while (true)
            {
                int read;
                try
                {
                    read = _socket.Receive(buffer);
                }
                catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
                {
                    read = 0;
                }
                string piece = "";
                lock (_text)
                {
                    if (read == 0)
                    {
                        _closed = true;
                        Monitor.PulseAll(_text);
                        return;
                    }
                    int count = _utf8.GetChars(buffer, 0, read, chars, 0);
                    piece = new string(chars, 0, count);
                    _text.Append(piece);
                    Monitor.PulseAll(_text);
                }
                _onText?.Invoke(piece);
            }
        }
    }
}
