using System;
using System.Collections.Generic;
using EclipseOS.Cli.Boot;
using EclipseOS.Cli.Run;
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

        [SkippableFact]
        public void RootOnNvme_SameDevicesAsHosted()
        {
            List<string> guest;
            using (GuestBoot boot = GuestBoot.Start(DiskBus.Nvme, new[] { _images.Gpt }))
            {
                boot.AssertPciMatchesQemu();
                boot.AssertLogInOrder("Initializing VirtIO driver...", "Initializing NVMe driver...", "Initializing AHCI driver...", "Initializing ATA driver...");
                boot.AssertLogLine("[NVMe] nvme0n1: ");
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
        public void VerifyAndWrite() => GuestDriverTests.VerifyAndWriteRandomDisk(DiskBus.Nvme, "nvme0n1", 13, 78);
    }
}
