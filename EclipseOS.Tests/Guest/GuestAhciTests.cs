using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EclipseOS.Cli.Boot;
using EclipseOS.Cli.Run;
using EclipseOS.EclipseFS.Tools.Hashing;
using EclipseOS.Kernel.Core.Shell;
using EclipseOS.Tests.Kernel;
using Xunit;

namespace EclipseOS.Tests.Guest
{
    /// <summary>
    /// The AHCI driver inside the booted kernel: q35's ICH9 AHCI with the root disk and the boot
    /// CD (ATAPI over AHCI), and <c>-device ahci</c> on pc — the root mounted from <c>sda2</c>,
    /// the same device lines as a hosted boot, whole-device CRCs against the host's, a write that
    /// reaches the image, completion by interrupt.
    /// </summary>
    public sealed class GuestAhciTests : IClassFixture<KernelImages>
    {
        private readonly KernelImages _images;

        public GuestAhciTests(KernelImages images)
        {
            _images = images;
        }

        private static string Crc(byte[] bytes) => "CRC-32C 0x" + HardwareCrc32C.Instance.Append(0, bytes, 0, bytes.Length).ToString("X8");

        [SkippableFact]
        public void Q35_RootOnIch9Ahci_AndTheBootCdByAtapiOverAhci()
        {
            List<string> guest;
            using (GuestBoot boot = GuestBoot.Start(DiskBus.Ide, new[] { _images.Gpt }, o => GuestVirtioBootTests.With(o, machine: "q35")))
            {
                boot.AssertPciMatchesQemu();
                boot.AssertLogInOrder(SeedLog.Drivers.Concat(SeedLog.Mount).ToArray());
                Assert.StartsWith("[AHCI] sda: 00:1f.2 port 0 \"QEMU HARDDISK\", LBA48, 4194304 sectors, IRQ ", boot.AssertLogLine("[AHCI] sda: "));
                Assert.StartsWith("[AHCI] sr0: 00:1f.2 port 2 \"QEMU DVD-ROM\", ATAPI, ", boot.AssertLogLine("[AHCI] sr0: "));
                boot.AssertLogInOrder("[KERNEL] Root filesystem: sda2 (eclipsefs) mounted at /");
                GuestVirtioBootTests.AssertRootIsTheTestTree(boot);
                byte[] iso = File.ReadAllBytes(GuestKernel.Iso);
                string[] output = boot.Run("verify sr0");
                Assert.Equal("sr0: " + (iso.Length / 2048) + " blocks of 2048 bytes, " + Crc(iso), output[0]);
                Assert.Contains("completion IRQ ", output[1]);
                guest = GuestBoot.DeviceLines(boot.Log);
            }
            HostedKernelOptions hosted = GuestIdeBootTests.Hosted(BootBus.Ide, _images.Gpt);
            hosted.Machine = EclipseOS.Platform.Qtest.Options.QemuMachine.Q35;
            hosted.Boot.Ahci.UseInterrupts = true;
            GuestBoot.AssertSameDeviceLinesAsHosted(guest, hosted);
        }

        [SkippableFact]
        public void PcWithAnAhciController_VerifyAndWrite()
        {
            string folder = Path.Combine(Path.GetTempPath(), "eclipse-guest-ahci-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                string image = Path.Combine(folder, "sata.img");
                var before = new byte[16 * 1024 * 1024];
                new Random(12).NextBytes(before);
                File.WriteAllBytes(image, before);
                var pattern = new byte[300 * 512];
                TestPattern.Fill(77, 0, pattern, 0, pattern.Length);
                using (GuestBoot boot = GuestBoot.Start(DiskBus.Ahci, new[] { image }))
                {
                    boot.AssertPciMatchesQemu();
                    string[] output = boot.Run("verify sda");
                    Assert.Equal("sda: 32768 blocks of 512 bytes, " + Crc(before), output[0]);
                    Assert.Contains("completion IRQ ", output[1]);
                    Assert.Equal("sda: wrote 300 blocks from LBA 2000 (" + pattern.Length + " bytes, seed 77), " + Crc(pattern) + ", flushed", Assert.Single(boot.Run("pattern sda 2000 300 77")));
                }
                byte[] after = File.ReadAllBytes(image);
                Assert.True(after.AsSpan(2000 * 512, pattern.Length).SequenceEqual(pattern), "the pattern is not in the image");
                Assert.True(after.AsSpan(0, 2000 * 512).SequenceEqual(before.AsSpan(0, 2000 * 512)), "bytes before the pattern changed");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
