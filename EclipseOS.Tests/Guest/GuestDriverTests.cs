using System;
using System.Collections.Generic;
using System.IO;
using EclipseOS.Cli.Run;
using EclipseOS.EclipseFS.Tools.Hashing;
using EclipseOS.Kernel.Core.Shell;
using Xunit;

namespace EclipseOS.Tests.Guest
{
    /// <summary>
    /// Every driver proven on QEMU's real devices inside the booted kernel: the guest reads a
    /// whole device through the driver (<c>verify</c>) and its CRC-32C must equal the host's of
    /// the image file — virtio by its legacy and its modern interface, ATA by PIO and by DMA,
    /// ATAPI on the boot CD — with completion by interrupt (the count grows); the guest writes a
    /// seeded pattern and flushes (<c>pattern</c>), and after QEMU is gone the host finds exactly
    /// those bytes in the image.
    /// </summary>
    public sealed class GuestDriverTests : IDisposable
    {
        private const int ImageBytes = 16 * 1024 * 1024;
        private const ulong PatternLba = 1000;
        private const ulong PatternBlocks = 300;
        private const uint Seed = 20261201;

        private readonly string _folder = Path.Combine(Path.GetTempPath(), "eclipse-guest-drivers-" + Guid.NewGuid().ToString("N"));

        public GuestDriverTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        /// <summary>A fresh image of random bytes, so a wrong block or offset cannot go unnoticed.</summary>
        private string RandomImage(string name)
        {
            var bytes = new byte[ImageBytes];
            new Random(name.GetHashCode()).NextBytes(bytes);
            string path = Path.Combine(_folder, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        /// <summary>The way <c>verify</c> and <c>pattern</c> print a CRC: <c>CRC-32C 0x1234ABCD</c>.</summary>
        internal static string Crc(byte[] bytes) => "CRC-32C 0x" + HardwareCrc32C.Instance.Append(0, bytes, 0, bytes.Length).ToString("X8");

        /// <summary>
        /// Boots with a 16 MiB disk of random bytes (seed <paramref name="imageSeed"/>) on
        /// <paramref name="bus"/>: <c>verify DEVICE</c> gives the host's CRC with completion by IRQ,
        /// <c>pattern DEVICE 2000 300 SEED</c> is flushed, and after QEMU is gone the image holds
        /// the pattern and nothing else changed.
        /// </summary>
        internal static void VerifyAndWriteRandomDisk(DiskBus bus, string device, int imageSeed, uint patternSeed)
        {
            string folder = Path.Combine(Path.GetTempPath(), "eclipse-guest-" + device + "-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                string image = Path.Combine(folder, device + ".img");
                var before = new byte[ImageBytes];
                new Random(imageSeed).NextBytes(before);
                File.WriteAllBytes(image, before);
                var pattern = new byte[300 * 512];
                TestPattern.Fill(patternSeed, 0, pattern, 0, pattern.Length);
                using (GuestBoot boot = GuestBoot.Start(bus, new[] { image }))
                {
                    boot.AssertPciMatchesQemu();
                    string[] output = boot.Run("verify " + device);
                    Assert.Equal(device + ": 32768 blocks of 512 bytes, " + Crc(before), output[0]);
                    Assert.Contains("completion IRQ ", output[1]);
                    Assert.Equal(device + ": wrote 300 blocks from LBA 2000 (" + pattern.Length + " bytes, seed " + patternSeed + "), " + Crc(pattern) + ", flushed", Assert.Single(boot.Run("pattern " + device + " 2000 300 " + patternSeed)));
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

        /// <summary>Runs verify on <paramref name="device"/> and checks the CRC, the interrupt-driven completion and the interrupt count.</summary>
        private static void AssertVerify(GuestBoot boot, string device, byte[] expected, int blockSize, string irq)
        {
            string[] output = boot.Run("verify " + device);
            Assert.True(output.Length == 2, string.Join("\n", output));
            Assert.Equal(device + ": " + (expected.Length / blockSize) + " blocks of " + blockSize + " bytes, " + Crc(expected), output[0]);
            Assert.Contains("completion " + irq + ", ", output[1]);
            ulong interrupts = ulong.Parse(output[1].Substring(output[1].LastIndexOf(", ", StringComparison.Ordinal) + 2).Split(' ')[0]);
            Assert.True(interrupts > 0, "no interrupt was counted: " + output[1]);
        }

        /// <summary>Writes the pattern in the guest; returns the bytes the host must find.</summary>
        private static byte[] WritePattern(GuestBoot boot, string device)
        {
            var expected = new byte[PatternBlocks * 512];
            TestPattern.Fill(Seed, 0, expected, 0, expected.Length);
            string[] output = boot.Run("pattern " + device + " " + PatternLba + " " + PatternBlocks + " " + Seed);
            Assert.Equal(device + ": wrote " + PatternBlocks + " blocks from LBA " + PatternLba + " (" + expected.Length + " bytes, seed " + Seed + "), " + Crc(expected) + ", flushed", Assert.Single(output));
            return expected;
        }

        private static void AssertImageHolds(string image, byte[] pattern, byte[] before)
        {
            byte[] after = File.ReadAllBytes(image);
            int at = (int)(PatternLba * 512);
            Assert.True(after.AsSpan(at, pattern.Length).SequenceEqual(pattern), "the pattern is not in the image at byte " + at);
            Assert.True(after.AsSpan(0, at).SequenceEqual(before.AsSpan(0, at)), "bytes before the pattern changed");
            Assert.True(after.AsSpan(at + pattern.Length).SequenceEqual(before.AsSpan(at + pattern.Length)), "bytes after the pattern changed");
        }

        [SkippableFact]
        public void VirtioLegacyInterface_VerifyAndWrite()
        {
            string image = RandomImage("legacy.img");
            byte[] before = File.ReadAllBytes(image);
            byte[] pattern;
            using (GuestBoot boot = GuestBoot.Start(DiskBus.Virtio, new[] { image }, o => GuestVirtioBootTests.With(o, bootOptions: "virtio.legacy=on")))
            {
                Assert.Contains(" legacy, ", boot.AssertLogLine("[VirtIO] vda: "));
                AssertVerify(boot, "vda", before, 512, "IRQ 11");
                pattern = WritePattern(boot, "vda");
            }
            AssertImageHolds(image, pattern, before);
        }

        [SkippableFact]
        public void VirtioModernOnly_VerifyAndWrite()
        {
            string image = RandomImage("modern.img");
            byte[] before = File.ReadAllBytes(image);
            byte[] pattern;
            using (GuestBoot boot = GuestBoot.Start(DiskBus.Virtio, new[] { image }, o => GuestVirtioBootTests.With(o, modern: true)))
            {
                Assert.Contains(" modern, ", boot.AssertLogLine("[VirtIO] vda: "));
                AssertVerify(boot, "vda", before, 512, "IRQ 11");
                pattern = WritePattern(boot, "vda");
            }
            AssertImageHolds(image, pattern, before);
        }

        [SkippableFact]
        public void AtaByDma_AndAtapiOnTheBootCd_VerifyAndWrite()
        {
            string image = RandomImage("dma.img");
            byte[] before = File.ReadAllBytes(image);
            byte[] pattern;
            using (GuestBoot boot = GuestBoot.Start(DiskBus.Ide, new[] { image }))
            {
                boot.AssertLogLine("[ATA] hda: ", endsWith: ", DMA, IRQ 14");
                AssertVerify(boot, "hda", before, 512, "IRQ 14");
                AssertVerify(boot, "cd0", File.ReadAllBytes(GuestKernel.Iso), 2048, "IRQ 15");
                pattern = WritePattern(boot, "hda");
            }
            AssertImageHolds(image, pattern, before);
        }

        [SkippableFact]
        public void AtaByPio_VerifyAndWrite()
        {
            string image = RandomImage("pio.img");
            byte[] before = File.ReadAllBytes(image);
            byte[] pattern;
            using (GuestBoot boot = GuestBoot.Start(DiskBus.Ide, new[] { image }, o => GuestVirtioBootTests.With(o, bootOptions: "ata.dma=off")))
            {
                boot.AssertLogLine("[ATA] hda: ", endsWith: ", PIO, IRQ 14");
                AssertVerify(boot, "hda", before, 512, "IRQ 14");
                pattern = WritePattern(boot, "hda");
            }
            AssertImageHolds(image, pattern, before);
        }

        [SkippableFact]
        public void PollingWhenInterruptsAreSwitchedOff()
        {
            string image = RandomImage("polled.img");
            byte[] before = File.ReadAllBytes(image);
            using GuestBoot boot = GuestBoot.Start(DiskBus.Virtio, new[] { image }, o => GuestVirtioBootTests.With(o, bootOptions: "virtio.interrupts=off"));
            string[] output = boot.Run("verify vda");
            Assert.Contains(Crc(before), output[0]);
            Assert.Contains("completion polling, 0 interrupts", output[1]);
        }
    }
}
