using System.Collections.Generic;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary>What the commands over paths share: one optional flag among the paths (<c>mkdir -p</c>, <c>rm -r</c>, <c>cp -r</c>).</summary>
    internal static class PathArguments
    {
        /// <summary>
        /// The words of <paramref name="args"/> other than <paramref name="flag"/>, in order;
        /// <paramref name="flagGiven"/> says whether the flag was among them. Any other word that
        /// starts with '-' (but '-' alone) is a <see cref="ShellException"/> naming it, with
        /// <paramref name="usage"/>.
        /// </summary>
        public static List<string> WithFlag(string[] args, string flag, string usage, out bool flagGiven)
        {
            flagGiven = false;
            var paths = new List<string>();
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] == flag)
                    flagGiven = true;
                else if (args[i].Length > 1 && args[i][0] == '-')
                    throw new ShellException("unknown option " + args[i] + " (usage: " + usage + ")");
                else
                    paths.Add(args[i]);
            }
            return paths;
        }
    }
}
