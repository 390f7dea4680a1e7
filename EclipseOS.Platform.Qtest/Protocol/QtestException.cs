using System;

namespace EclipseOS.Platform.Qtest.Protocol
{
    /// <summary>
    /// A qtest exchange failed: QEMU refused a command, exited, or stopped answering within the
    /// exchange timeout. The message names the command and carries the tail of QEMU's stderr.
    /// </summary>
    public sealed class QtestException : Exception
    {
        /// <summary>Creates an exception with QEMU's stderr tail (may be empty).</summary>
        public QtestException(string message, string qemuStderrTail)
            : base(Compose(message, qemuStderrTail))
        {
            QemuStderrTail = qemuStderrTail;
        }

        /// <summary>The last lines QEMU wrote to stderr before the failure ("" when none).</summary>
        public string QemuStderrTail { get; }

        private static string Compose(string message, string tail)
        {
            return tail.Length == 0 ? message + " (QEMU wrote nothing to stderr)" : message + Environment.NewLine + "QEMU stderr:" + Environment.NewLine + tail;
        }
    }
}
