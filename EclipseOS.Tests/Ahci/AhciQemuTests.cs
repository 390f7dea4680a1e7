using System;
using System.IO;
using System.Linq;
using EclipseOS.Drivers.Ahci;
using EclipseOS.Drivers.Ahci.Devices;
using EclipseOS.Drivers.Ahci.Port;
using EclipseOS.Platform.Qtest;
using EclipseOS.Platform.Qtest.Options;
using EclipseOS.Storage;
using EclipseOS.Tests.Ata;
using Xunit;

namespace EclipseOS.Tests.Ahci
{
    /// <summary>
    /// The AHCI driver on QEMU's real AHCI models over qtest: <c>-device ahci</c> on pc and the
    /// ICH9 AHCI of q35 (00:1f.2) — whole-disk byte-exact reads, writes that reach the image after
    /// a flush, several ports, the q35 CD-ROM by ATAPI, polling and interrupts.
    /// </summary>
    public sealed class AhciQemuTests
    {
        private static AhciOptions Options(bool interrupts = false) => new AhciOptions { UseInterrupts = interrupts, CommandTimeoutMicroseconds = 5000000 };

        private static QemuOptions PcWithAhci(params string[] images)
        {
            var options = new QemuOptions { Machine = QemuMachine.Pc, MemoryMiB = 64 };
            options.Add("-device", "ahci,id=ahci0");
            for (int i = 0; i < images.Length; i++)
                options.Add("-drive", "file=" + images[i] + ",format=raw,if=none,id=sata" + i, "-device", "ide-hd,drive=sata" + i + ",bus=ahci0." + i);
            return options;
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void PcAhci_TwoPorts_ReadWholeDisksByteExact(bool interrupts)
        {
            using var first = new AtaImage(4096, 1);
            using var second = new AtaImage(2048, 2);
            var log = new System.Collections.Generic.List<string>();
            QemuOptions options = PcWithAhci(first.Path, second.Path);
            options.Log = new EclipseOS.Platform.Qtest.Devices.TextLog(log.Add);
            using var platform = new QtestPlatform(options);
            var manager = new BlockDeviceManager(platform.Log);
            AhciController controller = Assert.Single(AhciDriver.Start(platform, manager, Options(interrupts)));
            Assert.Equal(new[] { "sda", "sdb" }, controller.Devices.Select(d => d.Name));
            string expected = "[AHCI] sda: " + controller.Function.Address + " port 0 \"QEMU HARDDISK\", LBA48, 4096 sectors, " + (interrupts ? "IRQ " : "polling");
            Assert.True(log.Any(l => l.StartsWith(expected, StringComparison.Ordinal)), string.Join("\n", log));
            foreach ((IBlockDevice disk, AtaImage image) in new[] { (controller.Devices[0], first), (controller.Devices[1], second) })
            {
                var data = new byte[image.Sectors * 512];
                disk.Read(0, (int)image.Sectors, data, 0);
                Assert.True(data.AsSpan().SequenceEqual(image.ReadAt(0, (int)image.Sectors)), disk.Name + " read differs from its image");
            }
            if (interrupts)
                Assert.True(controller.InterruptCount > 0, "no interrupt was counted");
        }

        [Fact]
        public void WritesReachTheImageAfterAFlush_AndOddBufferOffsetsWork()
        {
            using var image = new AtaImage(8192, 3);
            using var platform = new QtestPlatform(PcWithAhci(image.Path));
            var manager = new BlockDeviceManager(platform.Log);
            IBlockDevice disk = Assert.Single(Assert.Single(AhciDriver.Start(platform, manager, Options())).Devices);
            var pattern = new byte[3000 * 512 + 1];
            new Random(7).NextBytes(pattern);
            // 3000 sectors: more than one command (1 MiB); offset 1: a PRD must be word-aligned, so the driver bounces.
            disk.Write(1000, 3000, pattern, 1);
            disk.Flush();
            Assert.True(image.ReadAt(1000, 3000).AsSpan().SequenceEqual(pattern.AsSpan(1)), "the image does not hold what was written");
            var back = new byte[3000 * 512];
            disk.Read(1000, 3000, back, 0);
            Assert.True(back.AsSpan().SequenceEqual(pattern.AsSpan(1)));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Q35_Ich9Ahci_DiskAndCdRomByAtapi(bool interrupts)
        {
            using var image = new AtaImage(2048, 4);
            string cd = Path.Combine(Path.GetTempPath(), "eclipse-ahci-cd-" + Guid.NewGuid().ToString("N") + ".iso");
            var media = new byte[1300 * 2048];
            new Random(5).NextBytes(media);
            File.WriteAllBytes(cd, media);
            try
            {
                var options = new QemuOptions { Machine = QemuMachine.Q35, MemoryMiB = 64 };
                options.Add("-drive", "file=" + image.Path + ",format=raw,if=none,id=d0", "-device", "ide-hd,drive=d0,bus=ide.0");
                options.Add("-drive", "file=" + cd + ",format=raw,if=none,id=c0,media=cdrom,readonly=on", "-device", "ide-cd,drive=c0,bus=ide.2");
                using var platform = new QtestPlatform(options);
                var manager = new BlockDeviceManager(platform.Log);
                AhciController controller = Assert.Single(AhciDriver.Start(platform, manager, Options(interrupts)));
                Assert.Equal("00:1f.2", controller.Function.Address.ToString());
                var disk = Assert.IsType<AhciDisk>(manager.Find("sda"));
                var drive = Assert.IsType<AhciAtapiDevice>(manager.Find("sr0"));
                Assert.Equal(2048, drive.BlockSize);
                Assert.Equal(1300UL, drive.BlockCount);
                var read = new byte[media.Length];
                drive.Read(0, 1300, read, 0);
                Assert.True(read.AsSpan().SequenceEqual(media), "sr0 read differs from the medium");
                foreach (int block in new[] { 16, 0, 1299, 700 })
                {
                    var one = new byte[2048];
                    drive.Read((ulong)block, 1, one, 0);
                    Assert.True(one.AsSpan().SequenceEqual(media.AsSpan(block * 2048, 2048)), "a one-block read of block " + block + " differs from the medium");
                }
                var sectors = new byte[2048 * 512];
                disk.Read(0, 2048, sectors, 0);
                Assert.True(sectors.AsSpan().SequenceEqual(image.ReadAt(0, 2048)));
                Assert.Throws<BlockDeviceException>(() => drive.Write(0, 1, read, 0));
            }
            finally
            {
                File.Delete(cd);
            }
        }

        [Fact]
        public void AReadPastTheEndIsRefusedNamingTheDeviceAndBlock()
        {
            using var image = new AtaImage(64, 6);
            using var platform = new QtestPlatform(PcWithAhci(image.Path));
            var manager = new BlockDeviceManager(platform.Log);
            IBlockDevice disk = Assert.Single(Assert.Single(AhciDriver.Start(platform, manager, Options())).Devices);
            var error = Assert.Throws<BlockDeviceException>(() => disk.Read(60, 8, new byte[8 * 512], 0));
            Assert.StartsWith("sda: block 60: ", error.Message);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Ncq_LongTransfersGoOutQueued_ByteExact(bool interrupts)
        {
            using var image = new AtaImage(16384, 9);
            using var platform = new QtestPlatform(PcWithAhci(image.Path));
            var manager = new BlockDeviceManager(platform.Log);
            AhciController controller = Assert.Single(AhciDriver.Start(platform, manager, Options(interrupts)));
            var disk = Assert.IsType<AhciDisk>(Assert.Single(controller.Devices));
            Assert.True(controller.SupportsNcq, "QEMU's AHCI reports no NCQ");
            Assert.Equal(32, disk.QueueDepth);

            ulong before = disk.Port.Commands;
            var all = new byte[16384 * 512];
            disk.Read(0, 16384, all, 0);
            Assert.True(all.AsSpan().SequenceEqual(image.ReadAt(0, 16384)), "an 8 MiB queued read differs from the image");
            Assert.Equal(8UL, disk.Port.Commands - before);

            var data = new byte[5 * 1024 * 1024 + 3 * 512];
            new Random(21).NextBytes(data);
            disk.Write(1001, data.Length / 512, data, 0);
            disk.Flush();
            var back = new byte[data.Length];
            disk.Read(1001, data.Length / 512, back, 0);
            Assert.True(back.AsSpan().SequenceEqual(data), "a queued write did not read back");
            Assert.True(image.ReadAt(1001, data.Length / 512).AsSpan().SequenceEqual(data), "a queued write is not in the image");
            Assert.Equal(0UL, disk.QueuedCommandsRerun);
        }

        [Fact]
        public void Ncq_ABadSectorInAQueuedTransfer_IsNamedExactly_AndTheRestArrives()
        {
            using var image = new AtaImage(8192, 10);
            var options = new QemuOptions { Machine = QemuMachine.Q35, MemoryMiB = 64 };
            options.AddDisk(image.Path, DiskBus.Ahci, errors: new[] { new InjectedError(InjectedErrorKind.Read, 5000) });
            using var platform = new QtestPlatform(options);
            var manager = new BlockDeviceManager(platform.Log);
            var disk = Assert.IsType<AhciDisk>(Assert.Single(Assert.Single(AhciDriver.Start(platform, manager, Options())).Devices));
            var all = new byte[8192 * 512];
            var error = Assert.Throws<AhciCommandException>(() => disk.Read(0, 8192, all, 0));
            Assert.Equal(5000UL, error.Lba);
            Assert.StartsWith("sda: block 5000: READ DMA EXT of 1 sector failed: ", error.Message);
            Assert.True(disk.QueuedCommandsRerun >= 1, "the failed queued command was not run again on its own");
            // Every queued command before the failing one, and the failing one up to the bad sector, arrived.
            Assert.True(all.AsSpan(0, 5000 * 512).SequenceEqual(image.ReadAt(0, 5000)), "the sectors before the bad one differ");
            var rest = new byte[3000 * 512];
            disk.Read(5001, 3000, rest, 0);
            Assert.True(rest.AsSpan().SequenceEqual(image.ReadAt(5001, 3000)), "the disk reads wrong after the error");
        }

        [Fact]
        public void Lba48_ADiskOf3TiB_ReadsAndWritesNearItsEnd()
        {
            string path = Path.Combine(Path.GetTempPath(), "eclipse-ahci-3t-" + Guid.NewGuid().ToString("N") + ".img");
            const long sectors = 3L << 31; // 3 TiB: LBAs past 2^32, far past LBA28's 2^28
            using (var file = new FileStream(path, FileMode.CreateNew)) file.SetLength(sectors * 512);
            try
            {
                var options = new QemuOptions { Machine = QemuMachine.Q35, MemoryMiB = 64 };
                options.AddDisk(path, DiskBus.Ahci);
                using (var platform = new QtestPlatform(options))
                {
                    var manager = new BlockDeviceManager(platform.Log);
                    var disk = Assert.IsType<AhciDisk>(Assert.Single(Assert.Single(AhciDriver.Start(platform, manager, Options())).Devices));
                    Assert.True(disk.Identify.SupportsLba48);
                    Assert.Equal((ulong)sectors, disk.BlockCount);
                    var data = new byte[4096 * 512];
                    new Random(33).NextBytes(data);
                    ulong lba = (ulong)sectors - 4096;
                    disk.Write(lba, 4096, data, 0); // queued: four 1 MiB commands with 48-bit LBAs
                    disk.Flush();
                    var back = new byte[data.Length];
                    disk.Read(lba, 4096, back, 0);
                    Assert.True(back.AsSpan().SequenceEqual(data), "the end of a 3 TiB disk did not read back");
                }
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read);
                file.Position = (sectors - 1) * 512;
                var last = new byte[512];
                file.ReadExactly(last);
                var expected = new byte[4096 * 512];
                new Random(33).NextBytes(expected);
                Assert.True(last.AsSpan().SequenceEqual(expected.AsSpan(4095 * 512)), "the last sector of the image is not what was written");
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void AnAhciControllerBehindAPciBridge()
        {
            using var image = new AtaImage(2048, 12);
            var options = new QemuOptions { Machine = QemuMachine.Pc, MemoryMiB = 64 };
            options.Add("-device", "pci-bridge,id=br1,chassis_nr=1,addr=6", "-device", "ahci,id=ahci0,bus=br1,addr=3");
            options.Add("-drive", "file=" + image.Path + ",format=raw,if=none,id=s0", "-device", "ide-hd,drive=s0,bus=ahci0.0");
            using var platform = new QtestPlatform(options);
            var manager = new BlockDeviceManager(platform.Log);
            AhciController controller = Assert.Single(AhciDriver.Start(platform, manager, Options(interrupts: true)));
            Assert.Equal("01:03.0", controller.Function.Address.ToString());
            var data = new byte[2048 * 512];
            controller.Devices[0].Read(0, 2048, data, 0);
            Assert.True(data.AsSpan().SequenceEqual(image.ReadAt(0, 2048)), "a disk behind the bridge reads wrong");
            Assert.True(controller.InterruptCount > 0, "no interrupt came through the bridge");
        }
    }
}
