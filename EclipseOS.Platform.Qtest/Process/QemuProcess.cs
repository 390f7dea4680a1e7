using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Pipes;
using System.Threading;

namespace EclipseOS.Platform.Qtest.Process
{
    /// <summary>
    /// One running <c>qemu-system-x86_64</c>: its stdin/stdout pipes (the qtest channel), a
    /// tail of its stderr for error messages, and a kill that always reaps it.
    /// </summary>
    public sealed class QemuProcess : IDisposable
    {
        private const int StderrTailLines = 20;

        private readonly System.Diagnostics.Process _process;
        private readonly Queue<string> _stderrTail = new Queue<string>();
        private readonly Stream _stdin;
        private readonly Stream _stdout;
        private bool _killed;

        private QemuProcess(System.Diagnostics.Process process)
        {
            _process = process;
            Id = process.Id;
            _stdin = process.StandardInput.BaseStream;
            _stdout = process.StandardOutput.BaseStream;
            StdinFd = DescriptorOf(_stdin);
            StdoutFd = DescriptorOf(_stdout);
            NativePipe.SetNonBlocking(StdinFd);
        }

        /// <summary>Operating-system process id.</summary>
        public int Id { get; }

        /// <summary>The command line QEMU was started with (for messages).</summary>
        public string CommandLine { get; private set; } = "";

        internal int StdinFd { get; }

        internal int StdoutFd { get; }

        /// <summary>Whether QEMU has exited.</summary>
        public bool HasExited => _killed || _process.HasExited;

        /// <summary>Whether <see cref="Kill"/> ran: the pipes are closed and their descriptor numbers may be reused.</summary>
        internal bool IsKilled => _killed;

        /// <summary>Starts QEMU and registers it so it is killed on process exit.</summary>
        /// <exception cref="InvalidOperationException">The executable cannot be started.</exception>
        public static QemuProcess Start(string executable, IReadOnlyList<string> arguments)
        {
            System.Diagnostics.Process process = QemuLauncher.Start(executable, arguments);
            var qemu = new QemuProcess(process) { CommandLine = executable + " " + string.Join(" ", arguments) };
            QemuProcessRegistry.Add(qemu);
            process.ErrorDataReceived += (_, e) => qemu.OnStderr(e.Data);
            process.BeginErrorReadLine();
            return qemu;
        }

        /// <summary>The last lines QEMU wrote to stderr, newline-separated.</summary>
        public string StderrTail()
        {
            lock (_stderrTail) return string.Join(Environment.NewLine, _stderrTail);
        }

        /// <summary>
        /// Waits up to <paramref name="milliseconds"/> for QEMU to exit on its own (used after
        /// its stdout closed, so the exit code and stderr are complete), then as long again for
        /// the end of its stderr. Returns the exit code or null while it still runs.
        /// </summary>
        public int? WaitForExit(int milliseconds)
        {
            if (!_process.WaitForExit(milliseconds)) return null;
            // Let the stderr reader reach end of file. The parameterless WaitForExit would wait
            // for it without bound (a descendant still holding the pipe keeps it open), so the
            // wait is bounded like every other; after the bound the tail is just shorter.
            using (var stderrDone = new CancellationTokenSource(milliseconds))
            {
                try { _process.WaitForExitAsync(stderrDone.Token).GetAwaiter().GetResult(); }
                catch (OperationCanceledException) { }
            }
            return _process.ExitCode;
        }

        /// <summary>Kills QEMU (SIGKILL) and waits for it to be reaped. Idempotent.</summary>
        public void Kill()
        {
            lock (this)
            {
                if (_killed) return;
                _killed = true;
            }
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // Already gone: nothing to kill.
            }
            finally
            {
                QemuProcessRegistry.Remove(this);
                _stdin.Dispose();
                _stdout.Dispose();
                _process.Dispose();
            }
        }

        /// <inheritdoc />
        public void Dispose() => Kill();

        private void OnStderr(string? line)
        {
            if (line == null) return;
            lock (_stderrTail)
            {
                _stderrTail.Enqueue(line);
                while (_stderrTail.Count > StderrTailLines) _stderrTail.Dequeue();
            }
        }

        private static int DescriptorOf(Stream stream)
        {
            if (stream is PipeStream pipe) return (int)pipe.SafePipeHandle.DangerousGetHandle();
            if (stream is FileStream file) return (int)file.SafeFileHandle.DangerousGetHandle();
            throw new NotSupportedException("unexpected stream type for QEMU's pipes: " + stream.GetType().FullName);
        }
    }
}
