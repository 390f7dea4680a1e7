using System;
using System.Collections.Generic;
using System.Linq;
using EclipseOS.Cli.Boot;
using EclipseOS.Kernel.Core.Shell;
using EclipseOS.Storage.Partitions;
using Xunit;

namespace EclipseOS.Tests.Kernel
{
    /// <summary>
    /// The kernel core booted on QEMU's real devices (qtest): which disks the drivers find,
    /// which one becomes the root, what the log says and what the shell shows.
    /// </summary>
    public sealed class HostedBootTests : IClassFixture<KernelImages>
    {
        private readonly KernelImages _images;

        public HostedBootTests(KernelImages images)
        {
            _images = images;
        }

        [Fact]
        public void VirtioOnly_OriginalGptLayout_MountsTheEclipseFsPartitionAt4KiBBlock131328()
        {
            using var boot = Boot(BootBus.Virtio, _images.Gpt);
            List<string> log = boot.Log;
            AssertInOrder(log, "Initializing VirtIO driver...", "Initializing ATA driver...");
            AssertInOrder(log, SeedLog.Mount);
            Assert.Contains(log, l => l.StartsWith("[VirtIO] vda: ", StringComparison.Ordinal) && l.Contains("4194304 sectors of 512 bytes"));
            Assert.DoesNotContain(log, l => l.Contains("simulated disk"));
            Assert.Equal("vda2", boot.Kernel.Kernel.Root!.Device);

            var partition = Assert.IsType<PartitionBlockDevice>(boot.Kernel.Kernel.Devices.Find("vda2"));
            Assert.Equal(131328UL * 4096, partition.FirstLba * 512);

            Assert.Equal(new[] { "Welcome to the kernel test tree." }, boot.Run("cat /etc/motd"));
            Assert.Equal(new[] { "etc", "home", "motd", "noeol.txt" }, boot.Run("ls /"));
            Assert.StartsWith("00000000  45 43 4c 49 50 53 45 46  53 00 00 02", boot.Run("hexdump vda2 0 1")[0]);
            Assert.Equal(new[] { "vda2 on / type eclipsefs (rw)" }, boot.Run("mount"));
            Assert.Contains("[FS] vda2: read-write", log);
        }

        [Fact]
        public void IdeOnly_AtaDriverFindsTheDiskAndMountsItsPartition()
        {
            using var boot = Boot(BootBus.Ide, _images.Gpt);
            Assert.Contains(boot.Log, l => l.StartsWith("[ATA] hda: primary master \"QEMU HARDDISK\", LBA48, 4194304 sectors", StringComparison.Ordinal));
            Assert.DoesNotContain(boot.Log, l => l.StartsWith("[VirtIO] vd", StringComparison.Ordinal));
            Assert.DoesNotContain(boot.Log, l => l.Contains("simulated disk"));
            AssertInOrder(boot.Log, SeedLog.Mount);
            Assert.Equal("hda2", boot.Kernel.Kernel.Root!.Device);
            Assert.Equal(new[] { "deep file" }, boot.Run("cat /home/user/docs/deep.txt"));
        }

        [Fact]
        public void Both_VirtioWinsTheRoot_AtaDisksAreStillListed()
        {
            using var boot = Boot(BootBus.Both, _images.Gpt);
            Assert.Equal("vda2", boot.Kernel.Kernel.Root!.Device);
            Assert.Contains(boot.Log, l => l.StartsWith("[ATA] hda: ", StringComparison.Ordinal));
            string[] lsblk = boot.Run("lsblk");
            Assert.StartsWith("NAME", lsblk[0]);
            Assert.Equal(new[] { "vda", "vda1", "vda2", "hda", "hda1", "hda2" }, lsblk.Skip(1).Select(l => l.Split(' ')[0]).ToArray());
            Assert.Matches(@"^vda2 +1\.5G +512 +1 +part +gpt +1050624 +Linux filesystem +/ +EclipseFS$", lsblk[3]);
            Assert.Matches(@"^hda2 +1\.5G +512 +0 +part +gpt +1050624 +Linux filesystem +EclipseFS$", lsblk[6]);
        }

        [Fact]
        public void NoDisks_FallsBackToTheSimulatedDisk()
        {
            using var boot = Boot(BootBus.None);
            AssertInOrder(boot.Log,
                "Initializing VirtIO driver...",
                "Initializing ATA driver...",
                "[VirtIO] No real device found, using simulated disk",
                "[VirtIO] Simulated disk initialized with EclipseFS header",
                "Initializing filesystem subsystem...",
                "[FS] EclipseFS signature found",
                "[FS] Filesystem mounted successfully");
            Assert.Equal("ram0", boot.Kernel.Kernel.Root!.Device);
            Assert.True(boot.Kernel.Kernel.RootIsSimulated);
            Assert.Equal(new[] { "README", "etc", "motd" }, boot.Run("ls /"));
            Assert.Equal(new[] { "ram0 on / type eclipsefs (ro, simulated disk)" }, boot.Run("mount"));
        }

        [Fact]
        public void TwoVirtioDisks_TheSecondHoldsABareRoot()
        {
            using var boot = Boot(BootBus.Virtio, _images.Blank, _images.Bare);
            Assert.Contains(boot.Log, l => l.StartsWith("[VirtIO] vda: ", StringComparison.Ordinal));
            Assert.Contains(boot.Log, l => l.StartsWith("[VirtIO] vdb: ", StringComparison.Ordinal));
            Assert.Equal("vdb", boot.Kernel.Kernel.Root!.Device);
            Assert.Equal(new[] { "Welcome to the kernel test tree." }, boot.Run("cat /motd"));
        }

        [Fact]
        public void DamagedRoot_IsReportedAndTheShellStillStarts()
        {
            using var boot = Boot(BootBus.Virtio, _images.Damaged);
            Assert.Null(boot.Kernel.Kernel.Root);
            Assert.Contains(boot.Log, l => l == "[FS] EclipseFS signature found");
            Assert.DoesNotContain(boot.Log, l => l == "[FS] Filesystem mounted successfully");
            string failure = Assert.Single(boot.Log, l => l.StartsWith("[FS] Failed to mount eclipsefs on vda: ", StringComparison.Ordinal));
            Assert.Contains("inode 1", failure);
            Assert.Contains(boot.Log, l => l.StartsWith("[KERNEL] no root filesystem could be mounted", StringComparison.Ordinal));

            Assert.Equal(new[] { "ls: no root filesystem is mounted (dmesg says why)" }, boot.Run("ls /", expectSuccess: false));
            Assert.Equal("vda", boot.Run("lsblk")[1].Split(' ')[0]);
            Assert.StartsWith("(no filesystems mounted: no root filesystem could be mounted", boot.Run("mount")[0]);
        }

        [Fact]
        public void DamagedFirstCandidate_TheNextEclipseFsDeviceBecomesTheRoot()
        {
            using var boot = Boot(BootBus.Virtio, _images.Damaged, _images.Bare);
            Assert.Single(boot.Log, l => l.StartsWith("[FS] Failed to mount eclipsefs on vda: ", StringComparison.Ordinal));
            Assert.Equal(2, boot.Log.Count(l => l == "[FS] Attempting to mount eclipsefs..."));
            Assert.Equal("vdb", boot.Kernel.Kernel.Root!.Device);
            Assert.DoesNotContain(boot.Log, l => l.Contains("simulated disk"));
            Assert.Equal(new[] { "deep file" }, boot.Run("cat /home/user/docs/deep.txt"));
        }

        [Fact]
        public void ExecSession_ExitCodeReflectsCommands_AndRebootBootsAgain()
        {
            var options = new HostedKernelOptions { Bus = BootBus.Virtio };
            options.Disks.Add(_images.Bare);
            var output = new TextWriterOutput(null, keep: true);
            var session = new BootSession(() => HostedKernel.Start(options, output), output);

            Assert.Equal(0, session.RunCommands(new[] { "pwd", "reboot", "cat /etc/motd" }));
            Assert.Contains("[KERNEL] Rebooting...", output.Lines);
            Assert.Equal(2, output.Lines.Count(l => l == "[FS] Filesystem mounted successfully"));
            Assert.Contains("Welcome to the kernel test tree.", output.Lines);

            output.Clear();
            Assert.Equal(1, session.RunCommands(new[] { "cat /nope", "pwd" }));
            Assert.Contains("cat: /nope: no such file or directory", output.Lines);

            var damaged = new HostedKernelOptions { Bus = BootBus.Virtio };
            damaged.Disks.Add(_images.Damaged);
            Assert.Equal(1, new BootSession(() => HostedKernel.Start(damaged, output), output).RunCommands(new[] { "pwd" }));
        }

        [Fact]
        public void ExecSession_WritesOnTheRootAndOnASecondDisksPartition_AndTheHostReadsExactlyThat()
        {
            string root = _images.FreshGpt("root.img");
            string data = _images.FreshGpt("data.img");
            SortedDictionary<string, string> expectedRoot = WrittenImage.Check(WrittenImage.FileSystemBytes(root));
            SortedDictionary<string, string> expectedData = WrittenImage.Check(WrittenImage.FileSystemBytes(data));
            var options = new HostedKernelOptions { Bus = BootBus.Virtio };
            options.Disks.Add(root);
            options.Disks.Add(data);
            var output = new TextWriterOutput(null, keep: true);

            int exit = new BootSession(() => HostedKernel.Start(options, output), output).RunCommands(new[]
            {
                "mkdir -p /mnt/data", "mount vdb2 /mnt/data", "mount",
                "write /mnt/data/hello.txt from the hosted kernel", "mkdir /mnt/data/dir", "cp /etc/motd /mnt/data/dir/motd",
                "rm /mnt/data/noeol.txt", "ln -s dir/motd /mnt/data/motd2", "umount /mnt/data",
                "echo root change > /changed", "mv /noeol.txt /home/noeol.txt", "chmod 750 /home/user", "sync",
            });

            Assert.True(exit == 0, string.Join("\n", output.Lines));
            Assert.Contains("[FS] vda2: read-write", output.Lines);
            Assert.Contains("vdb2 on /mnt/data type eclipsefs (rw)", output.Lines);
            expectedRoot["/mnt/"] = WrittenImage.Dir(0x1ED);
            expectedRoot["/mnt/data/"] = WrittenImage.Dir(0x1ED);
            expectedRoot["/changed"] = WrittenImage.File(0x1A4, "root change\n");
            expectedRoot["/home/noeol.txt"] = expectedRoot["/noeol.txt"];
            expectedRoot.Remove("/noeol.txt");
            expectedRoot["/home/user/"] = WrittenImage.Dir(0x1E8);
            WrittenImage.AssertSame(expectedRoot, WrittenImage.Check(WrittenImage.FileSystemBytes(root)));
            expectedData["/hello.txt"] = WrittenImage.File(0x1A4, "from the hosted kernel\n");
            expectedData["/dir/"] = WrittenImage.Dir(0x1ED);
            expectedData["/dir/motd"] = WrittenImage.File(0x1A4, KernelImages.Motd);
            expectedData["/motd2"] = WrittenImage.Link("dir/motd");
            expectedData.Remove("/noeol.txt");
            WrittenImage.AssertSame(expectedData, WrittenImage.Check(WrittenImage.FileSystemBytes(data)));
        }

        [Fact]
        public void ReadOnlyVirtioDisk_TheRootMountsReadOnly_AndItsWritableIdeCopyMountsReadWrite()
        {
            // --bus both: the image on virtio read-only (the root) and on IDE as a throw-away snapshot.
            string image = _images.FreshGpt("both.img");
            byte[] before = System.IO.File.ReadAllBytes(image);
            using (var boot = Boot(BootBus.Both, image))
            {
                Assert.Contains("[FS] vda2: read-only (the device vda2 is read-only)", boot.Log);
                Assert.Equal(new[] { "vda2 on / type eclipsefs (ro: the device vda2 is read-only)" }, boot.Run("mount"));
                Assert.Equal(new[] { "mkdir: /new: read-only filesystem (the device vda2 is read-only)" }, boot.Run("mkdir /new", expectSuccess: false));
                Assert.Equal(new[] { "hda2 on /home type eclipsefs (rw)" }, boot.Run("mount hda2 /home"));
                boot.Run("write /home/note on the IDE copy");
                Assert.Equal(new[] { "on the IDE copy" }, boot.Run("cat /home/note"));
                Assert.Equal(new[] { "etc", "home", "motd", "noeol.txt", "note" }, boot.Run("ls /home"));
                boot.Run("umount /home");
                Assert.Equal(new[] { "user" }, boot.Run("ls /home"));
            }
            Assert.True(before.AsSpan().SequenceEqual(System.IO.File.ReadAllBytes(image)), "the image changed although virtio was read-only and IDE a snapshot");
        }

        private static void AssertInOrder(List<string> log, params string[] expected)
        {
            int at = 0;
            foreach (string line in expected)
            {
                int found = log.IndexOf(line, at);
                Assert.True(found >= 0, "log line '" + line + "' missing after line " + at + ":\n" + string.Join("\n", log));
                at = found + 1;
            }
        }

        private static BootedKernel Boot(BootBus bus, params string[] disks)
        {
            var options = new HostedKernelOptions { Bus = bus };
            options.Disks.AddRange(disks);
            var log = new TextWriterOutput(null, keep: true);
            return new BootedKernel(HostedKernel.Start(options, log), log);
        }

        /// <summary>A hosted kernel with its log captured and a shell whose output is returned per command.</summary>
        private sealed class BootedKernel : IDisposable
        {
            private readonly TextWriterOutput _shellOutput = new TextWriterOutput(null, keep: true);
            private readonly Shell _shell;

            public BootedKernel(HostedKernel kernel, TextWriterOutput log)
            {
                Kernel = kernel;
                Log = log.Lines.ToList();
                _shell = kernel.NewShell(_shellOutput);
            }

            public HostedKernel Kernel { get; }

            public List<string> Log { get; }

            public string[] Run(string command, bool expectSuccess = true)
            {
                _shellOutput.Clear();
                bool ok = _shell.Execute(command);
                string[] lines = _shellOutput.Lines.ToArray();
                Assert.True(ok == expectSuccess, command + " → " + string.Join("\n", lines));
                return lines;
            }

            public void Dispose() => Kernel.Dispose();
        }
    }
}
