using System;
using System.Collections.Generic;
using System.Linq;
using EclipseOS.Cli.Boot;
using EclipseOS.Platform.Qtest.Devices;
using EclipseOS.Kernel.Core;
using EclipseOS.Kernel.Core.Logging;
using EclipseOS.Kernel.Core.Shell;
using EclipseOS.Kernel.Core.Simulated;
using EclipseOS.Storage;
using EclipseOS.Tests.EclipseFS.ReadWrite;
using Xunit;
using static EclipseOS.Tests.Kernel.WrittenImage;

namespace EclipseOS.Tests.Kernel
{
    /// <summary>
    /// The shell's writing commands on a read-write root (the real writer's image of the test
    /// tree on a writable RAM disk, ram0) and a second EclipseFS disk (ram1) mounted under it;
    /// ram2 is blank, ram3 a third EclipseFS. Every error names the path and the problem and
    /// fails the command; afterwards the host reads the images and finds exactly the changes.
    /// </summary>
    public sealed class ShellWriteCommandTests : IClassFixture<KernelImages>
    {
        private const ulong Now = 1_800_000_000;

        private readonly RamDisk _root;
        private readonly RamDisk _second;
        private readonly byte[] _originalRoot;
        private readonly ReadWriteVolumes.TestClock _clock = new ReadWriteVolumes.TestClock { Now = Now };
        private readonly KernelContext _kernel;
        private readonly TextWriterOutput _output = new TextWriterOutput(null, keep: true);
        private readonly Shell _shell;

        public ShellWriteCommandTests(KernelImages images)
        {
            // The writer's image is exactly as long as its content; the padding is free space for the log and new records.
            _originalRoot = System.IO.File.ReadAllBytes(images.Bare);
            byte[] root = (byte[])_originalRoot.Clone();
            Array.Resize(ref root, 8 << 20);
            var devices = new BlockDeviceManager(new KernelLog(null, capacity: 16));
            _root = new RamDisk(root, 512, readOnly: false);
            _second = new RamDisk(SmallImage("second disk\n"), 512, readOnly: false);
            devices.Register(_root, DeviceClass.RamDisk);
            devices.Register(_second, DeviceClass.RamDisk);
            devices.Register(new RamDisk(512, 64), DeviceClass.RamDisk);
            devices.Register(new RamDisk(SmallImage("third disk\n"), 512, readOnly: false), DeviceClass.RamDisk);
            _kernel = new KernelContext(new KernelLog(null, capacity: 16), new HostPlatformControl(), devices, new StopwatchClock(null), _clock);
            _kernel.Mount(_root.Name, "/", _kernel.Volumes.Open(_root, true), false);
            _shell = new Shell(_kernel, _output);
        }

        private static byte[] SmallImage(string readme)
        {
            var b = new EclipseFsImageBuilder();
            b.AddFile(b.Root, "readme", readme);
            byte[] image = b.Build(1_600_000_000, 512);
            Array.Resize(ref image, 4 << 20);
            return image;
        }

        [Fact]
        public void Mkdir_MakesDirectoriesAndParents_AndNamesEachPathThatFails()
        {
            Ok("mkdir /a /home/b");
            Ok("mkdir -p /p/q/r /etc");
            Assert.Equal(new[] { "mkdir: /etc: exists" }, Fails("mkdir /etc"));
            Assert.Equal(new[] { "mkdir: /x: no such file or directory", "mkdir: /noeol.txt: not a directory" }, Fails("mkdir /x/y /c /noeol.txt/z"));
            Assert.Equal(new[] { "mkdir: /noeol.txt: exists and is not a directory" }, Fails("mkdir -p /noeol.txt/z"));
            Assert.Equal(new[] { "mkdir: usage: mkdir [-p] PATH..." }, Fails("mkdir"));
            Assert.Equal(new[] { "a", "c", "etc", "home", "motd", "noeol.txt", "p" }, Ok("ls /"));
            Assert.Equal(new[] { "r" }, Ok("ls /p/q"));
            Assert.StartsWith("drwxr-xr-x ", Ok("ls -l /home")[0]);
        }

        [Fact]
        public void RmdirAndRm_RemoveWhatTheyShould_AndRefuseTheRest()
        {
            Ok("mkdir /empty");
            Ok("rmdir /empty");
            Assert.Equal(new[] { "rmdir: /etc: directory not empty" }, Fails("rmdir /etc"));
            Assert.Equal(new[] { "rmdir: /noeol.txt: not a directory" }, Fails("rmdir /noeol.txt"));
            Assert.Equal(new[] { "rm: /etc: is a directory (rm -r removes it with its contents, rmdir an empty one)" }, Fails("rm /etc"));
            Assert.Equal(new[] { "rm: /nope: no such file or directory" }, Fails("rm /nope"));
            Ok("rm /motd");
            Assert.Equal(new[] { "Welcome to the kernel test tree." }, Ok("cat /etc/motd"));
            Ok("rm -r /home");
            Assert.Equal(new[] { "rm: /: refusing to remove the root directory" }, Fails("rm -r /"));
            Assert.Equal(new[] { "etc", "noeol.txt" }, Ok("ls /"));
        }

        [Fact]
        public void Mv_RenamesMovesIntoDirectoriesAndReplaces_ButNotIntoItself()
        {
            Ok("mv /noeol.txt /renamed.txt");
            Ok("mv /renamed.txt /home");
            Assert.Equal(new[] { "first", "last without newline" }, Ok("cat /home/renamed.txt"));
            Ok("write /other old");
            Ok("mv /home/renamed.txt /other");
            Assert.Equal(new[] { "first", "last without newline" }, Ok("cat /other"));
            Assert.Equal(new[] { "mv: /home: cannot move a directory into itself" }, Fails("mv /home /home/user"));
            Assert.Equal(new[] { "mv: /nope: no such file or directory" }, Fails("mv /nope /x"));
            Assert.Equal(new[] { "mv: usage: mv FROM TO" }, Fails("mv /a"));
        }

        [Fact]
        public void Cp_CopiesFilesAndTrees_KeepingModes()
        {
            Ok("chmod 600 /etc/motd");
            Ok("cp /etc/motd /copy");
            Assert.Equal(new[] { "Welcome to the kernel test tree." }, Ok("cat /copy"));
            Assert.StartsWith("-rw------- ", Ok("ls -l /copy")[0]);
            Ok("cp /motd /home");
            Assert.Equal(new[] { "Welcome to the kernel test tree." }, Ok("cat /home/motd"));
            Ok("cp -r /home /backup");
            Assert.Equal(new[] { "deep file" }, Ok("cat /backup/user/docs/deep.txt"));
            Assert.Equal(new[] { "cp: /etc: is a directory (cp -r copies a tree)" }, Fails("cp /etc /x"));
            Assert.Equal(new[] { "cp: /home/user/h: cannot copy the directory /home into itself" }, Fails("cp -r /home /home/user/h"));
            Assert.Equal(new[] { "cp: /etc/motd: is the same file as /etc/motd" }, Fails("cp /etc/motd /etc"));
        }

        [Fact]
        public void TouchLnChmod_CreateLinkAndSetAttributes()
        {
            Ok("touch /new /noeol.txt");
            Assert.Equal("  Size: 0", Ok("stat /new")[2]);
            Assert.Equal("Modify: " + Hal.Time.UnixTime.Format(Now), Ok("stat /noeol.txt")[6]);
            Ok("ln -s etc/motd /link");
            Assert.Equal(new[] { "Welcome to the kernel test tree." }, Ok("cat /link"));
            Ok("ln -s /etc/motd /home");
            Assert.Equal("  File: /home/motd -> /etc/motd", Ok("stat /home/motd")[0]);
            Assert.Equal(new[] { "ln: only symbolic links can be made (EclipseFS keeps no hard links here): ln -s TARGET PATH" }, Fails("ln /a /b"));
            Assert.Equal(new[] { "ln: /etc/motd: exists" }, Fails("ln -s x /etc/motd"));
            Ok("chmod 700 /etc /noeol.txt");
            Assert.Equal("Access: 0700 (-rwx------)  Uid: 0  Gid: 0", Ok("stat /noeol.txt")[4]);
            Assert.Equal(new[] { "chmod: mode '9' is not an octal number (e.g. 644)" }, Fails("chmod 9 /etc"));
            Assert.Equal(new[] { "chmod: /nope: no such file or directory" }, Fails("chmod 644 /nope"));
        }

        [Fact]
        public void WriteEchoAndRedirection_ReplaceAndAppend_QuotesKeepTheirGreaterThan()
        {
            Ok("write /f hello   world");
            Assert.Equal(new[] { "hello world" }, Ok("cat /f"));
            Ok("write /f bye");
            Assert.Equal(new[] { "bye" }, Ok("cat /f"));
            Assert.Empty(Ok("echo a  b > /g"));
            Ok("echo c>>/g");
            Ok("echo \"x > y\" '>>' >> /g");
            Assert.Equal(new[] { "a b", "c", "x > y >>" }, Ok("cat /g"));
            Ok("ls /etc > /listing");
            Assert.Equal(new[] { "motd" }, Ok("cat /listing"));
            Assert.Equal(new[] { "shell: syntax error: a file name must follow >" }, Fails("echo hi >"));
            Assert.Equal(new[] { "shell: syntax error: no command before >>" }, Fails(">> /g"));
            Assert.Equal(new[] { "shell: syntax error: one redirection (> or >>) per command" }, Fails("echo a > /x > /y"));
            Assert.Equal(new[] { "shell: /etc: is a directory" }, Fails("echo hi > /etc"));
            // A failing command still leaves the (emptied) file, as sh does, and prints its error on the terminal.
            Assert.Equal(new[] { "cat: /nope: no such file or directory" }, Fails("cat /nope > /g"));
            Assert.Empty(Ok("cat /g"));
            Assert.Equal(new[] { "write: usage: write PATH TEXT..." }, Fails("write /f"));
            Ok("sync");
        }

        [Fact]
        public void MountAndUmount_ASecondDisk_ReadWriteAndReadOnly()
        {
            Ok("mkdir -p /mnt/x");
            Assert.Equal(new[] { "ram1 on /mnt/x type eclipsefs (rw)" }, Ok("mount ram1 /mnt/x"));
            Assert.Equal(new[] { "ram0 on / type eclipsefs (rw)", "ram1 on /mnt/x type eclipsefs (rw)" }, Ok("mount"));
            Assert.Equal(new[] { "second disk" }, Ok("cat /mnt/x/readme"));
            Ok("write /mnt/x/new written on ram1");
            Ok("cp /etc/motd /mnt/x/motd");
            Assert.Equal(new[] { "mv: /noeol.txt: cross-device: /mnt/x/noeol.txt is on another filesystem (copy and remove instead)" }, Fails("mv /noeol.txt /mnt/x"));
            Assert.Equal(new[] { "rmdir: /mnt/x: device or resource busy: a filesystem is mounted here" }, Fails("rmdir /mnt/x"));
            Ok("mkdir /mnt/x/inner");
            Ok("mount ram3 /mnt/x/inner");
            Assert.Equal(new[] { "umount: /mnt/x: target is busy: /mnt/x/inner is mounted below it" }, Fails("umount /mnt/x"));
            Ok("umount /mnt/x/inner");
            Ok("umount /mnt/x");
            Assert.Empty(Ok("ls /mnt/x"));
            Assert.Equal(new[] { "ram1 on /mnt/x type eclipsefs (ro)" }, Ok("mount ram1 /mnt/x -o ro"));
            Assert.Equal(new[] { "written on ram1" }, Ok("cat /mnt/x/new"));
            Assert.Equal(new[] { "write: /mnt/x/f: read-only filesystem (mounted read-only)" }, Fails("write /mnt/x/f no"));
            Assert.Equal(new[] { "rm: /mnt/x/new: read-only filesystem (mounted read-only)" }, Fails("rm /mnt/x/new"));
            Ok("umount /mnt/x");

            Assert.Equal(new[] { "mount: ram9: no such block device (lsblk lists them)" }, Fails("mount ram9 /mnt/x"));
            Assert.Equal(new[] { "mount: ram2: holds no EclipseFS (no ECLIPSEFS magic with version 2.0 at its start)" }, Fails("mount ram2 /mnt/x"));
            Assert.Equal(new[] { "mount: ram0: already mounted at /" }, Fails("mount ram0 /mnt/x"));
            Assert.Equal(new[] { "mount: /nope: no such file or directory" }, Fails("mount ram1 /nope"));
            Assert.Equal(new[] { "mount: /etc/motd: cannot mount on something that is not a directory" }, Fails("mount ram1 /etc/motd"));
            Assert.Equal(new[] { "mount: unknown mount option 'sync' (ro or rw)" }, Fails("mount ram1 /mnt/x -o sync"));
            Assert.Equal(new[] { "umount: /: the root filesystem cannot be unmounted" }, Fails("umount /"));
            Assert.Equal(new[] { "umount: /etc: nothing is mounted here" }, Fails("umount /etc"));
            Assert.Equal(new[] { "ram0 on / type eclipsefs (rw)" }, Ok("mount"));

            var expected = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["/inner/"] = Dir(0x1ED),
                ["/motd"] = File(0x1A4, KernelImages.Motd),
                ["/new"] = File(0x1A4, "written on ram1\n"),
                ["/readme"] = File(0x1A4, "second disk\n"),
            };
            AssertSame(expected, Check(_second.Data));
        }

        [Fact]
        public void AfterASession_TheHostReadsExactlyTheChanges_AndFsckIsClean()
        {
            SortedDictionary<string, string> expected = new OriginalFormatReader(_originalRoot).Tree();
            foreach (string command in new[]
            {
                "mkdir -p /var/log", "write /var/log/boot.log booted", "echo second line >> /var/log/boot.log",
                "cp /etc/motd /var/motd.copy", "mv /noeol.txt /var/noeol.txt", "ln -s ../etc/motd /var/motd.link",
                "chmod 600 /var/motd.copy", "touch /var/empty", "rm /motd", "rm -r /home/user/docs", "mkdir /tmp", "rmdir /tmp", "sync",
            })
                Ok(command);
            expected["/var/"] = Dir(0x1ED);
            expected["/var/log/"] = Dir(0x1ED);
            expected["/var/log/boot.log"] = File(0x1A4, "booted\nsecond line\n");
            expected["/var/motd.copy"] = File(0x180, KernelImages.Motd);
            expected["/var/noeol.txt"] = expected["/noeol.txt"];
            expected.Remove("/noeol.txt");
            expected["/var/motd.link"] = Link("../etc/motd");
            expected["/var/empty"] = File(0x1A4, "");
            expected.Remove("/motd");
            expected.Remove("/home/user/docs/");
            expected.Remove("/home/user/docs/deep.txt");
            AssertSame(expected, Check(_root.Data));
            Assert.Equal("Modify: " + Hal.Time.UnixTime.Format(Now), Ok("stat /var/empty")[6]);
        }

        [Fact]
        public void Df_ListsEachMountInKiB_AndAWriteTakesItsBytes()
        {
            Ok("mkdir -p /mnt/x");
            Ok("mount ram1 /mnt/x");
            // ram1's first change gives it its log; ram0 has none yet (its free space is counted from its structure).
            Ok("touch /mnt/x/first");
            string[] before = Ok("df");
            Assert.Equal(new[] { "Filesystem", "1K-blocks", "Used", "Available", "Use%", "Mounted", "on" }, Cells(before[0]));
            Assert.Equal(3, before.Length);
            ulong rootFree = _kernel.Mounts[0].FileSystem.FreeBytes();
            ulong secondFree = _kernel.Mounts[1].FileSystem.FreeBytes();
            Assert.Equal(new[] { "ram0", "8192", (((8UL << 20) - rootFree) / 1024).ToString(), (rootFree / 1024).ToString(), Percent((8UL << 20) - rootFree, 8UL << 20), "/" }, Cells(before[1]));
            Assert.Equal(new[] { "ram1", "4096", (((4UL << 20) - secondFree) / 1024).ToString(), (secondFree / 1024).ToString(), Percent((4UL << 20) - secondFree, 4UL << 20), "/mnt/x" }, Cells(before[2]));

            Ok("write /mnt/x/big " + new string('x', 20_000));
            ulong afterWrite = _kernel.Mounts[1].FileSystem.FreeBytes();
            Assert.InRange(secondFree - afterWrite, 20_001UL, 20_001UL + 4096);
            Assert.Equal((afterWrite / 1024).ToString(), Cells(Ok("df")[2])[3]);
            Assert.Equal(new[] { "df: usage: df" }, Fails("df -h"));
        }

        private static string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        private static string Percent(ulong used, ulong total) => ((used * 100 + total - 1) / total) + "%";

        private string[] Ok(string command)
        {
            _output.Clear();
            bool ok = _shell.Execute(command);
            string[] lines = _output.Lines.ToArray();
            Assert.True(ok, command + " → " + string.Join("\n", lines));
            return lines;
        }

        private string[] Fails(string command)
        {
            _output.Clear();
            bool ok = _shell.Execute(command);
            string[] lines = _output.Lines.ToArray();
            Assert.False(ok, command + " should fail → " + string.Join("\n", lines));
            return lines;
        }
    }
}
