using System.Collections.Generic;
using System.Linq;

namespace EclipseOS.Cli.Setup
{
    /// <summary>
    /// How to get missing tools: the apt commands, whether this process can run them itself,
    /// and the one line to show a user who has to run them.
    /// </summary>
    public sealed class InstallPlan
    {
        private InstallPlan(IReadOnlyList<ExternalTool> missing, IReadOnlyList<string[]> commands, bool canRun, string manualCommand)
        {
            Missing = missing;
            Commands = commands;
            CanRun = canRun;
            ManualCommand = manualCommand;
        }

        /// <summary>The tools not found.</summary>
        public IReadOnlyList<ExternalTool> Missing { get; }

        /// <summary>The commands that install them (program first), in order; empty when apt-get is not available.</summary>
        public IReadOnlyList<string[]> Commands { get; }

        /// <summary>Whether this process may run <see cref="Commands"/> itself.</summary>
        public bool CanRun { get; }

        /// <summary>What the user should run, as one shell line (or what to install, without apt).</summary>
        public string ManualCommand { get; }

        /// <summary>
        /// Plans the installation of <paramref name="missing"/>: <c>apt-get update</c>, then
        /// <c>apt-get install -y</c> with the packages of the missing tools only (each once), under
        /// <c>sudo -n</c> when that is how this process gets root.
        /// </summary>
        public static InstallPlan For(IReadOnlyList<ExternalTool> missing, InstallRights rights, bool hasAptGet)
        {
            string[] packages = missing.Select(t => t.AptPackage).Distinct().ToArray();
            if (!hasAptGet)
            {
                string wanted = string.Join(", ", missing.Select(t => t.Command));
                return new InstallPlan(missing, new List<string[]>(), false, "install " + wanted + " with your system's package manager (Debian/Ubuntu packages: " + string.Join(" ", packages) + ")");
            }
            string[] update = { "apt-get", "update" };
            string[] install = new[] { "apt-get", "install", "-y" }.Concat(packages).ToArray();
            var commands = new List<string[]>();
            if (rights == InstallRights.PasswordlessSudo)
            {
                commands.Add(new[] { "sudo", "-n" }.Concat(update).ToArray());
                commands.Add(new[] { "sudo", "-n" }.Concat(install).ToArray());
            }
            else
            {
                commands.Add(update);
                commands.Add(install);
            }
            string manual = rights == InstallRights.Root
                ? string.Join(" ", update) + " && " + string.Join(" ", install)
                : "sudo " + string.Join(" ", update) + " && sudo " + string.Join(" ", install);
            return new InstallPlan(missing, commands, rights != InstallRights.None, manual);
        }
    }
}
