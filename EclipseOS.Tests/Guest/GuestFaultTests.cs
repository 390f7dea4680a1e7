using System;
using System.IO;
using EclipseOS.Cli.Run;
using InjectedError = EclipseOS.Platform.Qtest.Options.InjectedError;
using InjectedErrorKind = EclipseOS.Platform.Qtest.Options.InjectedErrorKind;
using EclipseOS.Tests.Kernel;
using Xunit;

namespace EclipseOS.Tests.Guest
{
    /// <summary>
    /// Errors QEMU's blkdebug injects, met by the booted kernel: on virtio, NVMe and AHCI a read of
    /// the bad sector fails naming the device and that sector, a 4 MiB read over it (narrowed down
    /// by halves, IL2CPU-compiled) names it too, and the sectors around it still read.
    /// </summary>
    public sealed class GuestFaultTests
    {
        [SkippableTheory]
        [InlineData(DiskBus.Virtio, "vda", "read of 1 sector(s) at sector 3000: device reported an I/O error (VIRTIO_BLK_S_IOERR)")]
        [InlineData(DiskBus.Nvme, "nvme0n1", "read of 1 block failed: ")]
        [InlineData(DiskBus.Ahci, "sda", "READ DMA EXT of 1 sector failed: ")]
        public void AnInjectedReadErrorIsNamedInTheGuest_AndTheDiskReadsOn(DiskBus bus, string device, string cause)
        {
            string image = Path.Combine(Path.GetTempPath(), "eclipse-guest-fault-" + Guid.NewGuid().ToString("N") + ".img");
            var bytes = new byte[16 * 1024 * 1024];
            new Random(14).NextBytes(bytes);
            File.WriteAllBytes(image, bytes);
            try
            {
                using GuestBoot boot = GuestBoot.Start(bus, new[] { image }, o => new VmOptions(o.Iso, o.Disks, o.Bus, o.SerialLog)
                {
                    Window = false,
                    InjectErrors = new[] { new InjectedError(InjectedErrorKind.Read, 3000, 2) },
                });
                string[] output = boot.Run("hexdump " + device + " 3000", expectSuccess: false);
                Assert.StartsWith("hexdump: " + device + ": block 3000: " + cause, output[0]);
                // The driver's log lines (an NCQ command run again) may come first.
                output = boot.Run("verify " + device, expectSuccess: false);
                Assert.Contains(output, line => line.StartsWith("verify: " + device + ": block 3000: ", StringComparison.Ordinal));
                output = boot.Run("hexdump " + device + " 3002");
                Assert.StartsWith((3002 * 512).ToString("x8") + "  " + bytes[3002 * 512].ToString("x2") + " ", output[0]);
                output = boot.Run("hexdump " + device + " 2999");
                Assert.StartsWith((2999 * 512).ToString("x8") + "  " + bytes[2999 * 512].ToString("x2") + " ", output[0]);
            }
            finally
            {
                File.Delete(image);
            }
        }
    }
}
