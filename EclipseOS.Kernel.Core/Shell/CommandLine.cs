using System.Collections.Generic;
using System.Text;

namespace EclipseOS.Kernel.Core.Shell
{
    /// <summary>
    /// Splits a command line into words: blanks separate, 'single' and "double" quotes group.
    /// An unquoted <c>&gt; PATH</c> or <c>&gt;&gt; PATH</c> sends the command's output to a file
    /// (replacing it, or appending); a quoted <c>&gt;</c> is an ordinary character.
    /// </summary>
    public sealed class CommandLine
    {
        private CommandLine(string[] words, string? redirectPath, bool append)
        {
            Words = words;
            RedirectPath = redirectPath;
            Append = append;
        }

        /// <summary>The words, the command name first; the redirection is not among them.</summary>
        public string[] Words { get; }

        /// <summary>The file the output goes to, or null when it goes to the terminal.</summary>
        public string? RedirectPath { get; }

        /// <summary>Whether the output is appended to <see cref="RedirectPath"/> (<c>&gt;&gt;</c>) rather than replacing it (<c>&gt;</c>).</summary>
        public bool Append { get; }

        /// <summary>
        /// Parses <paramref name="line"/>; throws <see cref="ShellException"/> on an unclosed
        /// quote, a <c>&gt;</c> without a path after it, or a second redirection.
        /// </summary>
        public static CommandLine Parse(string line)
        {
            var words = new List<string>();
            var word = new StringBuilder();
            bool inWord = false;
            char quote = '\0';
            // 0: reading words; 1: the next word is the redirection's path; 2: it has been read.
            int redirect = 0;
            bool append = false;
            string? path = null;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (quote != '\0')
                {
                    if (c == quote)
                        quote = '\0';
                    else
                        word.Append(c);
                }
                else if (c == '"' || c == '\'')
                {
                    quote = c;
                    inWord = true;
                }
                else if (c == ' ' || c == '\t' || c == '>')
                {
                    if (inWord)
                    {
                        if (redirect == 1)
                        {
                            path = word.ToString();
                            redirect = 2;
                        }
                        else
                            words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }
                    if (c == '>')
                    {
                        if (redirect != 0)
                            throw new ShellException("syntax error: one redirection (> or >>) per command");
                        redirect = 1;
                        if (i + 1 < line.Length && line[i + 1] == '>')
                        {
                            append = true;
                            i++;
                        }
                    }
                }
                else
                {
                    word.Append(c);
                    inWord = true;
                }
            }
            if (quote != '\0')
                throw new ShellException("unclosed " + quote + " quote");
            if (inWord)
            {
                if (redirect == 1)
                {
                    path = word.ToString();
                    redirect = 2;
                }
                else
                    words.Add(word.ToString());
            }
            if (redirect == 1)
                throw new ShellException("syntax error: a file name must follow " + (append ? ">>" : ">"));
            if (path != null && path.Length == 0)
                throw new ShellException("syntax error: empty file name after " + (append ? ">>" : ">"));
            return new CommandLine(words.ToArray(), path, append);
        }
    }
}
