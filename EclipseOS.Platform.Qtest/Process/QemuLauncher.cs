using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace EclipseOS.Platform.Qtest.Process
{
    /// <summary>
    /// Starts QEMU so that it dies with this process even when this process is killed outright
    /// (SIGKILL, a crashed test host), which no exit handler can catch: QEMU is started through
    /// <c>setpriv --pdeathsig KILL</c>, and the kernel sends the signal when the *thread* that
    /// forked it ends — so every start happens on one dedicated thread that lives as long as the
    /// process. Where <c>setpriv</c> is missing QEMU is started directly and only the exit
    /// handlers of <see cref="QemuProcessRegistry"/> protect against orphans.
    /// </summary>
    internal static class QemuLauncher
    {
        private const string SetPriv = "/usr/bin/setpriv";
        private static readonly BlockingCollection<Action> Work = new BlockingCollection<Action>();
        private static readonly object Gate = new object();
        private static Thread? _thread;

        /// <summary>Starts <paramref name="executable"/> with redirected standard streams on the launcher thread.</summary>
        public static System.Diagnostics.Process Start(string executable, IReadOnlyList<string> arguments)
        {
            var info = new ProcessStartInfo
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            if (File.Exists(SetPriv))
            {
                info.FileName = SetPriv;
                info.ArgumentList.Add("--pdeathsig");
                info.ArgumentList.Add("KILL");
                info.ArgumentList.Add("--");
                info.ArgumentList.Add(executable);
            }
            else
            {
                info.FileName = executable;
            }
            foreach (string a in arguments) info.ArgumentList.Add(a);

            System.Diagnostics.Process? started = null;
            Exception? failure = null;
            using var done = new ManualResetEventSlim();
            EnsureThread();
            Work.Add(() =>
            {
                try { started = System.Diagnostics.Process.Start(info); }
                catch (Exception e) { failure = e; }
                finally { done.Set(); }
            });
            // Forking is quick; the bound only guards against a launcher thread that died.
            if (!done.Wait(TimeSpan.FromSeconds(30)))
                throw new InvalidOperationException("the QEMU launcher thread did not start '" + executable + "' within 30 s");
            if (failure != null)
                throw new InvalidOperationException("cannot start '" + executable + "' (is QEMU installed? `./eclipse test` installs qemu-system-x86): " + failure.Message, failure);
            return started ?? throw new InvalidOperationException("Process.Start returned no process for '" + executable + "'");
        }

        private static void EnsureThread()
        {
            lock (Gate)
            {
                if (_thread != null) return;
                _thread = new Thread(() =>
                {
                    foreach (Action action in Work.GetConsumingEnumerable()) action();
                })
                {
                    IsBackground = true,
                    Name = "QEMU launcher (parent thread of every QEMU: its death kills them)",
                };
                _thread.Start();
            }
        }
    }
}
