using System;
using System.Collections.Generic;
using System.Linq;
using EclipseOS.Cli.Boot;
using EclipseOS.Cli.Run;
using EclipseOS.Tests.Kernel;
using Xunit;

namespace EclipseOS.Tests.Guest
{
    /// <summary>
    /// The boot matrix inside the real kernel, IDE side and the rest: the ATA driver by PIO and
    /// by bus-master DMA with the boot CD on the secondary channel (ATAPI enumerates it), virtio
    /// and IDE together, no disk at all, and the device lines the hosted boot prints for the
    /// same disk.
    /// </summary>
    public sealed class GuestIdeBootTests : IClassFixture<KernelImages>
    {
        private readonly KernelImages _images;

        public GuestIdeBootTests(KernelImages images)
        {
            _images = images;
        }

        [SkippableFact]
        public void IdePrimaryMasterByPio_BootCdOnTheSecondaryChannel()
        {
            List<string> guest;
            using (GuestBoot boot = GuestBoot.Start(DiskBus.Ide, new[] { _images.Gpt }, o => GuestVirtioBootTests.With(o, bootOptions: "ata.dma=off")))
            {
                boot.AssertPciMatchesQemu();
                boot.AssertLogInOrder(SeedLog.Drivers.Concat(SeedLog.Mount).ToArray());
                boot.AssertLogLine("[ATA] hda: primary master \"QEMU HARDDISK\", LBA48, 4194304 sectors", endsWith: ", PIO, IRQ 14");
                boot.AssertLogLine("[ATA] cd0: secondary master \"QEMU DVD-ROM\", ATAPI, ");
                boot.AssertLogInOrder("[KERNEL] Root filesystem: hda2 (eclipsefs) mounted at /");
                GuestVirtioBootTests.AssertRootIsTheTestTree(boot);
                guest = GuestBoot.DeviceLines(boot.Log);
            }
            HostedKernelOptions hosted = Hosted(BootBus.Ide, _images.Gpt);
            hosted.Boot.Ata.UseDma = false;
            GuestBoot.AssertSameDeviceLinesAsHosted(guest, hosted);
        }

        [SkippableFact]
        public void IdePrimaryMasterByDma_PrintsTheDeviceLinesOfTheHostedBoot()
        {
            List<string> guest;
            using (GuestBoot boot = GuestBoot.Start(DiskBus.Ide, new[] { _images.Gpt }))
            {
                boot.AssertPciMatchesQemu();
                boot.AssertLogInOrder(SeedLog.Drivers.Concat(SeedLog.Mount).ToArray());
                boot.AssertLogLine("[ATA] hda: ", endsWith: ", DMA, IRQ 14");
                GuestVirtioBootTests.AssertRootIsTheTestTree(boot);
                guest = GuestBoot.DeviceLines(boot.Log);
            }

            GuestBoot.AssertSameDeviceLinesAsHosted(guest, Hosted(BootBus.Ide, _images.Gpt));
        }

        [SkippableFact]
        public void VirtioAndIdeTogether_VirtioWinsTheRootAndAtaListsTheDisk()
        {
            List<string> guest;
            using (GuestBoot boot = GuestBoot.Start(DiskBus.Both, new[] { _images.Gpt }))
            {
                AssertBothBuses(boot);
                guest = GuestBoot.DeviceLines(boot.Log);
            }
            GuestBoot.AssertSameDeviceLinesAsHosted(guest, Hosted(BootBus.Both, _images.Gpt));
        }

        private static void AssertBothBuses(GuestBoot boot)
        {
            boot.AssertPciMatchesQemu();
            boot.AssertLogLine("[VirtIO] vda: ");
            boot.AssertLogLine("[ATA] hda: ");
            boot.AssertLogInOrder(SeedLog.Mount);
            boot.AssertLogInOrder("[KERNEL] Root filesystem: vda2 (eclipsefs) mounted at /");
            string[] devices = boot.Run("lsblk");
            Assert.Contains(devices, l => l.StartsWith("hda2 ", StringComparison.Ordinal));
            Assert.Contains(devices, l => l.StartsWith("cd0 ", StringComparison.Ordinal));
            GuestVirtioBootTests.AssertRootIsTheTestTree(boot);
        }

        [SkippableFact]
        public void NoDiskAtAll_TheSimulatedDiskLinesAndItsRoot()
        {
            List<string> guest;
            using (GuestBoot boot = GuestBoot.Start(DiskBus.Virtio, Array.Empty<string>()))
            {
                boot.AssertPciMatchesQemu();
                boot.AssertLogInOrder(SeedLog.Drivers.Concat(SeedLog.Simulated).Concat(SeedLog.Mount).ToArray());
                boot.AssertLogInOrder("[KERNEL] Root filesystem: ram0 (eclipsefs) mounted at /");
                Assert.Equal(new[] { "ram0 on / type eclipsefs (ro, simulated disk)" }, boot.Run("mount"));
                Assert.Contains("eclipse", boot.Run("cat /etc/hostname"));
                guest = GuestBoot.DeviceLines(boot.Log);
            }
            GuestBoot.AssertSameDeviceLinesAsHosted(guest, new HostedKernelOptions { Bus = BootBus.None });
        }

        [SkippableFact]
        public void BareEclipseFsDiskOnIde_MountedWhole()
        {
            List<string> guest;
            using (GuestBoot boot = GuestBoot.Start(DiskBus.Ide, new[] { _images.Bare }))
            {
                boot.AssertPciMatchesQemu();
                boot.AssertLogInOrder(SeedLog.Drivers.Concat(SeedLog.Mount).ToArray());
                boot.AssertLogInOrder("[KERNEL] Root filesystem: hda (eclipsefs) mounted at /");
                GuestVirtioBootTests.AssertRootIsTheTestTree(boot);
                guest = GuestBoot.DeviceLines(boot.Log);
            }
            GuestBoot.AssertSameDeviceLinesAsHosted(guest, Hosted(BootBus.Ide, _images.Bare));
        }

        internal static HostedKernelOptions Hosted(BootBus bus, params string[] disks)
        {
            var options = new HostedKernelOptions { Bus = bus };
            options.Disks.AddRange(disks);
            return options;
        }
    }
}
