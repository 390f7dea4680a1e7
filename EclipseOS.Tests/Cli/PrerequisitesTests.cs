using System;
using System.IO;
using System.Linq;
using EclipseOS.Cli.Setup;
using Xunit;

namespace EclipseOS.Tests.Cli
{
    public sealed class PrerequisitesTests : IDisposable
    {
        private readonly string _bin = Path.Combine(Path.GetTempPath(), "eclipse-prereq-" + Guid.NewGuid().ToString("N"));
        private readonly string _otherBin;

        public PrerequisitesTests()
        {
            _otherBin = _bin + "-other";
            Directory.CreateDirectory(_bin);
            Directory.CreateDirectory(_otherBin);
        }

        public void Dispose()
        {
            Directory.Delete(_bin, recursive: true);
            Directory.Delete(_otherBin, recursive: true);
        }

        private string SearchPath => _bin + Path.PathSeparator + _otherBin;

        private static void MakeProgram(string path, bool executable)
        {
            File.WriteAllText(path, "#!/bin/sh\n");
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, executable ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        [Fact]
        public void FindsAProgramInAnyFolderOfThePath()
        {
            MakeProgram(Path.Combine(_otherBin, "sgdisk"), executable: true);
            Assert.Equal(Path.Combine(_otherBin, "sgdisk"), ExecutableSearch.Find("sgdisk", SearchPath));
            Assert.Null(ExecutableSearch.Find("sfdisk", SearchPath));
            Assert.Null(ExecutableSearch.Find("sgdisk", null));
        }

        [Fact]
        public void AFileWithoutExecutePermissionIsNotAProgram()
        {
            if (OperatingSystem.IsWindows())
                return;
            MakeProgram(Path.Combine(_bin, "xorriso"), executable: false);
            Assert.Null(ExecutableSearch.Find("xorriso", SearchPath));
        }

        [Fact]
        public void ReportsExactlyTheMissingTools()
        {
            MakeProgram(Path.Combine(_bin, "qemu-system-x86_64"), executable: true);
            MakeProgram(Path.Combine(_otherBin, "tar"), executable: true);
            var missing = Prerequisites.FindMissing(ExternalTool.ForTests, SearchPath);
            Assert.Equal(new[] { "sgdisk", "sfdisk", "xorriso", "gdb" }, missing.Select(t => t.Command));
        }

        [Fact]
        public void TheRealMachineHasWhatTheTestsNeed()
        {
            // ./eclipse test installs these before the suite runs, so here they must be found.
            Assert.Empty(Prerequisites.FindMissing(ExternalTool.ForTests, Environment.GetEnvironmentVariable("PATH")));
        }

        [Fact]
        public void AsRootInstallsOnlyTheMissingPackagesAfterAnUpdate()
        {
            InstallPlan plan = InstallPlan.For(new[] { ExternalTool.Qemu, ExternalTool.Sfdisk }, InstallRights.Root, hasAptGet: true);
            Assert.True(plan.CanRun);
            Assert.Equal(2, plan.Commands.Count);
            Assert.Equal(new[] { "apt-get", "update" }, plan.Commands[0]);
            Assert.Equal(new[] { "apt-get", "install", "-y", "qemu-system-x86", "fdisk" }, plan.Commands[1]);
            Assert.Equal("apt-get update && apt-get install -y qemu-system-x86 fdisk", plan.ManualCommand);
        }

        [Fact]
        public void WithPasswordlessSudoRunsUnderSudoWithoutPrompting()
        {
            InstallPlan plan = InstallPlan.For(new[] { ExternalTool.Xorriso }, InstallRights.PasswordlessSudo, hasAptGet: true);
            Assert.True(plan.CanRun);
            Assert.Equal(new[] { "sudo", "-n", "apt-get", "update" }, plan.Commands[0]);
            Assert.Equal(new[] { "sudo", "-n", "apt-get", "install", "-y", "xorriso" }, plan.Commands[1]);
        }

        [Fact]
        public void WithoutRightsPrintsTheExactCommandInsteadOfRunningIt()
        {
            InstallPlan plan = InstallPlan.For(new[] { ExternalTool.Sgdisk, ExternalTool.Qemu }, InstallRights.None, hasAptGet: true);
            Assert.False(plan.CanRun);
            Assert.Equal("sudo apt-get update && sudo apt-get install -y gdisk qemu-system-x86", plan.ManualCommand);
        }

        [Fact]
        public void ToolsSharingAPackageInstallItOnce()
        {
            var other = new ExternalTool("qemu-img", "qemu-system-x86", "test");
            InstallPlan plan = InstallPlan.For(new[] { ExternalTool.Qemu, other }, InstallRights.Root, hasAptGet: true);
            Assert.Equal(new[] { "apt-get", "install", "-y", "qemu-system-x86" }, plan.Commands[1]);
        }

        [Fact]
        public void WithoutAptNamesTheToolsAndTheirDebianPackages()
        {
            InstallPlan plan = InstallPlan.For(new[] { ExternalTool.Qemu }, InstallRights.Root, hasAptGet: false);
            Assert.False(plan.CanRun);
            Assert.Empty(plan.Commands);
            Assert.Contains("qemu-system-x86_64", plan.ManualCommand);
            Assert.Contains("qemu-system-x86", plan.ManualCommand);
        }
        /// <summary>
        /// A stand-in apt-get on the test's PATH (the real one would change this machine): it
        /// records its arguments, and `install` creates each named package as an executable of
        /// the same name, or exits with <paramref name="installExit"/>.
        /// </summary>
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
        private void FakeAptGet(int installExit, bool installs)
        {
            string log = Path.Combine(_bin, "apt.log");
            string script = "#!/bin/sh\n" +
                "echo \"$*\" >> '" + log + "'\n" +
                "if [ \"$1\" = install ]; then\n" +
                "  shift; [ \"$1\" = -y ] && shift\n" +
                (installs ? "  for p in \"$@\"; do printf '#!/bin/sh\\n' > '" + _otherBin + "'/\"$p\"; /bin/chmod +x '" + _otherBin + "'/\"$p\"; done\n" : "") +
                "  exit " + installExit + "\n" +
                "fi\n";
            File.WriteAllText(Path.Combine(_bin, "apt-get"), script);
            File.SetUnixFileMode(Path.Combine(_bin, "apt-get"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        private string AptLog => File.Exists(Path.Combine(_bin, "apt.log")) ? File.ReadAllText(Path.Combine(_bin, "apt.log")) : "";

        private static readonly ExternalTool ToolA = new("eclipse-tool-a", "eclipse-tool-a", "test");
        private static readonly ExternalTool ToolB = new("eclipse-tool-b", "eclipse-tool-b", "test");

        [Fact]
        public void AsRootInstallsWhatIsMissingAndFindsItAfterwards()
        {
            if (OperatingSystem.IsWindows())
                return;
            FakeAptGet(0, installs: true);
            MakeProgram(Path.Combine(_bin, ToolA.Command), executable: true);
            var output = new StringWriter();
            Assert.True(Prerequisites.Ensure(new[] { ToolA, ToolB }, output, SearchPath, () => InstallRights.Root), output.ToString());
            Assert.Equal("update\ninstall -y eclipse-tool-b\n", AptLog);
            Assert.NotNull(ExecutableSearch.Find(ToolB.Command, SearchPath));
        }

        [Fact]
        public void AFailingInstallStopsWithTheCommandToRunByHand()
        {
            if (OperatingSystem.IsWindows())
                return;
            FakeAptGet(100, installs: false);
            var output = new StringWriter();
            Assert.False(Prerequisites.Ensure(new[] { ToolA }, output, SearchPath, () => InstallRights.Root));
            Assert.Contains("apt-get exited with code 100", output.ToString());
            Assert.Contains("apt-get update && apt-get install -y eclipse-tool-a", output.ToString());
        }

        [Fact]
        public void AnInstallThatDoesNotProvideTheToolIsReported()
        {
            if (OperatingSystem.IsWindows())
                return;
            FakeAptGet(0, installs: false);
            var output = new StringWriter();
            Assert.False(Prerequisites.Ensure(new[] { ToolA }, output, SearchPath, () => InstallRights.Root));
            Assert.Contains("Still missing after installing: eclipse-tool-a (package eclipse-tool-a)", output.ToString());
        }

        [Fact]
        public void WithoutRightsNothingIsRunAndTheExactCommandIsPrinted()
        {
            if (OperatingSystem.IsWindows())
                return;
            FakeAptGet(0, installs: true);
            var output = new StringWriter();
            Assert.False(Prerequisites.Ensure(new[] { ToolA }, output, SearchPath, () => InstallRights.None));
            Assert.Equal("", AptLog);
            Assert.Contains("sudo apt-get update && sudo apt-get install -y eclipse-tool-a", output.ToString());
        }

        [Fact]
        public void NothingMissingAsksForNoRights()
        {
            MakeProgram(Path.Combine(_bin, ToolA.Command), executable: true);
            Assert.True(Prerequisites.Ensure(new[] { ToolA }, TextWriter.Null, SearchPath, () => throw new InvalidOperationException("rights asked although nothing is missing")));
        }
    }
}
