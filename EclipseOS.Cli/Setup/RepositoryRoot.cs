using System;
using System.IO;

namespace EclipseOS.Cli.Setup
{
    /// <summary>Finds the repository the tool works on (the folder holding EclipseOS.sln).</summary>
    public static class RepositoryRoot
    {
        private const string SolutionFile = "EclipseOS.sln";

        /// <summary>
        /// ECLIPSE_ROOT when the <c>eclipse</c> launcher set it, else the nearest folder above the
        /// current directory or the tool's own location that holds EclipseOS.sln.
        /// </summary>
        public static string Find()
        {
            string? fromLauncher = Environment.GetEnvironmentVariable("ECLIPSE_ROOT");
            if (!string.IsNullOrEmpty(fromLauncher) && File.Exists(Path.Combine(fromLauncher, SolutionFile)))
                return Path.GetFullPath(fromLauncher);
            return Above(Environment.CurrentDirectory) ?? Above(AppContext.BaseDirectory)
                ?? throw new InvalidOperationException("cannot find the Eclipse OS repository (" + SolutionFile + ") above " + Environment.CurrentDirectory + "; run ./eclipse from the repository");
        }

        private static string? Above(string start)
        {
            for (DirectoryInfo? folder = new DirectoryInfo(start); folder != null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
                    return folder.FullName;
            }
            return null;
        }
    }
}
