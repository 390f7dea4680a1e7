using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using EclipseOS.Cli.Cosmos;
using EclipseOS.Cli.Setup;
using Xunit;

namespace EclipseOS.Tests.Cli
{
    /// <summary>
    /// Cosmos.props' discovery, evaluated by MSBuild on the real kernel project (what Visual
    /// Studio, dotnet build and the eclipse tool all see). Package folders are made here: the
    /// discovery decides by the package file names, so empty files of the right names stand for
    /// a user kit; the compile test uses the real reference feed.
    /// </summary>
    public sealed class CosmosDiscoveryTests : IDisposable
    {
        private readonly string _scratch = Path.Combine(Path.GetTempPath(), "eclipse-cosmos-" + Guid.NewGuid().ToString("N"));
        private readonly string _root = RepositoryRoot.Find();

        public CosmosDiscoveryTests()
        {
            Directory.CreateDirectory(_scratch);
        }

        public void Dispose() => Directory.Delete(_scratch, recursive: true);

        private string PackageFolder(string name, params string[] packages)
        {
            string folder = Path.Combine(_scratch, name);
            Directory.CreateDirectory(folder);
            foreach (string package in packages)
                File.WriteAllBytes(Path.Combine(folder, package), Array.Empty<byte>());
            return folder;
        }

        // No user kit config unless a test names one: the machine's own /etc must not decide.
        private CosmosKit Discover(string packagesVariable, string? userKitConfig = null, bool compileOnly = false)
        {
            var environment = new Dictionary<string, string>
            {
                ["ECLIPSE_COSMOS_PACKAGES"] = packagesVariable,
                ["CosmosPackages"] = "",
                ["CosmosUserKitConfig"] = userKitConfig ?? Path.Combine(_scratch, "no-such-kit.cfg"),
                ["CosmosCompileOnly"] = compileOnly ? "true" : "",
            };
            return CosmosKit.Discover(_root, environment);
        }

        [Fact]
        public void KitWithCosmosBuildIsFull()
        {
            string kit = PackageFolder("kit", "Cosmos.Build.2024.1.0.nupkg", "Cosmos.System2.2024.1.0.nupkg", "Cosmos.Debug.Kernel.2024.1.0.nupkg", "Cosmos.Plugs.2024.1.0.nupkg");
            CosmosKit found = Discover(kit);
            Assert.Equal(CosmosLayer.Full, found.Layer);
            Assert.Equal(kit, found.PackagesDirectory);
            Assert.Equal("2024.1.0", found.Version);
            Assert.Equal("variable", found.Origin);
        }

        [Fact]
        public void CompileOnlyTurnsAFullKitIntoAReferenceBuild()
        {
            string kit = PackageFolder("kit", "Cosmos.Build.1.0.0.nupkg", "Cosmos.System2.1.0.0.nupkg");
            Assert.Equal(CosmosLayer.Reference, Discover(kit, compileOnly: true).Layer);
        }

        [Fact]
        public void ReferencePackagesWithoutCosmosBuildCompileOnly()
        {
            string feed = PackageFolder("feed", "Cosmos.System2.0.1.0-localbuild.nupkg", "Cosmos.Debug.Kernel.0.1.0-localbuild.nupkg", "IL2CPU.API.0.1.0-localbuild.nupkg");
            CosmosKit found = Discover(feed);
            Assert.Equal(CosmosLayer.Reference, found.Layer);
            Assert.Equal("0.1.0-localbuild", found.Version);
            Assert.Contains("no Cosmos.Build", found.Describe());
        }

        [Fact]
        public void AFolderWithoutCosmosPackagesSkipsTheLayerAndSaysWhere()
        {
            string empty = PackageFolder("empty", "Something.Else.1.0.0.nupkg");
            CosmosKit found = Discover(empty);
            Assert.Equal(CosmosLayer.None, found.Layer);
            Assert.Contains(empty, found.Describe());
        }

        [Fact]
        public void NothingNamedAndNoKitInstalledSkipsTheLayer()
        {
            CosmosKit found = Discover("");
            Assert.Equal(CosmosLayer.None, found.Layer);
            Assert.Equal("", found.PackagesDirectory);
            Assert.Contains("ECLIPSE_COSMOS_PACKAGES", found.Describe());
        }

        [Fact]
        public void InstalledUserKitIsFoundThroughItsConfigFile()
        {
            // Cosmos's `make install` writes the install folder, without a newline, to the config.
            string install = Path.Combine(_scratch, "opt-cosmos");
            PackageFolder(Path.Combine("opt-cosmos", "Packages"), "Cosmos.Build.0.1.0-localbuild.nupkg", "Cosmos.System2.0.1.0-localbuild.nupkg");
            string config = Path.Combine(_scratch, "CosmosUserKit.cfg");
            File.WriteAllText(config, install);
            CosmosKit found = Discover("", config);
            Assert.Equal(CosmosLayer.Full, found.Layer);
            Assert.Equal("user kit", found.Origin);
            Assert.Equal(Path.Combine(install, "Packages"), found.PackagesDirectory);
        }

        [Fact]
        public void TheVariableWinsOverAnInstalledKit()
        {
            string install = Path.Combine(_scratch, "opt-cosmos");
            PackageFolder(Path.Combine("opt-cosmos", "Packages"), "Cosmos.Build.1.0.0.nupkg", "Cosmos.System2.1.0.0.nupkg");
            string config = Path.Combine(_scratch, "CosmosUserKit.cfg");
            File.WriteAllText(config, install);
            string feed = PackageFolder("feed", "Cosmos.System2.0.1.0-localbuild.nupkg");
            CosmosKit found = Discover(feed, config);
            Assert.Equal(CosmosLayer.Reference, found.Layer);
            Assert.Equal(feed, found.PackagesDirectory);
        }

        [SkippableFact]
        public void AWrongCosmosApiCallFailsTheBuildAgainstTheReferenceFeed()
        {
            string feed = ReferenceFeed();
            // A copy of what the kernel project builds from, with one Cosmos call misspelt.
            string copy = Path.Combine(_scratch, "repo");
            foreach (string file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "Cosmos.props" })
                CopyInto(Path.Combine(_root, file), copy, file);
            // The kernel runs the kernel core and the Cosmos adapter, which pull in the storage
            // stack; every kernel-side project runs the IL2CPU analyzers.
            foreach (string project in new[] { "EclipseOS.Analyzers", "EclipseOS.Hal", "EclipseOS.Storage", "EclipseOS.Drivers.VirtIO", "EclipseOS.Drivers.Ata", "EclipseOS.Drivers.Ahci", "EclipseOS.Drivers.Nvme", "EclipseOS.EclipseFS", "EclipseOS.Kernel.Core", "EclipseOS.Cosmos", "EclipseOS.Kernel" })
                CopySources(project, copy);
            string portIO = Path.Combine(copy, "EclipseOS.Cosmos", "Platform", "CosmosPortIO.cs");
            string source = File.ReadAllText(portIO);
            Assert.Contains("CosmosIOPort.Read8(port)", source);
            File.WriteAllText(portIO, source.Replace("CosmosIOPort.Read8(port)", "CosmosIOPort.ReadByteThatDoesNotExist(port)"));

            var output = new StringBuilder();
            int exit = ChildProcess.Run("dotnet",
                new[] { "build", Path.Combine(copy, CosmosKit.KernelProject), "-nologo", "-v", "q", "-nodeReuse:false" },
                copy, TimeSpan.FromMinutes(5), line => output.AppendLine(line),
                new Dictionary<string, string> { ["ECLIPSE_COSMOS_PACKAGES"] = feed, ["CosmosCompileOnly"] = "true" });

            Assert.NotEqual(0, exit);
            Assert.Contains("CS0117", output.ToString());
            Assert.Contains("ReadByteThatDoesNotExist", output.ToString());
        }

        /// <summary>The reference feed CI compiles against: ECLIPSE_COSMOS_PACKAGES, else ../shared/cosmos-feed beside the repository.</summary>
        private string ReferenceFeed()
        {
            string? named = Environment.GetEnvironmentVariable("ECLIPSE_COSMOS_PACKAGES");
            string feed = Path.GetFullPath(string.IsNullOrEmpty(named) ? Path.Combine(_root, "..", "shared", "cosmos-feed") : Path.Combine(_root, named));
            // A developer's clone may have no reference packages beside it; CI (.ci/run) always names them,
            // and there a missing feed is a failure, not a skip.
            Skip.If(string.IsNullOrEmpty(named) && !Directory.Exists(feed),
                "no Cosmos reference packages at " + feed + " and ECLIPSE_COSMOS_PACKAGES is not set");
            Assert.True(File.Exists(Path.Combine(feed, "Cosmos.System2.0.1.0-localbuild.nupkg")),
                "the Cosmos reference feed is not at " + feed + " (set ECLIPSE_COSMOS_PACKAGES to it)");
            return feed;
        }

        private void CopySources(string project, string destination)
        {
            string from = Path.Combine(_root, project);
            foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(from, file);
                string top = relative.Split(Path.DirectorySeparatorChar)[0];
                if (top == "bin" || top == "obj")
                    continue;
                CopyInto(file, destination, Path.Combine(project, relative));
            }
        }

        private static void CopyInto(string file, string destinationRoot, string relative)
        {
            string target = Path.Combine(destinationRoot, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        [Fact]
        public void TheIsoPathCosmosBuildReportsWithABackslashIsAPathOnThisSystem()
        {
            string iso = CosmosKit.IsoPath("/repo", "bin\\cosmos/Debug/net6.0/EclipseOS.Kernel.iso");
            Assert.Equal(Path.GetFullPath(Path.Combine("/repo", "EclipseOS.Kernel", "bin", "cosmos", "Debug", "net6.0", "EclipseOS.Kernel.iso")), iso);
        }
    }
}
