using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace EclipseOS.Tests.Cli
{
    /// <summary>
    /// Runs the eclipse tool in its own process, as a user does, keeping standard output as bytes
    /// (<c>cat</c> writes file content byte for byte) and standard error as text. A child process
    /// rather than <c>Program.Main</c> in the test process: the verbs write to the process's own
    /// stdout, which tests running in parallel cannot share.
    /// </summary>
    internal static class EclipseProcess
    {
        public static (int Exit, byte[] Output, string Error) Run(params string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "eclipse.dll"));
            foreach (string argument in arguments)
                start.ArgumentList.Add(argument);
            using Process process = Process.Start(start)!;
            // Both streams are drained at once so neither pipe can fill and stall the tool.
            var output = new MemoryStream();
            Task copy = process.StandardOutput.BaseStream.CopyToAsync(output);
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("eclipse " + string.Join(" ", arguments) + " did not finish within two minutes");
            }
            copy.Wait();
            return (process.ExitCode, output.ToArray(), error.Result);
        }

        /// <summary>Runs the tool and returns its standard output as text.</summary>
        public static (int Exit, string Output, string Error) RunText(params string[] arguments)
        {
            (int exit, byte[] output, string error) = Run(arguments);
            return (exit, System.Text.Encoding.UTF8.GetString(output), error);
        }
    }
}
