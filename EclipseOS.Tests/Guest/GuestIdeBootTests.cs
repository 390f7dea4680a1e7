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
            using GuestBoot boot = GuestBoot.Start(DiskBus.Ide, new[] { _images.Gpt }, o => GuestVirtioBootTests.With(o, bootOptions: "ata.dma=off"));
            boot.AssertPciMatchesQemu();
            boot.AssertLogInOrder(SeedLog.Drivers.Concat(SeedLog.Mount).ToArray());
            Assert.EndsWith(", PIO, IRQ 14", boot.AssertLogLine("[ATA] hda: primary master \"QEMU HARDDISK\", LBA48, 4194304 sectors"));
            Assert.StartsWith("[ATA] cd0: secondary master \"QEMU DVD-ROM\", ATAPI, ", boot.AssertLogLine("[ATA] cd0: "));
            boot.AssertLogInOrder("[KERNEL] Root filesystem: hda2 (eclipsefs) mounted at /");
            GuestVirtioBootTests.AssertRootIsTheTestTree(boot);
        }

        [SkippableFact]
        public void IdePrimaryMasterByDma_PrintsTheDeviceLinesOfTheHostedBoot()
        {
            List<string> guest;
            using (GuestBoot boot = GuestBoot.Start(DiskBus.Ide, new[] { _images.Gpt }))
            {
                boot.AssertPciMatchesQemu();
                boot.AssertLogInOrder(SeedLog.Drivers.Concat(SeedLog.Mount).ToArray());
                Assert.EndsWith(", DMA, IRQ 14", boot.AssertLogLine("[ATA] hda: "));
                GuestVirtioBootTests.AssertRootIsTheTestTree(boot);
                guest = DeviceLines(boot.Log);
            }

            // The same disk booted hosted (qtest) is named and described the same way (the hosted
            // machine has no CD-ROM). QEMU locks the image, so the guest is gone first.
            List<string> hosted = HostedDeviceLines(BootBus.Ide, _images.Gpt);
            Assert.True(hosted.Count >= 5, "too few device lines in the hosted boot:\n" + string.Join("\n", hosted));
            Assert.True(hosted.SequenceEqual(guest.Where(l => !l.Contains("cd0"))), "hosted:\n" + string.Join("\n", hosted) + "\nguest:\n" + string.Join("\n", guest));
        }

        [SkippableFact]
        public void VirtioAndIdeTogether_VirtioWinsTheRootAndAtaListsTheDisk()
        {
            using GuestBoot boot = GuestBoot.Start(DiskBus.Both, new[] { _images.Gpt });
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
            using GuestBoot boot = GuestBoot.Start(DiskBus.Virtio, Array.Empty<string>());
            boot.AssertPciMatchesQemu();
            boot.AssertLogInOrder(SeedLog.Drivers.Concat(SeedLog.Simulated).Concat(SeedLog.Mount).ToArray());
            boot.AssertLogInOrder("[KERNEL] Root filesystem: ram0 (eclipsefs) mounted at /");
            Assert.Equal(new[] { "ram0 on / type eclipsefs (ro, simulated disk)" }, boot.Run("mount"));
            Assert.Contains("eclipse", boot.Run("cat /etc/hostname"));
        }

        [SkippableFact]
        public void BareEclipseFsDiskOnIde_MountedWhole()
        {
            using GuestBoot boot = GuestBoot.Start(DiskBus.Ide, new[] { _images.Bare });
            boot.AssertLogInOrder(SeedLog.Mount);
            boot.AssertLogInOrder("[KERNEL] Root filesystem: hda (eclipsefs) mounted at /");
            GuestVirtioBootTests.AssertRootIsTheTestTree(boot);
        }

        /// <summary>The lines about disks and partitions (hd*, vd*, their drivers and filesystem), PCI addresses masked.</summary>
        private static List<string> DeviceLines(IEnumerable<string> log) =>
            log.Where(l => l.StartsWith("hd", StringComparison.Ordinal) || l.StartsWith("vd", StringComparison.Ordinal) || l.StartsWith("cd", StringComparison.Ordinal)
                        || l.StartsWith("[ATA] ", StringComparison.Ordinal) || l.StartsWith("[VirtIO] vd", StringComparison.Ordinal) || l.StartsWith("[FS] hd", StringComparison.Ordinal)
                        || l.StartsWith("[FS] vd", StringComparison.Ordinal))
               .Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"\b[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]\b", "bb:dd.f"))
               .ToList();

        private static List<string> HostedDeviceLines(BootBus bus, string disk)
        {
            var options = new HostedKernelOptions { Bus = bus };
            options.Disks.Add(disk);
            var log = new TextWriterOutput(null, keep: true);
            using HostedKernel kernel = HostedKernel.Start(options, log);
            return DeviceLines(log.Lines);
        }
    }
}
