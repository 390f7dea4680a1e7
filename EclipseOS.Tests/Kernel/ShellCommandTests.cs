using System.Linq;
using EclipseOS.Cli.Boot;
using EclipseOS.Kernel.Core.Shell;
using Xunit;

namespace EclipseOS.Tests.Kernel
{
    /// <summary>The shell's commands against a real writer's image on a RAM disk (no QEMU needed).</summary>
    public sealed class ShellCommandTests : IClassFixture<ShellFixture>
    {
        private readonly ShellFixture _f;

        public ShellCommandTests(ShellFixture fixture)
        {
            _f = fixture;
        }

        [Fact]
        public void Ls_ListsSortedNames_AndNamesAFile()
        {
            Assert.Equal(new[] { "etc", "home", "motd", "noeol.txt" }, Ok("ls"));
            Assert.Equal(new[] { "motd" }, Ok("ls /etc"));
            Assert.Equal(new[] { "/etc/motd" }, Ok("ls /etc/motd"));
        }

        [Fact]
        public void LsLong_ShowsModeLinksSizeTimeAndLinkTargets()
        {
            string[] lines = Ok("ls -l /");
            Assert.Equal(4, lines.Length);
            Assert.Matches(@"^drwxr-xr-x +2 +0 +0 +0 2023-11-14 22:13:20 etc$", lines[0]);
            Assert.Matches(@"^lrwxrwxrwx +1 +0 +0 +8 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d motd -> etc/motd$", lines[2]);
            Assert.Matches(@"^-rw-r--r-- +1 +0 +0 +26 2023-11-14 22:13:20 noeol\.txt$", lines[3]);
        }

        [Fact]
        public void Ls_RejectsUnknownOptionsAndMissingPaths_WithOneLine()
        {
            Assert.Equal(new[] { "ls: unknown option -a (usage: ls [-l] [PATH])" }, Fails("ls -a"));
            Assert.Equal(new[] { "ls: /nope: no such file or directory" }, Fails("ls /nope"));
        }

        [Fact]
        public void Cat_PrintsLines_FollowsSymlinks_AndKeepsAFinalLineWithoutNewline()
        {
            Assert.Equal(new[] { "Welcome to the kernel test tree." }, Ok("cat /motd"));
            Assert.Equal(new[] { "first", "last without newline" }, Ok("cat noeol.txt"));
            Assert.Equal(new[] { "cat: /etc: is a directory" }, Fails("cat /etc"));
            Assert.Equal(new[] { "cat: usage: cat PATH" }, Fails("cat"));
        }

        [Fact]
        public void Stat_DescribesTheLinkItself()
        {
            string[] lines = Ok("stat /motd");
            Assert.Equal("  File: /motd -> etc/motd", lines[0]);
            Assert.Equal("  Type: symbolic link", lines[1]);
            Assert.Equal("  Size: 8", lines[2]);
            Assert.StartsWith("Device: ram0 (eclipsefs)  Inode: ", lines[3]);
            Assert.Equal("Access: 0777 (lrwxrwxrwx)  Uid: 0  Gid: 0", lines[4]);
            Assert.Equal("Modify: 2023-11-14 22:13:20", Ok("stat /etc/motd")[6]);
        }

        [Fact]
        public void CdAndPwd_ResolveRelativePathsDotDotAndSymlinks()
        {
            var output = new TextWriterOutput(null, keep: true);
            var shell = new Shell(_f.Kernel, output);
            Assert.True(shell.Execute("cd home/user"));
            Assert.Equal("eclipse:/home/user$ ", shell.Prompt);
            Assert.True(shell.Execute("cd docs/../docs"));
            Assert.True(shell.Execute("pwd"));
            Assert.True(shell.Execute("cat deep.txt"));
            Assert.False(shell.Execute("cd /motd"));
            Assert.True(shell.Execute("cd"));
            Assert.True(shell.Execute("pwd"));
            Assert.Equal(new[] { "/home/user/docs", "deep file", "cd: /etc/motd: not a directory", "/" }, output.Lines.ToArray());
        }

        [Fact]
        public void Lsblk_ListsDisksWithMountPoint_AndMountListsTheRoot()
        {
            string[] lsblk = Ok("lsblk");
            Assert.Matches(@"^NAME +SIZE +BSIZE +RO +TYPE +PTTYPE +START +PARTTYPE +MOUNTPOINT +LABEL$", lsblk[0]);
            Assert.Matches(@"^ram0 +\S+ +512 +1 +disk +/ +RAM disk$", lsblk[1]);
            Assert.Matches(@"^ram1 +2K +512 +0 +disk +RAM disk$", lsblk[2]);
            Assert.Equal(new[] { "ram0 on / type eclipsefs (ro: the device ram0 is read-only)" }, Ok("mount"));
        }

        [Fact]
        public void ChangesToAReadOnlyRoot_AreRefusedAsReadOnlyFilesystem()
        {
            Assert.Equal(new[] { "mkdir: /new: read-only filesystem (the device ram0 is read-only)" }, Fails("mkdir /new"));
            Assert.Equal(new[] { "rm: /noeol.txt: read-only filesystem (the device ram0 is read-only)" }, Fails("rm /noeol.txt"));
            Assert.Equal(new[] { "shell: /out: read-only filesystem (the device ram0 is read-only)" }, Fails("echo hi > /out"));
            Assert.Equal(new[] { "write: /etc/motd: read-only filesystem (the device ram0 is read-only)" }, Fails("write /etc/motd x"));
            Assert.Equal(new[] { "Welcome to the kernel test tree." }, Ok("cat /motd"));
        }

        [Fact]
        public void Hexdump_ShowsBlocksAtTheirByteOffsets_AndRefusesBadRanges()
        {
            string[] lines = Ok("hexdump ram0 0x0 2");
            Assert.Equal(64, lines.Length);
            Assert.Equal("00000000  45 43 4c 49 50 53 45 46  53 00 00 02 00 00 10 00  |ECLIPSEFS.......|", lines[0]);
            Assert.StartsWith("00000200  ", lines[32]);
            Assert.Equal(new[] { "hexdump: no device 'vdz' (lsblk lists them)" }, Fails("hexdump vdz 0"));
            Assert.Equal(new[] { "hexdump: ram1: blocks 3..4 lie past the end of the device (4 blocks)" }, Fails("hexdump ram1 3 2"));
            Assert.Equal(new[] { "hexdump: COUNT must be 1..64, not 65" }, Fails("hexdump ram1 0 65"));
            Assert.Equal(new[] { "hexdump: LBA 'x1' is not a number" }, Fails("hexdump ram1 x1"));
        }

        [Fact]
        public void Dmesg_PrintsTheRingAndSaysHowManyLinesWereDropped()
        {
            // The fixture's ring keeps 3 lines; registering two disks logged 4.
            string[] lines = Ok("dmesg");
            Assert.Equal("(1 older line(s) dropped)", lines[0]);
            Assert.Equal(4, lines.Length);
            Assert.Equal(_f.Log.Lines(), lines.Skip(1).ToArray());
        }

        [Fact]
        public void UnknownCommandsAndUnclosedQuotes_AreOneLineErrors()
        {
            Assert.Equal(new[] { "shell: unknown command 'format' (type help for the list)" }, Fails("format c:"));
            Assert.Equal(new[] { "shell: unclosed \" quote" }, Fails("cat \"/etc/motd"));
            Assert.True(_f.Run("").Ok);
        }

        [Fact]
        public void Help_ListsEveryCommandAndShowsOne()
        {
            string[] lines = Ok("help");
            foreach (string name in new[] { "help", "ls", "cat", "stat", "cd", "pwd", "lsblk", "mount", "umount", "sync", "mkdir", "rmdir", "rm", "mv", "cp",
                "touch", "ln", "chmod", "write", "echo", "dmesg", "hexdump", "reboot", "halt" })
                Assert.Contains(lines, l => l.TrimStart().StartsWith(name, System.StringComparison.Ordinal));
            Assert.Equal(new[] { "cat PATH - print a file" }, Ok("help cat"));
            Assert.Equal(new[] { "mkdir [-p] PATH... - make directories; -p also makes missing parents and accepts existing ones" }, Ok("help mkdir"));
        }

        private string[] Ok(string command)
        {
            var (ok, lines) = _f.Run(command);
            Assert.True(ok, command + " → " + string.Join("\n", lines));
            return lines;
        }

        private string[] Fails(string command)
        {
            var (ok, lines) = _f.Run(command);
            Assert.False(ok, command + " should fail → " + string.Join("\n", lines));
            return lines;
        }
    }
}
