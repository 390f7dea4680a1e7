using System;
using System.Collections.Generic;
using System.IO;
using EclipseOS.Kernel.Core.Shell;

namespace EclipseOS.Cli.Boot
{
    /// <summary>
    /// One <c>eclipse boot</c> run: boots, then feeds the shell the <c>--exec</c> commands or
    /// the terminal's lines, rebooting (a fresh QEMU) on <c>reboot</c> and stopping on <c>halt</c>.
    /// </summary>
    public sealed class BootSession
    {
        private readonly Func<HostedKernel> _boot;
        private readonly TextWriterOutput _output;

        /// <summary>A session that boots with <paramref name="boot"/> and prints to <paramref name="output"/>.</summary>
        public BootSession(Func<HostedKernel> boot, TextWriterOutput output)
        {
            _boot = boot;
            _output = output;
        }

        /// <summary>
        /// Boots and runs <paramref name="commands"/> in order, each echoed after the prompt.
        /// Returns 0 when the root was mounted and every command succeeded, else 1.
        /// </summary>
        public int RunCommands(IReadOnlyList<string> commands)
        {
            bool ok = true;
            HostedKernel kernel = _boot();
            try
            {
                ok &= ReportBoot(kernel);
                Shell shell = kernel.NewShell(_output);
                foreach (string command in commands)
                {
                    _output.WriteLine(shell.Prompt + command);
                    ok &= shell.Execute(command);
                    if (kernel.Control.HaltRequested)
                        break;
                    if (kernel.Control.RebootRequested)
                    {
                        kernel.Dispose();
                        kernel = _boot();
                        ok &= ReportBoot(kernel);
                        shell = kernel.NewShell(_output);
                    }
                }
            }
            finally
            {
                kernel.Dispose();
            }
            return ok ? 0 : 1;
        }

        /// <summary>
        /// Boots and reads commands from <paramref name="input"/> until end of input or <c>halt</c>.
        /// With <paramref name="echo"/> (input from a pipe or file) each command is printed after
        /// the prompt, as a terminal would have shown it. Returns 0.
        /// </summary>
        public int RunInteractive(TextReader input, TextWriter prompt, bool echo)
        {
            while (true)
            {
                using HostedKernel kernel = _boot();
                ReportBoot(kernel);
                Shell shell = kernel.NewShell(_output);
                _output.WriteLine("Type help for the commands; halt or end of input (Ctrl-D) leaves, reboot boots again.");
                while (!shell.ExitRequested)
                {
                    prompt.Write(shell.Prompt);
                    prompt.Flush();
                    string? line = input.ReadLine();
                    if (line == null)
                    {
                        prompt.WriteLine();
                        return 0;
                    }
                    if (echo)
                        prompt.WriteLine(line);
                    shell.Execute(line);
                }
                if (kernel.Control.HaltRequested)
                    return 0;
            }
        }

        private bool ReportBoot(HostedKernel kernel)
        {
            if (kernel.Kernel.Root == null)
            {
                _output.WriteLine("eclipse boot: the kernel started without a root filesystem: " + kernel.Kernel.RootError);
                return false;
            }
            return true;
        }
    }
}
