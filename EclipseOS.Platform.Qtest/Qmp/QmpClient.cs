using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace EclipseOS.Platform.Qtest.Qmp
{
    /// <summary>
    /// A client of QEMU's machine protocol (QMP, docs/interop/qmp-spec.rst) on a Unix socket:
    /// reads the greeting, leaves capabilities negotiation, then runs commands one at a time and
    /// returns their <c>return</c> value. Asynchronous events are skipped. Every read has a deadline.
    /// </summary>
    public sealed class QmpClient : IDisposable
    {
        private readonly Socket _socket;
        private readonly NetworkStream _stream;
        private readonly StreamReader _reader;
        private readonly TimeSpan _timeout;

        private QmpClient(Socket socket, TimeSpan timeout)
        {
            _socket = socket;
            _timeout = timeout;
            _stream = new NetworkStream(socket, ownsSocket: false) { ReadTimeout = (int)timeout.TotalMilliseconds };
            _reader = new StreamReader(_stream, new UTF8Encoding(false));
        }

        /// <summary>
        /// Connects to QEMU's QMP socket at <paramref name="path"/> (retrying while QEMU starts,
        /// up to <paramref name="timeout"/>), reads the greeting and enters command mode.
        /// </summary>
        public static QmpClient Connect(string path, TimeSpan timeout)
        {
            DateTime end = DateTime.UtcNow + timeout;
            while (true)
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    socket.Connect(new UnixDomainSocketEndPoint(path));
                    var client = new QmpClient(socket, timeout);
                    using (JsonDocument greeting = client.ReadMessage())
                    {
                        if (!greeting.RootElement.TryGetProperty("QMP", out _))
                            throw new QmpException("QMP at " + path + " did not greet with a \"QMP\" object: " + greeting.RootElement.GetRawText());
                    }
                    client.Execute("qmp_capabilities").Dispose();
                    return client;
                }
                catch (SocketException) when (DateTime.UtcNow < end)
                {
                    socket.Dispose();
                    Thread.Sleep(50);
                }
            }
        }

        /// <summary>
        /// Runs <paramref name="command"/> (with <paramref name="arguments"/>, a JSON object, or
        /// null) and returns the whole response document; its <c>return</c> member is the result.
        /// A QMP <c>error</c> becomes a <see cref="QmpException"/> naming the command.
        /// </summary>
        public JsonDocument Execute(string command, string? arguments = null)
        {
            string request = "{\"execute\":\"" + command + "\"" + (arguments != null ? ",\"arguments\":" + arguments : "") + "}\n";
            _stream.Write(Encoding.UTF8.GetBytes(request));
            while (true)
            {
                JsonDocument message = ReadMessage();
                JsonElement root = message.RootElement;
                if (root.TryGetProperty("return", out _))
                    return message;
                if (root.TryGetProperty("error", out JsonElement error))
                {
                    string text = error.GetRawText();
                    message.Dispose();
                    throw new QmpException("QMP " + command + " failed: " + text);
                }
                message.Dispose(); // an event
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _reader.Dispose();
            _stream.Dispose();
            _socket.Dispose();
        }

        private JsonDocument ReadMessage()
        {
            string? line;
            try
            {
                line = _reader.ReadLine();
            }
            catch (IOException e)
            {
                throw new QmpException("QMP sent nothing within " + _timeout.TotalSeconds + " s (" + e.Message + ")");
            }
            if (line == null)
                throw new QmpException("QMP closed the connection (QEMU exited)");
            return JsonDocument.Parse(line);
        }
    }
}
