using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using EclipseOS.Cli.Cosmos;
using EclipseOS.Cli.Setup;

namespace EclipseOS.Cli.Verbs
{
    /// <summary>
    /// <c>eclipse pack [--output DIR] [--version V]</c>: packs the storage stack for other Cosmos
    /// kernels — EclipseOS.Hal, .Storage, .Drivers.VirtIO, .Drivers.Ata, .EclipseFS and the Cosmos
    /// adapter EclipseOS.Cosmos — into NuGet packages (default out/packages), which a kernel
    /// references from that folder (samples/SampleKernel does).
    /// </summary>
    public sealed class PackVerb : ICliVerb
    {
        /// <summary>The solution filter naming the packed projects (and the analyzers their build runs), relative to the repository root.</summary>
        public const string PackageSolution = "EclipseOS.Packages.slnf";

        private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(10);

        /// <inheritdoc />
        public Command Build()
        {
            var output = new Option<string?>("--output", "-o") { Description = "Folder for the .nupkg files (default out/packages)" };
            var version = new Option<string?>("--version") { Description = "Package version (default the repository's, 0.1.0)" };
            var command = new Command("pack", "Pack the storage stack (drivers, EclipseFS, Cosmos adapter) as NuGet packages for other Cosmos kernels");
            command.Options.Add(output);
            command.Options.Add(version);
            command.SetAction(parseResult =>
            {
                string root = RepositoryRoot.Find();
                string folder = Path.GetFullPath(parseResult.GetValue(output) ?? Path.Combine(root, "out", "packages"));
                return Pack(root, folder, parseResult.GetValue(version), Console.WriteLine) ? 0 : 1;
            });
            return command;
        }

        /// <summary>
        /// Packs every packable project of <see cref="PackageSolution"/> into <paramref name="folder"/> (Debug, what
        /// IL2CPU compiles) with <paramref name="version"/> (null: the repository's). Needs Cosmos
        /// packages (the kit or the reference feed) for the adapter; says so otherwise.
        /// </summary>
        public static bool Pack(string root, string folder, string? version, Action<string> onLine)
        {
            CosmosKit kit = CosmosKit.Discover(root);
            if (kit.Layer == CosmosLayer.None)
            {
                onLine("pack: " + kit.Describe() + " The Cosmos adapter (EclipseOS.Cosmos) needs Cosmos packages to compile.");
                return false;
            }
            Directory.CreateDirectory(folder);
            // One build of the filter packs every packable project in it.
            var arguments = new List<string> { "pack", Path.Combine(root, PackageSolution), "-c", "Debug", "-o", folder, "-nologo", "-v", "q", "-nodeReuse:false" };
            if (version != null)
                arguments.Add("-p:Version=" + version);
            int exit = ChildProcess.Run("dotnet", arguments, root, PackTimeout, onLine);
            if (exit != 0)
            {
                onLine("pack: the packages did not build (dotnet pack exit code " + exit + "; errors above)");
                return false;
            }
            onLine("Packed " + Directory.GetFiles(folder, "*.nupkg").Length + " packages into " + folder);
            return true;
        }
    }
}
