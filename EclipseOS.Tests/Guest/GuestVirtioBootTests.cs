using System.Collections.Generic;
using System.Linq;
using EclipseOS.Cli.Boot;
using EclipseOS.Cli.Run;
using EclipseOS.Tests.Kernel;
using Xunit;

namespace EclipseOS.Tests.Guest
{
    /// <summary>
    /// The boot matrix inside the real kernel, virtio side: each case boots the ISO in QEMU and
    /// checks, on COM1, the PCI functions against QEMU's own list, the seed's lines in order with
    /// the real devices, the device lines, and a mounted root the shell can read.
    /// </summary>
    public sealed class GuestVirtioBootTests : IClassFixture<KernelImages>
    {
        private readonly KernelImages _images;

        public GuestVirtioBootTests(KernelImages images)
        {
            _images = images;
        }

        [SkippableFact]
        public void LegacyInterfaceOfATransitionalDevice_OriginalGptLayout()
        {
            List<string> guest;
            using (GuestBoot boot = GuestBoot.Start(DiskBus.Virtio, new[] { _images.Gpt }, o => With(o, bootOptions: "virtio.legacy=on")))
            {
                boot.AssertPciMatchesQemu();
                Assert.Contains(boot.Log, l => l.StartsWith("[PCI] ", System.StringComparison.Ordinal) && l.Contains(" 1af4:1001 "));
                boot.AssertLogInOrder(SeedLog.Drivers.Concat(SeedLog.Mount).ToArray());
                string device = boot.AssertLogLine("[VirtIO] vda: ");
                Assert.Contains(" legacy, 4194304 sectors of 512 bytes", device);
                boot.AssertLogLine("[FS] vda2: EclipseFS 2.0, ", endsWith: " 1608515584 bytes");
                boot.AssertLogInOrder("[KERNEL] Root filesystem: vda2 (eclipsefs) mounted at /");
                AssertRootIsTheTestTree(boot);
                guest = GuestBoot.DeviceLines(boot.Log);
            }
            HostedKernelOptions hosted = GuestIdeBootTests.Hosted(BootBus.Virtio, _images.Gpt);
            hosted.Boot.Virtio.PreferLegacy = true;
            GuestBoot.AssertSameDeviceLinesAsHosted(guest, hosted);
        }

        [SkippableFact]
        public void ModernOnlyDevice_FoundByItsCapabilitiesAndMemoryBars()
        {
            using GuestBoot boot = GuestBoot.Start(DiskBus.Virtio, new[] { _images.Gpt }, o => With(o, modern: true));
            boot.AssertPciMatchesQemu();
            Assert.Contains(boot.Log, l => l.StartsWith("[PCI] ", System.StringComparison.Ordinal) && l.Contains(" 1af4:1042 "));
            Assert.Contains(" modern, 4194304 sectors of 512 bytes", boot.AssertLogLine("[VirtIO] vda: "));
            boot.AssertLogInOrder(SeedLog.Mount);
            AssertRootIsTheTestTree(boot);
        }

        [SkippableFact]
        public void Q35Board_VirtioDiskOnTheIch9Host()
        {
            List<string> guest;
            using (GuestBoot boot = GuestBoot.Start(DiskBus.Virtio, new[] { _images.Gpt }, o => With(o, machine: "q35")))
            {
                boot.AssertPciMatchesQemu();
                Assert.Contains(boot.Log, l => l.StartsWith("[PCI] 00:00.0 8086:29c0 ", System.StringComparison.Ordinal));
                boot.AssertLogInOrder(SeedLog.Drivers.Concat(SeedLog.Mount).ToArray());
                Assert.Equal(new[] { "vda2 on / type eclipsefs (rw)" }, boot.Run("mount"));
                AssertRootIsTheTestTree(boot);
                guest = GuestBoot.DeviceLines(boot.Log);
            }
            HostedKernelOptions hosted = GuestIdeBootTests.Hosted(BootBus.Virtio, _images.Gpt);
            hosted.Machine = EclipseOS.Platform.Qtest.Options.QemuMachine.Q35;
            GuestBoot.AssertSameDeviceLinesAsHosted(guest, hosted);
        }

        [SkippableFact]
        public void TwoVirtioDisks_ABareEclipseFsDiskOnTheSecond()
        {
            List<string> guest;
            using (GuestBoot boot = GuestBoot.Start(DiskBus.Virtio, new[] { _images.Blank, _images.Bare }))
            {
                boot.AssertPciMatchesQemu();
                boot.AssertLogLine("[VirtIO] vda: ");
                boot.AssertLogLine("[VirtIO] vdb: ");
                boot.AssertLogInOrder(SeedLog.Drivers.Concat(SeedLog.Mount).ToArray());
                boot.AssertLogInOrder("[KERNEL] Root filesystem: vdb (eclipsefs) mounted at /");
                Assert.DoesNotContain(boot.Log, l => l.Contains("simulated disk"));
                AssertRootIsTheTestTree(boot);
                guest = GuestBoot.DeviceLines(boot.Log);
            }
            GuestBoot.AssertSameDeviceLinesAsHosted(guest, GuestIdeBootTests.Hosted(BootBus.Virtio, _images.Blank, _images.Bare));
        }

        [SkippableFact]
        public void TheShellReadsTheKeyboardAsWellAsComOne()
        {
            using GuestBoot boot = GuestBoot.Start(DiskBus.Virtio, new[] { _images.Gpt });
            Assert.Equal(new[] { "Welcome to the kernel test tree." }, boot.Run("cat /motd"));
            // Typed on the PS/2 keyboard (QMP send-key): the output shows on every terminal, COM1 too.
            int before = boot.Vm.Transcript.Length;
            var keys = new System.Text.StringBuilder();
            foreach (string key in new[] { "l", "s", "spc", "slash", "e", "t", "c", "ret" })
                keys.Append(keys.Length == 0 ? "" : ",").Append("{\"type\":\"qcode\",\"data\":\"" + key + "\"}");
            boot.Vm.Qmp.Execute("send-key", "{\"keys\":[" + keys + "]}").Dispose();
            System.DateTime end = System.DateTime.UtcNow + GuestBoot.CommandTimeout;
            while (!boot.Vm.Transcript.Substring(before).Contains("ls /etc\nmotd\n", System.StringComparison.Ordinal) && System.DateTime.UtcNow < end)
                System.Threading.Thread.Sleep(100);
            Assert.Contains("ls /etc\nmotd\n", boot.Vm.Transcript.Substring(before));
        }

        /// <summary>The test tree (KernelImages) is what the shell sees at the root.</summary>
        internal static void AssertRootIsTheTestTree(GuestBoot boot)
        {
            Assert.Equal(new[] { "etc", "home", "motd", "noeol.txt" }, boot.Run("ls /"));
            Assert.Equal(new[] { "Welcome to the kernel test tree." }, boot.Run("cat /motd"));
            Assert.Equal(new[] { "deep file" }, boot.Run("cat /home/user/docs/deep.txt"));
        }

        internal static VmOptions With(VmOptions o, string? bootOptions = null, bool modern = false, string? machine = null) =>
            new VmOptions(o.Iso, o.Disks, o.Bus, o.SerialLog)
            {
                Window = false,
                BootOptions = bootOptions ?? o.BootOptions,
                VirtioModernOnly = modern || o.VirtioModernOnly,
                Machine = machine ?? o.Machine,
            };
    }
}
