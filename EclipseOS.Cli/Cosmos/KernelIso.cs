using System;
using System.IO;

namespace EclipseOS.Cli.Cosmos
{
    /// <summary>Builds the kernel's bootable ISO where the Cosmos user kit is installed, or says why it cannot.</summary>
    public static class KernelIso
    {
        /// <summary>
        /// Builds the ISO and returns its path, or returns null after writing to
        /// <paramref name="output"/> what is missing (no kit, or only the reference packages) and
        /// how to install it, or why the build failed.
        /// </summary>
        public static string? Build(string repositoryRoot, TextWriter output)
        {
            CosmosKit kit = CosmosKit.Discover(repositoryRoot);
            if (kit.Layer != CosmosLayer.Full)
            {
                output.WriteLine("Cannot build the ISO here. " + kit.Describe());
                output.WriteLine(CosmosKit.InstallHelp);
                return null;
            }
            output.WriteLine(kit.Describe());
            output.WriteLine("Building the kernel with IL2CPU (Debug, the only configuration Cosmos supports)...");
            int exit = CosmosKit.Build(repositoryRoot, compileOnly: false, output.WriteLine);
            if (exit != 0)
            {
                output.WriteLine("The kernel build failed (dotnet build exit code " + exit + "; errors above).");
                return null;
            }
            string iso = CosmosKit.IsoFile(repositoryRoot);
            if (!File.Exists(iso))
            {
                output.WriteLine("The kernel built, but its ISO is not at " + iso + " where Cosmos.Build puts it.");
                return null;
            }
            return iso;
        }
    }
}
