using System;
using System.Collections.Generic;

namespace EclipseOS.Platform.Qtest.Process
{
    /// <summary>
    /// Every QEMU this process started and has not yet reaped. On process exit (including
    /// SIGTERM), Ctrl-C and an unhandled exception all of them are killed, so a crashed test run
    /// or an interrupted CLI leaves no QEMU behind; <see cref="QemuLauncher"/> covers SIGKILL.
    /// </summary>
    public static class QemuProcessRegistry
    {
        private static readonly object Gate = new object();
        private static readonly HashSet<QemuProcess> Live = new HashSet<QemuProcess>();
        private static bool _hooked;

        /// <summary>Process ids of the QEMU instances currently alive (for tests and diagnostics).</summary>
        public static IReadOnlyList<int> LiveProcessIds
        {
            get
            {
                lock (Gate)
                {
                    var ids = new List<int>();
                    foreach (QemuProcess p in Live) ids.Add(p.Id);
                    return ids;
                }
            }
        }

        internal static void Add(QemuProcess process)
        {
            lock (Gate)
            {
                if (!_hooked)
                {
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
                    Console.CancelKeyPress += (_, _) => KillAll();
                    AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
                    _hooked = true;
                }
                Live.Add(process);
            }
        }

        internal static void Remove(QemuProcess process)
        {
            lock (Gate) Live.Remove(process);
        }

        /// <summary>Kills every QEMU still alive. Safe to call more than once.</summary>
        public static void KillAll()
        {
            QemuProcess[] all;
            lock (Gate)
            {
                all = new QemuProcess[Live.Count];
                Live.CopyTo(all);
            }
            foreach (QemuProcess p in all) p.Kill();
        }
    }
}
