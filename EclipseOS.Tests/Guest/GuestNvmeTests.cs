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
    /// The NVMe driver inside the booted kernel: the root disk on QEMU's <c>-device nvme</c> —
    /// mounted from <c>nvme0n1p2</c>, the same device lines as a hosted boot with INTx, the
    /// whole namespace's CRC against the host's, a write that reaches the image after its flush.
    /// </summary>
    public sealed class GuestNvmeTests : IClassFixture<KernelImages>
    {
        private readonly KernelImages _images;

        public GuestNvmeTests(KernelImages images)
        {
            _images = images;
        }

        private static string Crc(byte[] bytes) => "CRC-32C 0x" + HardwareCrc32C.Instance.Append(0, bytes, 0, bytes.Length).ToString("X8");

        [SkippableFact]
        public void RootOnNvme_SameDevicesAsHosted()
        {
            List<string> guest;
            using (GuestBoot boot = GuestBoot.Start(DiskBus.Nvme, new[] { _images.Gpt }))
            {
                boot.AssertPciMatchesQemu();
                boot.AssertLogInOrder("Initializing VirtIO driver...", "Initializing NVMe driver...", "Initializing AHCI driver...", "Initializing ATA driver...");
                Assert.StartsWith("[NVMe] nvme0n1: ", boot.AssertLogLine("[NVMe] nvme0n1: "));
                Assert.Contains("\"QEMU NVMe Ctrl\" nsid 1, 4194304 blocks of 512 bytes, IRQ ", boot.AssertLogLine("[NVMe] nvme0n1: "));
                boot.AssertLogInOrder("[KERNEL] Root filesystem: nvme0n1p2 (eclipsefs) mounted at /");
                GuestVirtioBootTests.AssertRootIsTheTestTree(boot);
                guest = GuestBoot.DeviceLines(boot.Log);
            }
            HostedKernelOptions hosted = GuestIdeBootTests.Hosted(BootBus.Nvme, _images.Gpt);
            hosted.Boot.Nvme.UseInterrupts = true;
            hosted.Boot.Nvme.UseMessageInterrupts = false; // Cosmos has no MSI-X: INTx, as in the guest
            GuestBoot.AssertSameDeviceLinesAsHosted(guest, hosted);
        }

        [SkippableFact]
        public void VerifyAndWrite()
        {
            string folder = Path.Combine(Path.GetTempPath(), "eclipse-guest-nvme-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                string image = Path.Combine(folder, "nvme.img");
                var before = new byte[16 * 1024 * 1024];
                new Random(13).NextBytes(before);
                File.WriteAllBytes(image, before);
                var pattern = new byte[300 * 512];
                TestPattern.Fill(78, 0, pattern, 0, pattern.Length);
                using (GuestBoot boot = GuestBoot.Start(DiskBus.Nvme, new[] { image }))
                {
                    boot.AssertPciMatchesQemu();
                    string[] output = boot.Run("verify nvme0n1");
                    Assert.Equal("nvme0n1: 32768 blocks of 512 bytes, " + Crc(before), output[0]);
                    Assert.Contains("completion IRQ ", output[1]);
                    Assert.Equal("nvme0n1: wrote 300 blocks from LBA 2000 (" + pattern.Length + " bytes, seed 78), " + Crc(pattern) + ", flushed", Assert.Single(boot.Run("pattern nvme0n1 2000 300 78")));
                }
                byte[] after = File.ReadAllBytes(image);
                Assert.True(after.AsSpan(2000 * 512, pattern.Length).SequenceEqual(pattern), "the pattern is not in the image");
                Assert.True(after.AsSpan(0, 2000 * 512).SequenceEqual(before.AsSpan(0, 2000 * 512)), "bytes before the pattern changed");
                Assert.True(after.AsSpan(2300 * 512).SequenceEqual(before.AsSpan(2300 * 512)), "bytes after the pattern changed");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
