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
            Assert.Equal(new[] { "sgdisk", "sfdisk", "xorriso" }, missing.Select(t => t.Command));
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
    }
}
