using System;
using System.IO;
using EclipseOS.Cli.Run;
using EclipseOS.Cli.Setup;
using EclipseOS.EclipseFS.Tools.Hashing;
using Xunit;

namespace EclipseOS.Tests.Guest
{
    /// <summary>
    /// System.IO inside the kernel, through Cosmos's VFS and our EclipseFS plugin, on the sample
    /// root disk (rootfs/ in the original layout): <c>File.ReadAllText</c>,
    /// <c>Directory.GetFiles</c>/<c>GetDirectories</c> and <c>File.ReadAllBytes</c> give what the
    /// shell's own <c>cat</c> and <c>ls</c> give, and the bytes of rootfs/.
    /// </summary>
    public sealed class GuestSystemIoTests
    {
        [SkippableFact]
        public void SystemIoReadsTheRootVolumeAsTheShellDoes()
        {
            string root = RepositoryRoot.Find();
            string disk = Path.Combine(Path.GetTempPath(), "eclipse-guest-sysio-" + Guid.NewGuid().ToString("N") + ".img");
            try
            {
                EclipseOS.Cli.Boot.SampleRootDisk.Ensure(Path.Combine(root, "rootfs"), disk, out _);
                using GuestBoot boot = GuestBoot.Start(DiskBus.Virtio, new[] { disk });
                boot.AssertLogInOrder("[KERNEL] System.IO: Cosmos VFS started over 1 disk(s), EclipseFS registered");

                foreach (string file in new[] { "/etc/motd", "/home/user/hello.txt", "/home/user/docs/hello-link", "/motd" })
                    Assert.Equal(boot.Run("cat " + file), boot.Run("iocat " + file));
                foreach (string directory in new[] { "/", "/etc", "/home/user", "/usr/share/eclipse" })
                    Assert.Equal(boot.Run("ls " + directory), boot.Run("iols " + directory));

                byte[] large = File.ReadAllBytes(Path.Combine(root, "rootfs", "usr", "share", "eclipse", "data", "large.txt"));
                uint crc = HardwareCrc32C.Instance.Append(0, large, 0, large.Length);
                Assert.Equal(new[] { "/usr/share/eclipse/data/large.txt: " + large.Length + " bytes, CRC-32C 0x" + crc.ToString("X8") },
                    boot.Run("iosum /usr/share/eclipse/data/large.txt"));
                Assert.Contains("iocat: ", boot.Run("iocat /no/such/file", expectSuccess: false)[0]);
            }
            finally
            {
                File.Delete(disk);
                File.Delete(disk + ".fingerprint");
            }
        }
    }
}
