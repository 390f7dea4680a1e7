using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EclipseOS.Cli.Boot;
using EclipseOS.Cli.Run;
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

        [SkippableFact]
        public void Q35_RootOnIch9Ahci_AndTheBootCdByAtapiOverAhci()
        {
            List<string> guest;
            using (GuestBoot boot = GuestBoot.Start(DiskBus.Ide, new[] { _images.Gpt }, o => GuestVirtioBootTests.With(o, machine: "q35")))
            {
                boot.AssertPciMatchesQemu();
                boot.AssertLogInOrder(SeedLog.Drivers.Concat(SeedLog.Mount).ToArray());
                boot.AssertLogLine("[AHCI] sda: 00:1f.2 port 0 \"QEMU HARDDISK\", LBA48, 4194304 sectors, IRQ ");
                boot.AssertLogLine("[AHCI] sr0: 00:1f.2 port 2 \"QEMU DVD-ROM\", ATAPI, ");
                boot.AssertLogInOrder("[KERNEL] Root filesystem: sda2 (eclipsefs) mounted at /");
                GuestVirtioBootTests.AssertRootIsTheTestTree(boot);
                byte[] iso = File.ReadAllBytes(GuestKernel.Iso);
                string[] output = boot.Run("verify sr0");
                Assert.Equal("sr0: " + (iso.Length / 2048) + " blocks of 2048 bytes, " + GuestDriverTests.Crc(iso), output[0]);
                Assert.Contains("completion IRQ ", output[1]);
                guest = GuestBoot.DeviceLines(boot.Log);
            }
            HostedKernelOptions hosted = GuestIdeBootTests.Hosted(BootBus.Ide, _images.Gpt);
            hosted.Machine = EclipseOS.Platform.Qtest.Options.QemuMachine.Q35;
            hosted.Boot.Ahci.UseInterrupts = true;
            GuestBoot.AssertSameDeviceLinesAsHosted(guest, hosted);
        }

        [SkippableFact]
        public void PcWithAnAhciController_VerifyAndWrite() => GuestDriverTests.VerifyAndWriteRandomDisk(DiskBus.Ahci, "sda", 12, 77);
    }
}
