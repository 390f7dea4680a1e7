using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using EclipseOS.EclipseFS;
using EclipseOS.Storage;
using EclipseOS.Cli.Run;
using EclipseOS.Tests.Kernel;
using Xunit;
using static EclipseOS.Tests.Kernel.WrittenImage;

namespace EclipseOS.Tests.Guest
{
    /// <summary>
    /// The read-write EclipseFS inside the booted kernel: the shell's write commands on the root
    /// (virtio) and on a second disk's partition it mounts, and System.IO's writes through
    /// Cosmos's VFS and our plugin. After <c>halt</c> and QEMU's exit the host reads each image
    /// (original-format oracle, our reader, fsck) and finds exactly the changes, with the times
    /// the guest's RTC gave.
    /// </summary>
    public sealed class GuestWriteTests : IClassFixture<KernelImages>
    {
        private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

        private readonly KernelImages _images;

        public GuestWriteTests(KernelImages images)
        {
            _images = images;
        }

        [SkippableFact]
        public void ShellWritesOnTheRootAndOnAMountedSecondDisk_TheHostFindsExactlyThem()
        {
            string root = _images.FreshGpt("guest-root.img");
            string data = _images.FreshGpt("guest-data.img");
            SortedDictionary<string, string> expectedRoot = Check(FileSystemBytes(root));
            SortedDictionary<string, string> expectedData = Check(FileSystemBytes(data));
            ulong started = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            using (GuestBoot boot = GuestBoot.Start(DiskBus.Virtio, new[] { root, data }))
            {
                boot.AssertLogInOrder("[FS] vda2: read-write", "[KERNEL] Root filesystem: vda2 (eclipsefs) mounted at /");
                Assert.Equal(new[] { "vda2 on / type eclipsefs (rw)" }, boot.Run("mount"));

                boot.Run("mkdir -p /var/log");
                boot.Run("write /var/log/boot.log written in the guest");
                boot.Run("echo \"second > line\" >> /var/log/boot.log");
                Assert.Equal(new[] { "written in the guest", "second > line" }, boot.Run("cat /var/log/boot.log"));
                boot.Run("cp -r /home /backup");
                boot.Run("mv /noeol.txt /var/noeol.txt");
                boot.Run("ln -s ../etc/motd /var/motd");
                Assert.Equal(new[] { "Welcome to the kernel test tree." }, boot.Run("cat /var/motd"));
                boot.Run("chmod 600 /var/log/boot.log");
                boot.Run("touch /var/empty");
                boot.Run("rm /motd");
                boot.Run("rm -r /home/user/docs");
                boot.Run("mkdir /tmp");
                boot.Run("rmdir /tmp");
                boot.Run("ls / > /listing");
                Assert.Equal(new[] { "mkdir: /etc: exists" }, boot.Run("mkdir /etc", expectSuccess: false));
                Assert.Equal(new[] { "rmdir: /var: directory not empty" }, boot.Run("rmdir /var", expectSuccess: false));

                boot.Run("mkdir -p /mnt/data");
                Assert.Equal(new[] { "vdb2 on /mnt/data type eclipsefs (rw)" }, boot.Run("mount vdb2 /mnt/data"));
                boot.Run("write /mnt/data/hello.txt from the guest");
                boot.Run("cp /etc/motd /mnt/data/motd.copy");
                boot.Run("rm /mnt/data/noeol.txt");
                Assert.Equal(new[] { "mv: /etc/motd: cross-device: /mnt/data/motd is on another filesystem (copy and remove instead)" },
                    boot.Run("mv /etc/motd /mnt/data/motd", expectSuccess: false));
                boot.Run("umount /mnt/data");
                Assert.Equal(new[] { "vdb2 on /mnt/data type eclipsefs (ro)" }, boot.Run("mount vdb2 /mnt/data -o ro"));
                Assert.Equal(new[] { "write: /mnt/data/no: read-only filesystem (mounted read-only)" }, boot.Run("write /mnt/data/no x", expectSuccess: false));
                Assert.Equal(new[] { "from the guest" }, boot.Run("cat /mnt/data/hello.txt"));
                boot.Run("sync");
                boot.Run("halt");
                Assert.True(boot.Vm.WaitForExit(ExitTimeout), "QEMU did not exit after halt:\n" + boot.Vm.Transcript);
            }
            ulong finished = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();

            // cp -r keeps the modes; it ran before docs was removed.
            foreach (string copied in new[] { "/", "/user/", "/user/docs/", "/user/docs/deep.txt" })
                expectedRoot["/backup" + copied] = expectedRoot["/home" + copied];
            expectedRoot["/var/"] = Dir(0x1ED);
            expectedRoot["/var/log/"] = Dir(0x1ED);
            expectedRoot["/var/log/boot.log"] = File(0x180, "written in the guest\nsecond > line\n");
            expectedRoot["/var/noeol.txt"] = expectedRoot["/noeol.txt"];
            expectedRoot.Remove("/noeol.txt");
            expectedRoot["/var/motd"] = Link("../etc/motd");
            expectedRoot["/var/empty"] = File(0x1A4, "");
            expectedRoot.Remove("/motd");
            expectedRoot.Remove("/home/user/docs/");
            expectedRoot.Remove("/home/user/docs/deep.txt");
            expectedRoot["/listing"] = File(0x1A4, "backup\netc\nhome\nlisting\nvar\n");
            expectedRoot["/mnt/"] = Dir(0x1ED);
            expectedRoot["/mnt/data/"] = Dir(0x1ED);
            byte[] rootBytes = FileSystemBytes(root);
            AssertSame(expectedRoot, Check(rootBytes));
            expectedData["/hello.txt"] = File(0x1A4, "from the guest\n");
            expectedData["/motd.copy"] = File(0x1A4, KernelImages.Motd);
            expectedData.Remove("/noeol.txt");
            AssertSame(expectedData, Check(FileSystemBytes(data)));
            AssertTimeBetween(ModifyTime(rootBytes, "/var/log/boot.log"), started, finished);
        }

        [SkippableFact]
        public void SystemIoWritesThroughCosmosVfs_TheHostFindsExactlyThem()
        {
            string root = _images.FreshGpt("guest-io-root.img");
            string data = _images.FreshGpt("guest-io-data.img");
            SortedDictionary<string, string> expectedRoot = Check(FileSystemBytes(root));
            SortedDictionary<string, string> expectedData = Check(FileSystemBytes(data));
            ulong rootFreeInGuest;
            using (GuestBoot boot = GuestBoot.Start(DiskBus.Virtio, new[] { root, data }))
            {
                boot.Run("iomkdir /io/sub");
                boot.Run("iowrite /io/a.txt first line");
                boot.Run("ioappend /io/a.txt second line");
                Assert.Equal(new[] { "first line", "second line" }, boot.Run("iocat /io/a.txt"));
                Assert.Equal(new[] { "first line", "second line" }, boot.Run("cat /io/a.txt"));
                boot.Run("iowrite /io/b.txt to be replaced by a longer text");
                boot.Run("iowrite /io/b.txt short");
                boot.Run("iomv /io/b.txt /io/sub/moved.txt");
                boot.Run("ioappend /io/made-by-append.txt appended to nothing");
                boot.Run("iowrite /io/gone.txt soon gone");
                boot.Run("iorm /io/gone.txt");
                boot.Run("iomkdir /io/empty");
                boot.Run("iormdir /io/empty");
                Assert.Equal(new[] { "a.txt", "made-by-append.txt", "sub" }, boot.Run("iols /io"));
                Assert.Contains(": no such file", boot.Run("iorm /io/nope", expectSuccess: false)[0]);
                // The kernel's mount of the second disk and Cosmos's volume of it are one volume.
                boot.Run("mkdir /mnt");
                boot.Run("mount vdb2 /mnt");
                boot.Run("iowrite /mnt/io.txt through System.IO on the second disk");
                Assert.Equal(new[] { "through System.IO on the second disk" }, boot.Run("cat /mnt/io.txt"));
                boot.Run("write /mnt/shell.txt through the shell");
                Assert.Equal(new[] { "through the shell" }, boot.Run("iocat /mnt/shell.txt"));
                // Free space: the kernel's df and System.IO's DriveInfo count the same bytes (and the host, below).
                string[] df = boot.Run("df");
                string[] rootRow = df[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(new[] { "vda2", "/" }, new[] { rootRow[0], rootRow[5] });
                string io = Assert.Single(boot.Run("iodf /io"));
                Match free = Regex.Match(io, @"^\d+:\\ available (\d+) bytes, free (\d+) bytes$");
                Assert.True(free.Success, "iodf said: " + io);
                Assert.Equal(free.Groups[1].Value, free.Groups[2].Value);
                rootFreeInGuest = ulong.Parse(free.Groups[1].Value);
                Assert.Equal((rootFreeInGuest / 1024).ToString(), rootRow[3]);
                boot.Run("halt");
                Assert.True(boot.Vm.WaitForExit(ExitTimeout), "QEMU did not exit after halt:\n" + boot.Vm.Transcript);
            }
            expectedRoot["/io/"] = Dir(0x1ED);
            expectedRoot["/io/sub/"] = Dir(0x1ED);
            expectedRoot["/io/a.txt"] = File(0x1A4, "first line\nsecond line\n");
            expectedRoot["/io/sub/moved.txt"] = File(0x1A4, "short\n");
            expectedRoot["/io/made-by-append.txt"] = File(0x1A4, "appended to nothing\n");
            expectedRoot["/mnt/"] = Dir(0x1ED);
            byte[] rootBytes = FileSystemBytes(root);
            AssertSame(expectedRoot, Check(rootBytes));
            Assert.Equal(rootFreeInGuest, EclipseFsVolume.Mount(new RamDisk(rootBytes, 512, true)).FreeBytes());
            expectedData["/io.txt"] = File(0x1A4, "through System.IO on the second disk\n");
            expectedData["/shell.txt"] = File(0x1A4, "through the shell\n");
            AssertSame(expectedData, Check(FileSystemBytes(data)));
        }

        private static void AssertTimeBetween(ulong time, ulong from, ulong to)
        {
            // QEMU's RTC starts at the host's UTC time; a minute either way covers its seconds-only resolution and slow boots.
            Assert.True(time + 60 >= from && time <= to + 60, "modification time " + time + " is not between " + from + " and " + to);
        }
    }
}
