using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using EclipseOS.Cli.Run;
using EclipseOS.Platform.Qtest.Process;
using EclipseOS.Platform.Qtest.Qmp;

namespace EclipseOS.Cli.Guest
{
    /// <summary>
    /// The real kernel booted in QEMU (TCG) with its shell driven over COM1: what
    /// <c>eclipse run --exec</c>, the guest tests and <c>eclipse bench guest</c> use. Every wait
    /// has a deadline; a guest that misses one is a <see cref="GuestHangException"/> that says
    /// where the kernel was (through QEMU's gdb stub), never a silent pass.
    /// </summary>
    public sealed class GuestVm : IDisposable
    {
        /// <summary>The line the kernel logs once its root filesystem is mounted.</summary>
        public const string RootMountedLine = "[KERNEL] Root filesystem: ";

        private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

        private readonly QemuProcess _qemu;
        private readonly SerialStream _serial;
        private readonly int _gdbPort;
        private readonly string _kernelElf;
        private readonly string _socketPath;
        private readonly string _qmpPath;
        private QmpClient? _qmp;
        private int _position;
        private bool _disposed;

        private GuestVm(QemuProcess qemu, SerialStream serial, int gdbPort, string kernelElf, string socketPath, string qmpPath)
        {
            _qmpPath = qmpPath;
            _qemu = qemu;
            _serial = serial;
            _gdbPort = gdbPort;
            _kernelElf = kernelElf;
            _socketPath = socketPath;
        }

        /// <summary>The kernel's log up to its first prompt (marks removed), once <see cref="WaitForPrompt"/> returned.</summary>
        public string BootLog { get; private set; } = "";

        /// <summary>Whether the boot log says the root filesystem was mounted.</summary>
        public bool RootMounted => BootLog.Contains(RootMountedLine, StringComparison.Ordinal);

        /// <summary>Everything COM1 showed so far, marks removed.</summary>
        public string Transcript => ShellMarkText.Clean(_serial.Text);

        /// <summary>Whether QEMU has exited (the guest powered off, or QEMU failed).</summary>
        public bool Exited => _qemu.HasExited;

        /// <summary>The QEMU command line, for messages.</summary>
        public string CommandLine => _qemu.CommandLine;

        /// <summary>
        /// Starts QEMU on <paramref name="options"/> with COM1 on a socket and a gdb stub, and
        /// connects; <paramref name="onText"/> sees COM1's text (marks removed) as it arrives.
        /// </summary>
        public static GuestVm Start(VmOptions options, Action<string>? onText = null)
        {
            string unique = Environment.ProcessId + "-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            string socketPath = Path.Combine(Path.GetTempPath(), "eclipse-com1-" + unique + ".sock");
            string qmpPath = Path.Combine(Path.GetTempPath(), "eclipse-qmp-" + unique + ".sock");
            int gdbPort = FreeLoopbackPort();
            var withSerial = new VmOptions(options.Iso, options.Disks, options.Bus, options.SerialLog)
            {
                Machine = options.Machine,
                VirtioModernOnly = options.VirtioModernOnly,
                BootOptions = options.BootOptions,
                InjectErrors = options.InjectErrors,
                SerialSocket = socketPath,
                QmpSocket = qmpPath,
                Kvm = options.Kvm,
                GdbPort = gdbPort,
                WaitForGdb = false,
                MemoryMiB = options.MemoryMiB,
                Window = false,
            };
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.SerialLog))!);
            QemuProcess qemu = QemuProcess.Start(QemuCommandLine.Program, QemuCommandLine.For(withSerial));
            try
            {
                ShellMarkText? filter = onText == null ? null : new ShellMarkText();
                SerialStream serial = SerialStream.Connect(socketPath, ConnectTimeout, () => !qemu.HasExited,
                    filter == null ? null : piece => onText!(filter.Filter(piece)));
                string elf = Path.ChangeExtension(options.Iso, ".bin");
                return new GuestVm(qemu, serial, gdbPort, elf, socketPath, qmpPath);
            }
            catch (IOException e)
            {
                string stderr = qemu.StderrTail();
                qemu.Kill();
                throw new IOException(e.Message + (stderr.Length > 0 ? Environment.NewLine + "QEMU said: " + stderr : ""), e);
            }
        }

        /// <summary>
        /// Waits for the shell's first prompt and keeps the boot log (<see cref="BootLog"/>);
        /// throws <see cref="GuestHangException"/> when it does not come within <paramref name="timeout"/>.
        /// </summary>
        public string WaitForPrompt(TimeSpan timeout)
        {
            int mark = _serial.WaitFor(ShellMarkText.PromptStart, _position, DateTime.UtcNow + timeout);
            if (mark < 0)
                throw Hang("the shell prompt", "no shell prompt within " + timeout.TotalSeconds + " s of starting the kernel");
            BootLog = ShellMarkText.Clean(_serial.Slice(0, mark));
            _position = mark + ShellMarkText.PromptStart.Length;
            return BootLog;
        }

        /// <summary>
        /// Waits for <paramref name="text"/> on COM1 (a kernel without the shell, such as the
        /// sample kernel); throws <see cref="GuestHangException"/> after <paramref name="timeout"/>.
        /// </summary>
        public void WaitForText(string text, TimeSpan timeout)
        {
            if (_serial.WaitFor(text, 0, DateTime.UtcNow + timeout) < 0)
                throw Hang("'" + text + "' on COM1", "'" + text + "' did not appear on COM1 within " + timeout.TotalSeconds + " s");
        }

        /// <summary>
        /// Types <paramref name="command"/> and Enter on COM1 and waits for the shell to report
        /// its end (and the next prompt). <c>halt</c> ends with QEMU exiting, <c>reboot</c> with
        /// the prompt of the next boot. Throws <see cref="GuestHangException"/> after <paramref name="timeout"/>.
        /// </summary>
        public GuestCommand Run(string command, TimeSpan timeout)
        {
            DateTime deadline = DateTime.UtcNow + timeout;
            // Nothing COM1 carried before the command was typed is its output, not even the marks
            // of a line typed outside Run (Type).
            int start = Math.Max(_position, _serial.Text.Length);
            _serial.Send(command + "\r");
            int finished = _serial.WaitFor(ShellMarkText.CommandFinishedPrefix, start, deadline);
            int nextPrompt = _serial.WaitFor(ShellMarkText.PromptStart, start, deadline);
            bool powerCycle = command.Trim() == "halt" || command.Trim() == "reboot";
            if (finished < 0 && powerCycle && (_serial.Closed || nextPrompt >= 0))
            {
                // The machine went down (halt) or came back up (reboot) without finishing the command.
                int end = nextPrompt >= 0 ? nextPrompt : _serial.Text.Length;
                string text = ShellMarkText.Clean(_serial.Slice(start, end));
                _position = nextPrompt >= 0 ? nextPrompt + ShellMarkText.PromptStart.Length : end;
                return new GuestCommand(command, text, AfterFirstLine(text), succeeded: true);
            }
            if (finished < 0)
                throw Hang("'" + command + "' to finish", "'" + command + "' did not finish within " + timeout.TotalSeconds + " s");
            if (nextPrompt < 0 || nextPrompt < finished)
                nextPrompt = _serial.WaitFor(ShellMarkText.PromptStart, finished, deadline);
            if (nextPrompt < 0)
                throw Hang("the prompt after '" + command + "'", "no prompt after '" + command + "' within " + timeout.TotalSeconds + " s");
            bool succeeded = _serial.Slice(finished, finished + ShellMarkText.CommandSucceeded.Length) == ShellMarkText.CommandSucceeded;
            string transcript = ShellMarkText.Clean(_serial.Slice(start, finished));
            _position = nextPrompt + ShellMarkText.PromptStart.Length;
            return new GuestCommand(command, transcript, AfterFirstLine(transcript), succeeded);
        }

        /// <summary>Types <paramref name="text"/> on COM1 as it is (no Enter added) and returns at once.</summary>
        public void Type(string text) => _serial.Send(text);

        /// <summary>The PCI functions as QEMU itself has them (QMP <c>query-pci</c>), to hold the kernel's <c>[PCI]</c> lines against.</summary>
        public List<QmpPciFunction> QemuPciFunctions() => QmpPciFunction.Query(Qmp);

        /// <summary>QEMU's machine protocol on this guest, connected on first use.</summary>
        public QmpClient Qmp => _qmp ??= QmpClient.Connect(_qmpPath, ConnectTimeout);

        /// <summary>Waits up to <paramref name="timeout"/> for QEMU to exit; returns whether it did.</summary>
        public bool WaitForExit(TimeSpan timeout) => _qemu.WaitForExit((int)timeout.TotalMilliseconds) != null;

        /// <summary>Where the kernel is now: its call chain read through gdb.</summary>
        public string StackTrace() => _qemu.HasExited ? "(QEMU has exited)" : GuestStackTrace.Read(_gdbPort, _kernelElf);

        /// <inheritdoc />
        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            _qmp?.Dispose();
            _qemu.Kill();
            _serial.Dispose();
            File.Delete(_socketPath);
            File.Delete(_qmpPath);
        }

        /// <summary>
        /// The failure of a wait for <paramref name="awaited"/>: QEMU gone (COM1 closed; its stderr
        /// says why) or the deadline passed (<paramref name="timedOut"/>, with where the kernel is).
        /// </summary>
        private GuestHangException Hang(string awaited, string timedOut)
        {
            string tail = LastLines(ShellMarkText.Clean(_serial.Text), 15);
            // COM1 closes when QEMU exits; give the process a moment to be reaped before asking.
            if (_serial.Closed)
                _qemu.WaitForExit(5000);
            if (_qemu.HasExited)
                return new GuestHangException("guest: QEMU exited while waiting for " + awaited + ": " + _qemu.StderrTail() + Environment.NewLine + "COM1 ended with:" + Environment.NewLine + tail);
            // QEMU's view first: the probe below changes what COM1 and the PIC hold.
            string machine = GuestMachineState.Read(Qmp);
            string stack = StackTrace();
            return new GuestHangException("guest: " + timedOut + ". COM1 ended with:" + Environment.NewLine + tail + Environment.NewLine
                + "QEMU saw:" + Environment.NewLine + machine + Environment.NewLine
                + "the kernel was at:" + Environment.NewLine + stack + Environment.NewLine
                + ProbeWithEnter());
        }

        /// <summary>
        /// Types Enter after a missed deadline and says what came back: an answer means the kernel
        /// still reads COM1 (what it was sent earlier was lost, or it is only slow); silence means
        /// its input or output is stuck.
        /// </summary>
        private string ProbeWithEnter()
        {
            int before = _serial.Text.Length;
            _serial.Send("\r");
            int answered = _serial.WaitFor(ShellMarkText.PromptStart, before, DateTime.UtcNow + ProbeTimeout);
            string after = ShellMarkText.Clean(_serial.Slice(before, _serial.Text.Length)).Trim();
            return answered >= 0
                ? "typing Enter then brought a prompt" + (after.Length > 0 ? " after: " + after : "")
                : "typing Enter then brought no prompt within " + ProbeTimeout.TotalSeconds + " s" + (after.Length > 0 ? ", only: " + after : "");
        }

        private static string AfterFirstLine(string text)
        {
            int newline = text.IndexOf('\n');
            return newline < 0 ? "" : text.Substring(newline + 1);
        }

        private static string LastLines(string text, int count)
        {
            string[] lines = text.TrimEnd().Split('\n');
            int first = Math.Max(0, lines.Length - count);
            return "  " + string.Join(Environment.NewLine + "  ", lines, first, lines.Length - first);
        }

        private static int FreeLoopbackPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
