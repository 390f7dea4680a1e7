using System;
using System.IO;

namespace EclipseOS.Cli.Setup
{
    /// <summary>Finds programs on a search path the way a shell does.</summary>
    public static class ExecutableSearch
    {
        /// <summary>
        /// The full path of <paramref name="command"/> in one of the folders of
        /// <paramref name="searchPath"/> (PATH syntax), or null when none has it. On Unix the file
        /// must be executable; on Windows the extensions of PATHEXT are tried.
        /// </summary>
        public static string? Find(string command, string? searchPath)
        {
            if (string.IsNullOrEmpty(searchPath))
                return null;
            string[] extensions = OperatingSystem.IsWindows()
                ? ("" + ";" + (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE;.CMD;.BAT")).Split(';')
                : new[] { "" };
            foreach (string folder in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (string extension in extensions)
                {
                    string candidate = Path.Combine(folder, command + extension);
                    if (IsExecutableFile(candidate))
                        return candidate;
                }
            }
            return null;
        }

        /// <summary><see cref="Find(string, string?)"/> on this process's PATH.</summary>
        public static string? Find(string command) => Find(command, Environment.GetEnvironmentVariable("PATH"));

        private static bool IsExecutableFile(string path)
        {
            if (!File.Exists(path))
                return false;
            if (OperatingSystem.IsWindows())
                return true;
            const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            return (File.GetUnixFileMode(path) & anyExecute) != 0;
        }
    }
}
