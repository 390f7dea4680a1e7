using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using EclipseOS.Cli.Setup;

namespace EclipseOS.Cli.Cosmos
{
    /// <summary>
    /// The Cosmos packages as MSBuild finds them for EclipseOS.Kernel. The discovery itself lives
    /// in Cosmos.props (so Visual Studio, <c>dotnet build</c> and this tool agree); this class asks
    /// MSBuild for its result and builds the kernel project.
    /// </summary>
    public sealed class CosmosKit
    {
        /// <summary>The kernel project, relative to the repository root.</summary>
        public const string KernelProject = "EclipseOS.Kernel/EclipseOS.Kernel.csproj";

        // Evaluating a project is seconds; restoring and compiling it, a minute or two; IL2CPU on a
        // whole kernel, several minutes. Anything far beyond is a hang.
        private static readonly TimeSpan EvaluateTimeout = TimeSpan.FromMinutes(2);
        private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(30);

        /// <summary>Creates a description (normally from <see cref="Discover"/>).</summary>
        public CosmosKit(CosmosLayer layer, string packagesDirectory, string origin, string version)
        {
            Layer = layer;
            PackagesDirectory = packagesDirectory;
            Origin = origin;
            Version = version;
        }

        /// <summary>What can be built.</summary>
        public CosmosLayer Layer { get; }

        /// <summary>The package folder used; empty when none was named or found.</summary>
        public string PackagesDirectory { get; }

        /// <summary>How the folder was found: <c>variable</c>, <c>user kit</c> or <c>none</c>.</summary>
        public string Origin { get; }

        /// <summary>The Cosmos packages' version; empty without packages.</summary>
        public string Version { get; }

        /// <summary>How to get what building an ISO needs, for messages.</summary>
        public const string InstallHelp =
            "Building the ISO needs the Cosmos user kit (Cosmos.Build and IL2CPU). Windows: run the Cosmos user kit installer " +
            "(packages land in %AppData%\\Cosmos User Kit\\packages). Linux: clone CosmosOS/Cosmos and run `make` in it " +
            "(it installs to /opt/cosmos and writes /etc/CosmosUserKit.cfg; IL2CPU needs the .NET 6 runtime). " +
            "Or point ECLIPSE_COSMOS_PACKAGES at a folder holding the kit's packages.";

        /// <summary>One plain sentence saying what was found and what that allows.</summary>
        public string Describe()
        {
            switch (Layer)
            {
                case CosmosLayer.Full:
                    return "Cosmos user kit " + Version + " in " + PackagesDirectory + " (" + Origin + "): the kernel and its ISO can be built.";
                case CosmosLayer.Reference:
                    return "Cosmos reference packages " + Version + " in " + PackagesDirectory + " (" + Origin + "): the Cosmos layer compiles, but there is no Cosmos.Build there to make an ISO.";
                default:
                    return PackagesDirectory.Length == 0
                        ? "No Cosmos packages found (ECLIPSE_COSMOS_PACKAGES is not set and no Cosmos user kit is installed): the Cosmos layer is skipped."
                        : "No Cosmos packages in " + PackagesDirectory + " (" + Origin + "): the Cosmos layer is skipped.";
            }
        }

        /// <summary>Parses the JSON that <c>dotnet msbuild -getProperty:…</c> prints for the Cosmos.props results.</summary>
        public static CosmosKit FromMSBuildProperties(string json)
        {
            int start = json.IndexOf('{');
            if (start < 0)
                throw new FormatException("dotnet msbuild printed no property list: " + json);
            using JsonDocument document = JsonDocument.Parse(json.Substring(start));
            JsonElement properties = document.RootElement.GetProperty("Properties");
            string layer = properties.GetProperty("CosmosLayer").GetString() ?? "";
            if (!Enum.TryParse(layer, ignoreCase: false, out CosmosLayer parsed))
                throw new FormatException("Cosmos.props reported CosmosLayer '" + layer + "'; expected None, Reference or Full");
            return new CosmosKit(parsed,
                properties.GetProperty("CosmosPackagesDir").GetString() ?? "",
                properties.GetProperty("CosmosPackagesOrigin").GetString() ?? "",
                properties.GetProperty("CosmosVersion").GetString() ?? "");
        }

        /// <summary>Asks MSBuild what Cosmos.props finds for the kernel project of <paramref name="repositoryRoot"/>.</summary>
        public static CosmosKit Discover(string repositoryRoot, IReadOnlyDictionary<string, string>? environment = null)
        {
            string json = GetProperties(repositoryRoot, new[] { "CosmosLayer", "CosmosPackagesDir", "CosmosPackagesOrigin", "CosmosVersion" }, environment);
            return FromMSBuildProperties(json);
        }

        /// <summary>
        /// Builds the kernel project (Debug: IL2CPU builds nothing else), passing its output to
        /// <paramref name="onLine"/>; with <paramref name="compileOnly"/> IL2CPU is not run even
        /// where the kit is installed. Returns dotnet's exit code.
        /// </summary>
        public static int Build(string repositoryRoot, bool compileOnly, Action<string> onLine)
        {
            var arguments = new List<string> { "build", Path.Combine(repositoryRoot, KernelProject), "-c", "Debug", "-nologo", "-v", "m", "-clp:NoSummary", "-nodeReuse:false", "-p:EclipseSkipSampleDisk=true" };
            if (compileOnly)
                arguments.Add("-p:CosmosCompileOnly=true");
            return ChildProcess.Run("dotnet", arguments, repositoryRoot, BuildTimeout, onLine);
        }

        /// <summary>The ISO file Cosmos.Build writes for the kernel project (meaningful where <see cref="Layer"/> is Full).</summary>
        public static string IsoFile(string repositoryRoot)
        {
            // With a single -getProperty MSBuild prints the bare value, not JSON.
            string iso = GetProperties(repositoryRoot, new[] { "IsoFile" }, null).Trim();
            if (iso.Length == 0)
                throw new InvalidOperationException(KernelProject + " has no IsoFile property: Cosmos.Build's targets were not imported (restore the project with the kit present)");
            return IsoPath(repositoryRoot, iso);
        }

        /// <summary>
        /// The full path of the ISO from Cosmos.Build's <c>IsoFile</c> property (relative to the
        /// kernel project). Cosmos.Build writes it with Windows separators (<c>bin\cosmos/Debug/…</c>);
        /// on Linux a backslash is a file-name character, so both become this system's separator.
        /// </summary>
        public static string IsoPath(string repositoryRoot, string isoProperty)
        {
            string iso = isoProperty.Replace('\\', Path.DirectorySeparatorChar).Replace('/', Path.DirectorySeparatorChar);
            return Path.GetFullPath(Path.Combine(repositoryRoot, "EclipseOS.Kernel", iso));
        }

        private static string GetProperties(string repositoryRoot, IEnumerable<string> names, IReadOnlyDictionary<string, string>? environment)
        {
            var arguments = new List<string> { "msbuild", Path.Combine(repositoryRoot, KernelProject), "-nologo" };
            foreach (string name in names)
                arguments.Add("-getProperty:" + name);
            var output = new StringBuilder();
            int exit = ChildProcess.Run("dotnet", arguments, repositoryRoot, EvaluateTimeout, line => output.AppendLine(line), environment);
            if (exit != 0)
                throw new InvalidOperationException("evaluating " + KernelProject + " failed (dotnet msbuild exit code " + exit + "):" + Environment.NewLine + output);
            return output.ToString();
        }
    }
}
