using System.Collections.Generic;
using System.Text;

namespace EclipseOS.Cli.Boot
{
    /// <summary>Splits <c>--exec "CMD; CMD"</c> into commands at semicolons outside quotes.</summary>
    public static class ExecScript
    {
        /// <summary>The non-blank commands of <paramref name="script"/>, trimmed, in order.</summary>
        public static List<string> Split(string script)
        {
            var commands = new List<string>();
            var current = new StringBuilder();
            char quote = '\0';
            foreach (char c in script)
            {
                if (quote != '\0')
                {
                    if (c == quote)
                        quote = '\0';
                }
                else if (c == '"' || c == '\'')
                {
                    quote = c;
                }
                else if (c == ';')
                {
                    Add(commands, current);
                    continue;
                }
                current.Append(c);
            }
            Add(commands, current);
            return commands;
        }

        private static void Add(List<string> commands, StringBuilder current)
        {
            string command = current.ToString().Trim();
            if (command.Length > 0)
                commands.Add(command);
            current.Clear();
        }
    }
}
