using System;
using System.IO;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Tools.Extraction;
using EclipseOS.EclipseFS.Tools.Writing;
using EclipseOS.Storage;
using Spectre.Console;

namespace EclipseOS.Cli.EclipseFs
{
    /// <summary>What the EclipseFS verbs share: error reporting, mode strings, progress bars.</summary>
    public static class VerbSupport
    {
        /// <summary>Runs <paramref name="action"/>, turning expected failures into one line on stderr and exit code 2.</summary>
        public static int Run(Func<int> action)
        {
            try
            {
                return action();
            }
            catch (Exception e) when (e is EclipseFsException || e is BlockDeviceException || e is IOException || e is UnauthorizedAccessException
                                      || e is EclipseFsWriterException || e is ExtractException || e is EclipseOS.EclipseFS.Vfs.VfsException
                                      || e is ArgumentException)
            {
                Console.Error.WriteLine("eclipse: " + e.Message);
                return 2;
            }
        }

        /// <summary>
        /// Runs an operation on an image already opened: its failures (a missing path, no space,
        /// a host file that cannot be read, a device error …) become one line on stderr and exit
        /// code 1, keeping 2 (<see cref="Run"/>) for an image that cannot be opened at all.
        /// <paramref name="done"/>, when given, adds what was finished before the failure.
        /// </summary>
        public static int Operation(Func<int> action, ImageEditing.DoneList? done = null)
        {
            try
            {
                return action();
            }
            catch (Exception e) when (ImageEditing.ImageOperationException.IsOperationError(e))
            {
                string? finished = done?.Describe();
                Console.Error.WriteLine("eclipse: " + e.Message + (finished != null ? " " + finished : ""));
                return 1;
            }
        }

        /// <summary><c>ls -l</c> style mode string, e.g. <c>drwxr-xr-x</c>.</summary>
        public static string ModeString(NodeType type, uint mode)
        {
            char t = type == NodeType.Directory ? 'd' : type == NodeType.Symlink ? 'l' : '-';
            const string rwx = "rwxrwxrwx";
            var s = new char[10];
            s[0] = t;
            for (int i = 0; i < 9; i++)
                s[i + 1] = (mode & (1u << (8 - i))) != 0 ? rwx[i] : '-';
            return new string(s);
        }

        /// <summary>Unix seconds as an ISO-like UTC time.</summary>
        public static string Time(ulong seconds) =>
            DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(seconds, 253402300799UL)).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss") + "Z";

        /// <summary>
        /// Runs <paramref name="work"/> with a Spectre progress bar when stdout is a terminal, or
        /// plainly otherwise; <paramref name="work"/> gets a callback (done, total).
        /// </summary>
        public static T WithProgress<T>(string label, Func<Action<ulong, ulong>?, T> work)
        {
            if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
                return work(null);
            T result = default!;
            AnsiConsole.Progress().AutoClear(true).Start(ctx =>
            {
                ProgressTask task = ctx.AddTask(label);
                result = work((done, total) =>
                {
                    task.MaxValue = Math.Max(1, total);
                    task.Value = done;
                });
                task.Value = task.MaxValue;
            });
            return result;
        }

        /// <summary>Parses 123, 64K, 512M, 2G, 1T (binary units) into bytes.</summary>
        public static ulong ParseSize(string text)
        {
            string s = text.Trim().ToUpperInvariant();
            if (s.EndsWith("IB")) s = s[..^2];
            else if (s.EndsWith("B") && s.Length > 1 && !char.IsDigit(s[^2])) s = s[..^1];
            ulong unit = 1;
            if (s.Length > 0)
                switch (s[^1])
                {
                    case 'K': unit = 1UL << 10; break;
                    case 'M': unit = 1UL << 20; break;
                    case 'G': unit = 1UL << 30; break;
                    case 'T': unit = 1UL << 40; break;
                }
            if (unit != 1) s = s[..^1];
            if (!ulong.TryParse(s, out ulong v) || v > ulong.MaxValue / unit)
                throw new ArgumentException("size \"" + text + "\" is not a number of bytes with an optional K, M, G or T");
            return v * unit;
        }
    }
}
