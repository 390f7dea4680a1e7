using System;
using System.Collections.Generic;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.Kernel.Core.Shell.Commands;

namespace EclipseOS.Kernel.Core.Shell
{
    /// <summary>
    /// The kernel shell: reads a line, runs the built-in command it names, prints its output —
    /// or, after <c>&gt; PATH</c> / <c>&gt;&gt; PATH</c>, writes it to that file. A failing
    /// command prints <c>NAME: reason</c> (one line per path it failed on) on the terminal,
    /// and the shell carries on.
    /// </summary>
    public sealed class Shell
    {
        private readonly List<IShellCommand> _commands = new List<IShellCommand>();

        /// <summary>Creates a shell over a booted kernel, printing to <paramref name="output"/>.</summary>
        public Shell(KernelContext kernel, ITextOutput output)
        {
            Session = new ShellSession(kernel, output, this);
            _commands.Add(new HelpCommand());
            _commands.Add(new LsCommand());
            _commands.Add(new CatCommand());
            _commands.Add(new StatCommand());
            _commands.Add(new CdCommand());
            _commands.Add(new PwdCommand());
            _commands.Add(new LsblkCommand());
            _commands.Add(new MountCommand());
            _commands.Add(new DfCommand());
            _commands.Add(new UmountCommand());
            _commands.Add(new SyncCommand());
            _commands.Add(new MkdirCommand());
            _commands.Add(new RmdirCommand());
            _commands.Add(new RmCommand());
            _commands.Add(new MvCommand());
            _commands.Add(new CpCommand());
            _commands.Add(new TouchCommand());
            _commands.Add(new LnCommand());
            _commands.Add(new ChmodCommand());
            _commands.Add(new WriteCommand());
            _commands.Add(new EchoCommand());
            _commands.Add(new DmesgCommand());
            _commands.Add(new HexdumpCommand());
            _commands.Add(new VerifyCommand());
            _commands.Add(new ReadSpeedCommand());
            _commands.Add(new PatternCommand());
            _commands.Add(new RebootCommand());
            _commands.Add(new HaltCommand());
        }

        /// <summary>The session state (working directory, exit request).</summary>
        public ShellSession Session { get; }

        /// <summary>The built-in commands, in <c>help</c> order.</summary>
        public List<IShellCommand> Commands => _commands;

        /// <summary>The prompt to show before reading a line, e.g. <c>eclipse:/etc$ </c>.</summary>
        public string Prompt => "eclipse:" + Session.WorkingDirectory + "$ ";

        /// <summary>Whether <c>reboot</c> or <c>halt</c> asked the loop to stop.</summary>
        public bool ExitRequested => Session.ExitRequested;

        /// <summary>
        /// Runs one command line. Returns true when it succeeded (an empty line succeeds);
        /// on failure one line <c>NAME: reason</c> has been printed.
        /// </summary>
        public bool Execute(string line)
        {
            CommandLine parsed;
            try
            {
                parsed = CommandLine.Parse(line);
            }
            catch (ShellException e)
            {
                Session.Output.WriteLine("shell: " + e.Message);
                return false;
            }
            string[] words = parsed.Words;
            if (words.Length == 0)
            {
                if (parsed.RedirectPath == null)
                    return true;
                Session.Output.WriteLine("shell: syntax error: no command before " + (parsed.Append ? ">>" : ">"));
                return false;
            }

            IShellCommand? command = Find(words[0]);
            if (command == null)
            {
                Session.Output.WriteLine("shell: unknown command '" + words[0] + "' (type help for the list)");
                return false;
            }
            var args = new string[words.Length - 1];
            for (int i = 1; i < words.Length; i++)
                args[i - 1] = words[i];
            ITextOutput terminal = Session.Output;
            string? failure = null;
            if (parsed.RedirectPath == null)
                failure = Run(command, args);
            else
            {
                VfsFile file;
                try
                {
                    // Opened (and emptied, for >) before the command runs, as sh does.
                    file = Session.Files.OpenForWrite(Session.Absolute(parsed.RedirectPath), true, !parsed.Append);
                }
                catch (Exception e)
                {
                    terminal.WriteLine("shell: " + OneLine(e.Message));
                    return false;
                }
                var captured = new CapturedOutput();
                Session.Output = captured;
                failure = Run(command, args);
                Session.Output = terminal;
                if (failure == null)
                    failure = WriteCaptured(file, captured, parsed.Append);
            }
            if (failure == null)
                return true;
            terminal.WriteLine(failure);
            return false;
        }

        /// <summary>Runs <paramref name="command"/>; returns null when it succeeded, else the line to print.</summary>
        private string? Run(IShellCommand command, string[] args)
        {
            try
            {
                command.Run(Session, args);
                return null;
            }
            catch (ShellException e)
            {
                return command.Name + ": " + e.Message;
            }
            catch (Exception e)
            {
                // Filesystem and device errors already name the device, block or path concerned.
                return command.Name + ": " + OneLine(e.Message);
            }
        }

        /// <summary>Writes the lines a redirected command printed, each ended by a newline, in one write.</summary>
        private static string? WriteCaptured(VfsFile file, CapturedOutput captured, bool append)
        {
            byte[] bytes = Utf8Name.Encode(captured.Text);
            try
            {
                if (append)
                    file.Position = file.Length;
                file.Write(bytes, 0, bytes.Length);
                return null;
            }
            catch (Exception e)
            {
                return "shell: " + OneLine(e.Message);
            }
        }

        /// <summary>The command called <paramref name="name"/>, or null.</summary>
        public IShellCommand? Find(string name)
        {
            for (int i = 0; i < _commands.Count; i++)
            {
                if (_commands[i].Name == name)
                    return _commands[i];
            }
            return null;
        }

        /// <summary>The message of an exception as one line.</summary>
        public static string OneLine(string message)
        {
            return message.Replace("\r", " ").Replace("\n", " ");
        }
    }
}
