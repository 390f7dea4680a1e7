using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace EclipseOS.Cli.Setup
{
    /// <summary>Runs a program to completion with a time limit, its output passed on line by line.</summary>
    public static class ChildProcess
    {
        /// <summary>
        /// Runs <paramref name="program"/> with <paramref name="arguments"/> (each passed as one
        /// argument, no shell), calls <paramref name="onLine"/> for every line of its standard
        /// output and error (or inherits this process's streams when it is null), and returns its
        /// exit code. A program still running after <paramref name="timeout"/> is killed with its
        /// children and a <see cref="TimeoutException"/> names it.
        /// </summary>
        public static int Run(string program, IEnumerable<string> arguments, string? workingDirectory, TimeSpan timeout,
            Action<string>? onLine = null, IReadOnlyDictionary<string, string>? environment = null)
        {
            var start = new ProcessStartInfo(program)
            {
                UseShellExecute = false,
                RedirectStandardOutput = onLine != null,
                RedirectStandardError = onLine != null,
                WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            };
            foreach (string argument in arguments)
                start.ArgumentList.Add(argument);
            if (environment != null)
            {
                foreach (KeyValuePair<string, string> variable in environment)
                    start.Environment[variable.Key] = variable.Value;
            }

            using var process = new Process { StartInfo = start };
            if (onLine != null)
            {
                // Both streams feed one callback; serialise so lines never interleave mid-line.
                var gate = new object();
                process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (gate) onLine(e.Data); };
                process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (gate) onLine(e.Data); };
            }
            process.Start();
            if (onLine != null)
            {
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
            }
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new TimeoutException(program + " " + string.Join(" ", start.ArgumentList) + " did not finish within " + timeout + " and was killed");
            }
            // The parameterless wait drains the asynchronous output readers.
            process.WaitForExit();
            return process.ExitCode;
        }
    }
}
