using System.Collections.Generic;
using EclipseOS.Kernel.Core.Shell;

namespace EclipseOS.Kernel.Core.Console
{
    /// <summary>
    /// The kernel's interactive shell over any number of terminals (serial port, screen and
    /// keyboard): a line typed on one runs the command, every terminal shows the output, and
    /// each prompt and command result carries a shell mark so a harness can drive the shell
    /// over the serial port (<c>eclipse run --exec</c>). Never blocks: <see cref="Poll"/> takes
    /// what has been typed and returns.
    /// </summary>
    public sealed class ShellConsole : ITextOutput
    {
        private readonly List<LineEditor> _editors = new List<LineEditor>();

        /// <summary>A shell on <paramref name="kernel"/> over <paramref name="terminals"/>.</summary>
        public ShellConsole(KernelContext kernel, IReadOnlyList<IConsoleTerminal> terminals)
        {
            for (int i = 0; i < terminals.Count; i++)
                _editors.Add(new LineEditor(terminals[i]));
            Shell = new Shell.Shell(kernel, this);
        }

        /// <summary>The shell the lines go to.</summary>
        public Shell.Shell Shell { get; }

        /// <summary>Whether <c>reboot</c> or <c>halt</c> ended the session.</summary>
        public bool ExitRequested => Shell.ExitRequested;

        /// <summary>Shows the first prompt.</summary>
        public void Start() => Prompt();

        /// <summary>
        /// Takes every character typed so far and runs each finished line. Returns whether
        /// anything was typed, so an idle caller can halt the CPU until the next interrupt.
        /// </summary>
        public bool Poll()
        {
            bool typed = false;
            for (int i = 0; i < _editors.Count && !ExitRequested; i++)
            {
                LineEditor editor = _editors[i];
                while (!ExitRequested && editor.Terminal.TryRead(out char c))
                {
                    typed = true;
                    string? line = editor.Feed(c);
                    if (line != null)
                        Run(editor, line);
                }
            }
            return typed;
        }

        /// <inheritdoc />
        public void WriteLine(string line)
        {
            for (int i = 0; i < _editors.Count; i++)
                _editors[i].Terminal.Write(line + "\n");
        }

        private void Run(LineEditor source, string line)
        {
            // The other terminals saw the prompt but not the typing: show them what runs.
            for (int i = 0; i < _editors.Count; i++)
            {
                if (_editors[i] != source)
                    _editors[i].Terminal.Write(line + "\n");
            }
            bool succeeded = Shell.Execute(line);
            for (int i = 0; i < _editors.Count; i++)
                _editors[i].Terminal.Mark(ShellMarks.CommandFinished(succeeded));
            if (!ExitRequested)
                Prompt();
        }

        private void Prompt()
        {
            string prompt = Shell.Prompt;
            for (int i = 0; i < _editors.Count; i++)
            {
                _editors[i].Terminal.Mark(ShellMarks.PromptStart);
                _editors[i].Terminal.Write(prompt);
            }
        }
    }
}
