using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using EclipseOS.Cli.Boot;
using EclipseOS.Cli.Guest;
using EclipseOS.Cli.Run;
using EclipseOS.Cli.Setup;
using EclipseOS.Cli.Verbs;
using Xunit;

namespace EclipseOS.Tests.Guest
{
    /// <summary>
    /// The storage stack as packages for other Cosmos kernels: <c>eclipse pack</c> packs them,
    /// samples/SampleKernel references them from that folder, builds with the kit, boots on the
    /// sample disk, starts the stack with its one call and reads files through System.IO.
    /// </summary>
    public sealed class GuestSampleKernelTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "eclipse-sample-kernel-" + Guid.NewGuid().ToString("N"));

        public GuestSampleKernelTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        [SkippableFact]
        public void ASampleKernelBuiltFromThePackagesReadsEclipseFsThroughSystemIo()
        {
            _ = GuestKernel.Iso; // skips (or fails under CI) without the kit, like every guest test
            string root = RepositoryRoot.Find();
            var output = new StringBuilder();
            // A version of its own: NuGet caches packages by version, and this test must boot this tree's code.
            string version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "." + Environment.ProcessId;
            string packages = Path.Combine(_folder, "packages");
            Assert.True(PackVerb.Pack(root, packages, version, line => output.AppendLine(line)), output.ToString());

            string project = Path.Combine(root, "samples", "SampleKernel", "SampleKernel.csproj");
            int exit = ChildProcess.Run("dotnet", new[] { "build", project, "-nologo", "-v", "q", "-nodeReuse:false",
                "-p:EclipseOSPackages=" + packages, "-p:EclipseOSVersion=" + version }, root, TimeSpan.FromMinutes(15), line => output.AppendLine(line));
            Assert.True(exit == 0, "the sample kernel did not build:\n" + output);
            string iso = Path.Combine(root, "samples", "SampleKernel", "bin", "cosmos", "Debug", "net6.0", "SampleKernel.iso");
            Assert.True(File.Exists(iso), "no ISO at " + iso + ":\n" + output);

            string disk = Path.Combine(_folder, "sample.img");
            SampleRootDisk.Ensure(Path.Combine(root, "rootfs"), disk, out _);
            var options = new VmOptions(iso, new[] { disk }, DiskBus.Virtio, Path.Combine(_folder, "serial.log")) { Window = false };
            using GuestVm guest = GuestVm.Start(options);
            guest.WaitForText("sample: done", GuestBoot.BootTimeout);
            string transcript = guest.Transcript;
            foreach (string line in new[]
            {
                "[KERNEL] System.IO: EclipseFS volume at 1:\\",
                "sample: 1:\\etc\\motd begins: " + File.ReadAllLines(Path.Combine(root, "rootfs", "etc", "motd"))[0],
                "sample: file hostname",
                "sample: directory home",
            })
                Assert.True(transcript.Contains(line + "\n", StringComparison.Ordinal), "'" + line + "' missing from the sample kernel's COM1:\n" + transcript);
        }
    }
}
