using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using EclipseOS.Platform.Qtest.Process;

namespace EclipseOS.Platform.Qtest.Protocol
{
    /// <summary>
    /// The qtest protocol over QEMU's stdin/stdout (QEMU's docs/devel/qtest.rst): one command
    /// per line, answered by <c>OK [value]</c> or <c>FAIL reason</c>; asynchronous
    /// <c>IRQ raise N</c> / <c>IRQ lower N</c> lines may arrive between a command and its
    /// answer and are set aside as line levels and a queue of edges.
    /// </summary>
    /// <remarks>
    /// A lone round trip costs ≈ 80 µs because QEMU's main loop wakes once per line, while a
    /// pipelined command costs ≈ 3 µs. So commands whose answer is a bare <c>OK</c> (writes)
    /// are queued without waiting; their answers are drained lazily before the next command
    /// that needs a value, and a <c>FAIL</c> found while draining is reported then, naming
    /// the command. Every wait on QEMU is bounded by <see cref="Timeout"/>: no progress for
    /// that long is a <see cref="QtestException"/> carrying QEMU's stderr.
    /// </remarks>
    public sealed class QtestConnection : IDisposable
    {
        /// <summary>
        /// Bare <c>OK</c> answers left unread at most (3 bytes each: 24 KiB, well inside the 64 KiB
        /// pipe, so QEMU never blocks writing them while we block writing commands).
        /// </summary>
        private const int MaxPendingAnswers = 8192;
        /// <summary>
        /// When <see cref="MaxPendingAnswers"/> is reached, answers are read only down to this
        /// many, so QEMU keeps working on the rest while we queue more.
        /// </summary>
        private const int PendingAfterPartialDrain = 4096;
        /// <summary>Queued command bytes that trigger a write to QEMU even without a query.</summary>
        private const int FlushThreshold = 64 * 1024;
        /// <summary>Commands per burst of a repeated query; keeps QEMU's answers within the pipe buffer.</summary>
        private const int MaxBurst = 2048;
        private const int MaxIrqLine = 255;
        private const int MaxQueuedEdges = 4096;

        private readonly QemuProcess _qemu;
        private readonly QtestCounters _counters;
        private byte[] _out = new byte[64 * 1024];
        private int _outLength;
        private byte[] _in = new byte[64 * 1024];
        private int _inStart;
        private int _inEnd;
        private int _lineStart;
        private int _lineLength;
        private readonly Queue<string> _pending = new Queue<string>();
        private readonly bool[] _irqLevel = new bool[MaxIrqLine + 1];
        private readonly long[] _irqRaises = new long[MaxIrqLine + 1];
        private readonly Queue<IrqEdge> _edges = new Queue<IrqEdge>();
        private string? _broken;
        private bool _lastWasIrq;
        private string? _deferredFailure;

        /// <summary>Speaks qtest with <paramref name="qemu"/>, counting into <paramref name="counters"/>.</summary>
        public QtestConnection(QemuProcess qemu, QtestCounters counters, TimeSpan timeout)
        {
            _qemu = qemu;
            _counters = counters;
            Timeout = timeout;
        }

        /// <summary>How long QEMU may make no progress on an exchange before it counts as wedged.</summary>
        public TimeSpan Timeout { get; set; }

        /// <summary>Called after an exchange completes when interrupt edges are queued (the safe point for handlers).</summary>
        internal Action? EdgesQueued { get; set; }

        /// <summary>Whether interrupt <paramref name="line"/> is currently raised, as of the last line read.</summary>
        public bool IsIrqRaised(int line) => line >= 0 && line <= MaxIrqLine && _irqLevel[line];

        /// <summary>How many times <paramref name="line"/> was raised since the connection opened.</summary>
        public long IrqRaiseCount(int line) => line >= 0 && line <= MaxIrqLine ? _irqRaises[line] : 0;

        /// <summary>Takes the oldest interrupt edge not yet taken; false when none is queued.</summary>
        public bool TryTakeEdge(out IrqEdge edge) => _edges.TryDequeue(out edge);

        /// <summary>Queues a command whose answer is a bare <c>OK</c>, without waiting for it.</summary>
        public void Send(string command)
        {
            ThrowIfBroken();
            Append(command);
            ExpectOk(command);
        }

        /// <summary>Queues <c>b64write</c> of <paramref name="count"/> bytes to guest memory at <paramref name="address"/>.</summary>
        public void SendBase64Write(ulong address, byte[] data, int offset, int count)
        {
            ThrowIfBroken();
            string head = "b64write 0x" + address.ToString("x") + " 0x" + count.ToString("x");
            Append(head + " ", newline: false);
            EnsureOut(Base64.GetMaxEncodedToUtf8Length(count) + 1);
            OperationStatus status = Base64.EncodeToUtf8(new ReadOnlySpan<byte>(data, offset, count), new Span<byte>(_out, _outLength, _out.Length - _outLength), out _, out int written);
            if (status != OperationStatus.Done) throw new InvalidOperationException("base64 encoding failed: " + status);
            _outLength += written;
            _out[_outLength++] = (byte)'\n';
            ExpectOk(head);
        }

        /// <summary>
        /// Records that the command just appended awaits a bare <c>OK</c>; bounds the unread
        /// answers and the unsent bytes.
        /// </summary>
        private void ExpectOk(string command)
        {
            _pending.Enqueue(command);
            _counters.Commands++;
            if (_pending.Count >= MaxPendingAnswers) DrainTo(PendingAfterPartialDrain);
            else if (_outLength >= FlushThreshold) Flush();
        }

        /// <summary>Sends <paramref name="command"/> and returns its answer's value (the text after <c>OK </c>, "" when none).</summary>
        public string Query(string command)
        {
            BeginQuery(command);
            ReadAnswer(command);
            if (!IsOk()) throw Refused(command);
            string value = _lineLength > 3 ? Encoding.ASCII.GetString(_in, _lineStart + 3, _lineLength - 3) : "";
            EndExchange();
            return value;
        }

        /// <summary>Sends a command answered by <c>OK 0x…</c> and returns the number.</summary>
        public ulong QueryValue(string command)
        {
            BeginQuery(command);
            ReadAnswer(command);
            ulong value = ParseHexValue(command);
            EndExchange();
            return value;
        }

        /// <summary>
        /// Sends <paramref name="command"/> <paramref name="count"/> times as one pipelined burst
        /// and stores each answer's number in <paramref name="values"/> (a string port read).
        /// </summary>
        public void QueryValues(string command, int count, ulong[] values)
        {
            ThrowIfBroken();
            for (int done = 0; done < count;)
            {
                int burst = Math.Min(MaxBurst, count - done);
                for (int i = 0; i < burst; i++) Append(command);
                _counters.Commands += burst;
                Flush();
                _counters.RoundTrips++;
                string? failure = ReadPendingAnswers(0);
                _deferredFailure ??= failure;
                for (int i = 0; i < burst; i++)
                {
                    ReadAnswer(command);
                    values[done + i] = ParseHexValue(command);
                }
                done += burst;
            }
            EndExchange();
        }

        /// <summary>Reads <paramref name="count"/> bytes of guest memory with <c>b64read</c>.</summary>
        public void QueryBase64Read(ulong address, byte[] destination, int offset, int count)
        {
            string command = "b64read 0x" + address.ToString("x") + " 0x" + count.ToString("x");
            BeginQuery(command);
            ReadAnswer(command);
            if (!IsOk()) throw Refused(command);
            var text = new ReadOnlySpan<byte>(_in, _lineStart + 3, Math.Max(0, _lineLength - 3));
            OperationStatus status = Base64.DecodeFromUtf8(text, new Span<byte>(destination, offset, count), out _, out int written);
            if (status != OperationStatus.Done || written != count)
                throw Fail("QEMU's answer to '" + command + "' is not " + count + " bytes of base64 (" + status + ", " + written + " bytes)");
            EndExchange();
        }

        /// <summary>Sends every queued command and reads every outstanding answer; reports a queued command QEMU refused.</summary>
        public void Drain() => DrainTo(0);

        private void DrainTo(int remaining)
        {
            ThrowIfBroken();
            Flush();
            if (_pending.Count <= remaining) return;
            _counters.RoundTrips++;
            string? failure = ReadPendingAnswers(remaining);
            if (failure != null) throw new QtestException(failure, _qemu.StderrTail());
        }

        /// <summary>Reads queued commands' answers until <paramref name="remaining"/> are left; returns the first refusal, if any.</summary>
        private string? ReadPendingAnswers(int remaining)
        {
            string? failure = null;
            while (_pending.Count > remaining)
            {
                string command = _pending.Dequeue();
                ReadLine(command, TimeoutMilliseconds, timeoutIsError: true);
                if (!IsOk() && failure == null)
                    failure = "QEMU refused '" + Shorten(command) + "': " + Encoding.ASCII.GetString(_in, _lineStart, _lineLength);
            }
            return failure;
        }

        /// <summary>
        /// Waits until interrupt <paramref name="line"/> is raised or <paramref name="timeout"/>
        /// passes; returns at once when it is already raised. Returns whether a raise was seen.
        /// </summary>
        public bool WaitForIrq(int line, TimeSpan timeout)
        {
            Drain();
            long before = IrqRaiseCount(line);
            var clock = Stopwatch.StartNew();
            while (!IsIrqRaised(line) && IrqRaiseCount(line) == before)
            {
                long left = (long)(timeout - clock.Elapsed).TotalMilliseconds;
                if (left <= 0) break;
                if (!ReadLine("(waiting for IRQ " + line + ")", (int)Math.Min(left, int.MaxValue), timeoutIsError: false, returnOnIrq: true))
                    break;
                if (!_lastWasIrq)
                    throw Fail("QEMU sent '" + Encoding.ASCII.GetString(_in, _lineStart, _lineLength) + "' while no command was outstanding");
            }
            bool seen = IsIrqRaised(line) || IrqRaiseCount(line) != before;
            EndExchange();
            return seen;
        }

        /// <summary>Writes every queued command to QEMU (answers stay unread).</summary>
        public void Flush()
        {
            ThrowIfBroken();
            int written = 0;
            while (written < _outLength)
            {
                int n = NativePipe.TryWrite(_qemu.StdinFd, _out, written, _outLength - written);
                if (n < 0) throw Died("while sending commands");
                if (n > 0)
                {
                    written += n;
                    continue;
                }
                if (!NativePipe.WaitReady(_qemu.StdinFd, forWrite: true, TimeoutMilliseconds))
                    throw Wedged("did not take commands from its stdin within " + Timeout.TotalSeconds + " s");
            }
            _outLength = 0;
        }

        /// <summary>Kills nothing: the owner of the <see cref="QemuProcess"/> does. Marks the connection unusable.</summary>
        public void Dispose()
        {
            _broken ??= "the qtest connection was disposed";
        }

        private int TimeoutMilliseconds => (int)Math.Min(int.MaxValue, Math.Max(1, Timeout.TotalMilliseconds));

        /// <summary>
        /// Sends <paramref name="command"/> behind the queued writes in the same flush — one round
        /// trip for "write registers, then read one" — and reads the writes' answers, keeping a
        /// refusal among them for <see cref="EndExchange"/>.
        /// </summary>
        private void BeginQuery(string command)
        {
            ThrowIfBroken();
            Append(command);
            _counters.Commands++;
            _counters.RoundTrips++;
            Flush();
            _deferredFailure = ReadPendingAnswers(0);
        }

        private void EndExchange()
        {
            if (_deferredFailure != null)
            {
                string failure = _deferredFailure;
                _deferredFailure = null;
                throw new QtestException(failure, _qemu.StderrTail());
            }
            if (_edges.Count > 0) EdgesQueued?.Invoke();
        }

        private void ReadAnswer(string command) => ReadLine(command, TimeoutMilliseconds, timeoutIsError: true);

        private bool IsOk() => _lineLength >= 2 && _in[_lineStart] == (byte)'O' && _in[_lineStart + 1] == (byte)'K' && (_lineLength == 2 || _in[_lineStart + 2] == (byte)' ');

        private ulong ParseHexValue(string command)
        {
            if (!IsOk()) throw Refused(command);
            int i = _lineStart + 3;
            int end = _lineStart + _lineLength;
            if (i + 2 > end || _in[i] != (byte)'0' || (_in[i + 1] | 0x20) != (byte)'x')
                throw Fail("QEMU's answer to '" + command + "' has no hex value: '" + Encoding.ASCII.GetString(_in, _lineStart, _lineLength) + "'");
            ulong value = 0;
            for (i += 2; i < end; i++)
            {
                int c = _in[i] | 0x20;
                int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
                if (digit < 0) throw Fail("QEMU's answer to '" + command + "' is not hex: '" + Encoding.ASCII.GetString(_in, _lineStart, _lineLength) + "'");
                value = (value << 4) | (uint)digit;
            }
            return value;
        }

        /// <summary>
        /// Reads the next non-IRQ line into <c>_lineStart/_lineLength</c>, recording IRQ lines on
        /// the way (or returning after one when <paramref name="returnOnIrq"/>, with
        /// <c>_lastWasIrq</c> set). Returns false on timeout when <paramref name="timeoutIsError"/> is false.
        /// </summary>
        private bool ReadLine(string awaiting, int timeoutMs, bool timeoutIsError, bool returnOnIrq = false)
        {
            while (true)
            {
                int newline = Array.IndexOf(_in, (byte)'\n', _inStart, _inEnd - _inStart);
                if (newline >= 0)
                {
                    _lineStart = _inStart;
                    _lineLength = newline - _inStart;
                    _inStart = newline + 1;
                    _lastWasIrq = TryRecordIrq();
                    if (_lastWasIrq && !returnOnIrq) continue;
                    return true;
                }
                if (!Fill(awaiting, timeoutMs, timeoutIsError)) return false;
            }
        }

        private bool Fill(string awaiting, int timeoutMs, bool timeoutIsError)
        {
            if (_inStart > 0)
            {
                Buffer.BlockCopy(_in, _inStart, _in, 0, _inEnd - _inStart);
                _inEnd -= _inStart;
                _inStart = 0;
            }
            if (_inEnd == _in.Length) Array.Resize(ref _in, _in.Length * 2);
            if (!NativePipe.WaitReady(_qemu.StdoutFd, forWrite: false, timeoutMs))
            {
                if (!timeoutIsError) return false;
                throw Wedged("did not answer '" + Shorten(awaiting) + "' within " + Timeout.TotalSeconds + " s");
            }
            int n = NativePipe.Read(_qemu.StdoutFd, _in, _inEnd, _in.Length - _inEnd);
            if (n == 0) throw Died("while waiting for the answer to '" + Shorten(awaiting) + "'");
            if (n > 0) _inEnd += n;
            return true;
        }

        private bool TryRecordIrq()
        {
            // "IRQ raise N" / "IRQ lower N"
            if (_lineLength < 11 || _in[_lineStart] != (byte)'I' || _in[_lineStart + 1] != (byte)'R' || _in[_lineStart + 2] != (byte)'Q' || _in[_lineStart + 3] != (byte)' ')
                return false;
            bool raise = _in[_lineStart + 4] == (byte)'r';
            int line = 0;
            for (int i = _lineStart + 10; i < _lineStart + _lineLength; i++)
            {
                int d = _in[i] - '0';
                if (d < 0 || d > 9) return false;
                line = line * 10 + d;
            }
            if (line > MaxIrqLine) return true;
            if (raise && !_irqLevel[line]) _irqRaises[line]++;
            _irqLevel[line] = raise;
            if (_edges.Count >= MaxQueuedEdges) _edges.Dequeue();
            _edges.Enqueue(new IrqEdge(line, raise));
            return true;
        }

        private void Append(string command, bool newline = true)
        {
            EnsureOut(command.Length + 1);
            for (int i = 0; i < command.Length; i++) _out[_outLength++] = (byte)command[i];
            if (newline) _out[_outLength++] = (byte)'\n';
        }

        private void EnsureOut(int extra)
        {
            if (_outLength + extra > _out.Length)
                Array.Resize(ref _out, Math.Max(_out.Length * 2, _outLength + extra));
        }

        private void ThrowIfBroken()
        {
            // After a kill (disposal, or the registry at process exit) the descriptors are closed
            // and may already name other files: never touch them again.
            if (_broken == null && _qemu.IsKilled) _broken = "QEMU (pid " + _qemu.Id + ") was killed";
            if (_broken != null) throw new QtestException(_broken, _qemu.StderrTail());
        }

        private QtestException Refused(string command)
        {
            string message = "QEMU refused '" + Shorten(command) + "': " + Encoding.ASCII.GetString(_in, _lineStart, _lineLength);
            if (_deferredFailure != null) message = _deferredFailure + "; then " + message;
            _deferredFailure = null;
            return Fail(message);
        }

        private QtestException Fail(string message) => new QtestException(message, _qemu.StderrTail());

        private QtestException Died(string when)
        {
            int? code = _qemu.WaitForExit(2000);
            _broken = "QEMU (pid " + _qemu.Id + ") " + (code.HasValue ? "exited with code " + code.Value : "closed its qtest channel") + " " + when;
            return new QtestException(_broken, _qemu.StderrTail());
        }

        private QtestException Wedged(string what)
        {
            _broken = "QEMU (pid " + _qemu.Id + ") " + what + "; it is wedged or stopped";
            return new QtestException(_broken, _qemu.StderrTail());
        }

        private static string Shorten(string command) => command.Length <= 80 ? command : command.Substring(0, 80) + "…";
    }
}
