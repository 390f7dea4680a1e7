using System;
using System.Collections.Generic;
using EclipseOS.Kernel.Core.Shell.Commands;

namespace EclipseOS.Kernel.Core.Shell
{
    /// <summary>
    /// The kernel shell: reads a line, runs the built-in command it names, prints its output.
    /// A failing command prints exactly one line, <c>NAME: reason</c>, and the shell carries on.
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
            string[] words;
            try
            {
                words = CommandLine.Split(line);
            }
            catch (ShellException e)
            {
                Session.Output.WriteLine("shell: " + e.Message);
                return false;
            }
            if (words.Length == 0)
                return true;

            IShellCommand? command = Find(words[0]);
            if (command == null)
            {
                Session.Output.WriteLine("shell: unknown command '" + words[0] + "' (type help for the list)");
                return false;
            }
            var args = new string[words.Length - 1];
            for (int i = 1; i < words.Length; i++)
                args[i - 1] = words[i];
            try
            {
                command.Run(Session, args);
                return true;
            }
            catch (ShellException e)
            {
                Session.Output.WriteLine(command.Name + ": " + e.Message);
            }
            catch (Exception e)
            {
                // Filesystem and device errors already name the device, block or path concerned.
                Session.Output.WriteLine(command.Name + ": " + OneLine(e.Message));
            }
            return false;
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

        private static string OneLine(string message)
        {
            return message.Replace("\r", " ").Replace("\n", " ");
        }
    }
}
