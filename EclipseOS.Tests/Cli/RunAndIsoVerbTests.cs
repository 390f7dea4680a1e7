using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using EclipseOS.Cli.Setup;
using Xunit;

namespace EclipseOS.Tests.Cli
{
    /// <summary>
    /// The iso and run verbs as a user runs them: the eclipse tool in its own process, with no
    /// Cosmos kit (none can be installed here), and QEMU for real.
    /// </summary>
    public sealed class RunAndIsoVerbTests : IDisposable
    {
        private readonly string _scratch = Path.Combine(Path.GetTempPath(), "eclipse-run-" + Guid.NewGuid().ToString("N"));

        public RunAndIsoVerbTests() => Directory.CreateDirectory(_scratch);

        public void Dispose() => Directory.Delete(_scratch, recursive: true);

        private (int Exit, string Output) Eclipse(Dictionary<string, string> environment, params string[] arguments)
        {
            var all = new List<string> { Path.Combine(AppContext.BaseDirectory, "eclipse.dll") };
            all.AddRange(arguments);
            environment["ECLIPSE_ROOT"] = RepositoryRoot.Find();
            var output = new StringBuilder();
            int exit = ChildProcess.Run("dotnet", all, _scratch, TimeSpan.FromMinutes(2), line => output.AppendLine(line), environment);
            return (exit, output.ToString());
        }

        /// <summary>No Cosmos packages named and no user kit: the situation of a machine without the kit.</summary>
        private Dictionary<string, string> NoKit() => new()
        {
            ["ECLIPSE_COSMOS_PACKAGES"] = "",
            ["CosmosPackages"] = "",
            ["CosmosUserKitConfig"] = Path.Combine(_scratch, "no-kit.cfg"),
        };

        [Fact]
        public void IsoWithoutTheKitSaysWhatIsMissingAndHowToInstallIt()
        {
            (int exit, string output) = Eclipse(NoKit(), "iso");
            Assert.Equal(2, exit);
            Assert.Contains("No Cosmos packages found", output);
            Assert.Contains("Cosmos user kit", output);
            Assert.Contains("/etc/CosmosUserKit.cfg", output);
        }

        [Fact]
        public void IsoWithOnlyReferencePackagesSaysCosmosBuildIsMissing()
        {
            string feed = Path.Combine(_scratch, "feed");
            Directory.CreateDirectory(feed);
            File.WriteAllBytes(Path.Combine(feed, "Cosmos.System2.0.1.0-localbuild.nupkg"), Array.Empty<byte>());
            Dictionary<string, string> environment = NoKit();
            environment["ECLIPSE_COSMOS_PACKAGES"] = feed;
            (int exit, string output) = Eclipse(environment, "iso");
            Assert.Equal(2, exit);
            Assert.Contains("no Cosmos.Build there", output);
        }

        [Fact]
        public void RunWithoutAnIsoSaysSoBeforeStartingQemu()
        {
            (int exit, string output) = Eclipse(NoKit(), "run");
            Assert.Equal(2, exit);
            Assert.Contains("Cannot build the ISO here", output);
            Assert.Contains("--iso", output);
            Assert.DoesNotContain("qemu-system-x86_64 -machine", output);
        }

        [Fact]
        public void RunRejectsAMissingDiskByName()
        {
            string missing = Path.Combine(_scratch, "nope.img");
            (int exit, string output) = Eclipse(NoKit(), "run", "--disk", missing);
            Assert.Equal(2, exit);
            Assert.Contains(missing + " does not exist", output);
        }

        [Theory]
        [InlineData("--boot-timeout 60", "--boot-timeout bounds the wait for the shell's first prompt, which only --exec waits for")]
        [InlineData("--exec ls --boot-timeout 0", "--boot-timeout must be a positive number of seconds, was 0")]
        [InlineData("--exec ls --timeout -5", "--timeout must be a positive number of seconds, was -5")]
        [InlineData("--timeout 0", "--timeout must be a positive number of seconds, was 0")]
        public void RunRefusesATimeoutItCouldNotHonourBeforeStartingQemu(string options, string message)
        {
            var arguments = new List<string> { "run", "--iso", Path.Combine(_scratch, "never-read.iso") };
            arguments.AddRange(options.Split(' '));
            (int exit, string output) = Eclipse(NoKit(), arguments.ToArray());
            Assert.Equal(2, exit);
            Assert.Contains("run: " + message, output);
            Assert.DoesNotContain("qemu-system-x86_64 -machine", output);
        }

        [Fact]
        public void RunBootsAnIsoInRealQemuWithDisksOnBothBusesAndASerialLog()
        {
            // A data-only ISO: the BIOS finds nothing to boot and waits, which is enough to prove
            // QEMU accepted every argument (drives on both buses sharing a file, the logging chardev).
            string content = Path.Combine(_scratch, "iso-content");
            Directory.CreateDirectory(content);
            File.WriteAllText(Path.Combine(content, "README"), "not a kernel");
            string iso = Path.Combine(_scratch, "data.iso");
            Assert.Equal(0, ChildProcess.Run("xorriso", new[] { "-as", "mkisofs", "-quiet", "-o", iso, content }, _scratch, TimeSpan.FromMinutes(1), _ => { }));
            string root = Path.Combine(_scratch, "root.img");
            string data = Path.Combine(_scratch, "data.img");
            using (FileStream f = File.Create(root)) f.SetLength(4 << 20);
            using (FileStream f = File.Create(data)) f.SetLength(4 << 20);
            string serial = Path.Combine(_scratch, "serial.log");

            (int exit, string output) = Eclipse(NoKit(), "run", "--iso", iso, "--disk", root, "--disk", data, "--bus", "both", "--serial-log", serial, "--timeout", "3");

            Assert.True(exit == 0, output);
            Assert.Contains("stopped QEMU after 3 s", output);
            Assert.True(File.Exists(serial), "QEMU did not create the serial log " + serial);
        }
    }
}
