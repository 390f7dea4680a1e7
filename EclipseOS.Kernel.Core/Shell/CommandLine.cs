using System.Collections.Generic;
using System.Text;

namespace EclipseOS.Kernel.Core.Shell
{
    /// <summary>Splits a command line into words: blanks separate, 'single' and "double" quotes group.</summary>
    public static class CommandLine
    {
        /// <summary>The words of <paramref name="line"/>; throws <see cref="ShellException"/> on an unclosed quote.</summary>
        public static string[] Split(string line)
        {
            var words = new List<string>();
            var word = new StringBuilder();
            bool inWord = false;
            char quote = '\0';
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
                else if (c == ' ' || c == '\t')
                {
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
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
                words.Add(word.ToString());
            return words.ToArray();
        }
    }
}
