using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace EclipseOS.Cli.Setup
{
    /// <summary>
    /// Makes sure the programs a verb needs are installed: finds the missing ones and, when this
    /// process may (root, or sudo without a password) and apt-get exists, installs their packages
    /// (<c>apt-get update</c> first); otherwise prints the exact command to run and fails.
    /// </summary>
    public static class Prerequisites
    {
        // apt-get update on a slow mirror plus QEMU's dependencies: generous, but bounded.
        private static readonly TimeSpan AptTimeout = TimeSpan.FromMinutes(20);

        /// <summary>The tools of <paramref name="tools"/> that are not on <paramref name="searchPath"/>.</summary>
        public static List<ExternalTool> FindMissing(IEnumerable<ExternalTool> tools, string? searchPath)
        {
            return tools.Where(t => ExecutableSearch.Find(t.Command, searchPath) == null).ToList();
        }

        /// <summary>How this process could install packages.</summary>
        public static InstallRights DetectRights()
        {
            if (!OperatingSystem.IsLinux())
                return InstallRights.None;
            if (Environment.IsPrivilegedProcess)
                return InstallRights.Root;
            if (ExecutableSearch.Find("sudo") == null)
                return InstallRights.None;
            try
            {
                // -n: fail instead of asking for a password.
                int exit = ChildProcess.Run("sudo", new[] { "-n", "true" }, null, TimeSpan.FromSeconds(10), _ => { });
                return exit == 0 ? InstallRights.PasswordlessSudo : InstallRights.None;
            }
            catch (TimeoutException)
            {
                return InstallRights.None;
            }
        }

        /// <summary>
        /// Ensures every tool of <paramref name="tools"/> is on PATH, installing what is missing
        /// when possible. Returns false (after saying what to run) when something is still missing.
        /// </summary>
        public static bool Ensure(IReadOnlyList<ExternalTool> tools, TextWriter output)
        {
            return Ensure(tools, output, Environment.GetEnvironmentVariable("PATH"), DetectRights);
        }

        /// <summary>
        /// <see cref="Ensure(IReadOnlyList{ExternalTool}, TextWriter)"/> on <paramref name="searchPath"/>:
        /// tools, apt-get and sudo are looked up there (and it is the PATH the install commands
        /// get); <paramref name="rights"/> is asked only when something is missing.
        /// </summary>
        public static bool Ensure(IReadOnlyList<ExternalTool> tools, TextWriter output, string? searchPath, Func<InstallRights> rights)
        {
            List<ExternalTool> missing = FindMissing(tools, searchPath);
            if (missing.Count == 0)
                return true;
            output.WriteLine("Missing: " + string.Join(", ", missing.Select(t => t.Command + " (" + t.Purpose + ")")));
            InstallPlan plan = InstallPlan.For(missing, rights(), ExecutableSearch.Find("apt-get", searchPath) != null);
            if (!plan.CanRun)
            {
                output.WriteLine("Cannot install them from here (not root, no password-less sudo, or no apt-get). Run:");
                output.WriteLine("  " + plan.ManualCommand);
                return false;
            }
            var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive", ["PATH"] = searchPath ?? "" };
            foreach (string[] command in plan.Commands)
            {
                output.WriteLine("$ " + string.Join(" ", command));
                string program = ExecutableSearch.Find(command[0], searchPath) ?? command[0];
                int exit = ChildProcess.Run(program, command.Skip(1), null, AptTimeout, output.WriteLine, environment);
                if (exit != 0)
                {
                    output.WriteLine(command[0] + " exited with code " + exit + "; install by hand: " + plan.ManualCommand);
                    return false;
                }
            }
            List<ExternalTool> stillMissing = FindMissing(tools, searchPath);
            if (stillMissing.Count == 0)
                return true;
            output.WriteLine("Still missing after installing: " + string.Join(", ", stillMissing.Select(t => t.Command + " (package " + t.AptPackage + ")")));
            return false;
        }
    }
}
