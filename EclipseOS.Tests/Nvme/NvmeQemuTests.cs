using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EclipseOS.Drivers.Nvme;
using EclipseOS.Drivers.Nvme.Devices;
using EclipseOS.Platform.Qtest;
using EclipseOS.Platform.Qtest.Devices;
using EclipseOS.Platform.Qtest.Options;
using EclipseOS.Storage;
using EclipseOS.Tests.Ata;
using Xunit;

namespace EclipseOS.Tests.Nvme
{
    /// <summary>
    /// The NVMe driver on QEMU's real NVMe controller over qtest: whole-disk byte-exact reads,
    /// writes that reach the image after a flush (odd buffer offsets, PRP lists, transfers split
    /// past MDTS and 1 MiB), several namespaces and controllers, a namespace beyond 2^32 blocks,
    /// polling, INTx and MSI-X, deallocation, media errors and a timeout the controller recovers from.
    /// </summary>
    public sealed class NvmeQemuTests
    {
        private static NvmeOptions Polling() => new NvmeOptions { CommandTimeoutMicroseconds = 5000000 };

        private static NvmeOptions Intx() => new NvmeOptions { UseInterrupts = true, UseMessageInterrupts = false, CommandTimeoutMicroseconds = 5000000 };

        private static NvmeOptions Msix() => new NvmeOptions { UseInterrupts = true, CommandTimeoutMicroseconds = 5000000 };

        /// <summary>A pc with one NVMe controller in slot 4 per image; <paramref name="drive"/> and <paramref name="device"/> are appended to every -drive and -device.</summary>
        private static QemuOptions PcWithNvme(List<string>? log, string drive, string device, params string[] images)
        {
            var options = new QemuOptions { Machine = QemuMachine.Pc, MemoryMiB = 128 };
            if (log != null)
                options.Log = new TextLog(log.Add);
            for (int i = 0; i < images.Length; i++)
                options.Add("-drive", "file=" + images[i] + ",format=raw,if=none,id=n" + i + drive,
                    "-device", "nvme,serial=deadbeef" + i + ",drive=n" + i + ",addr=" + (4 + i) + device);
            return options;
        }

        private static QemuOptions PcWithNvme(params string[] images) => PcWithNvme(null, "", "", images);

        private static NvmeNamespace Single(QtestPlatform platform, BlockDeviceManager manager, NvmeOptions options) =>
            Assert.Single(Assert.Single(NvmeDriver.Start(platform, manager, options)).Namespaces);

        [Theory]
        [InlineData("polling")]
        [InlineData("intx")]
        [InlineData("msix")]
        public void ReadsTheWholeDiskByteExact_PolledOrByInterrupts(string mode)
        {
            using var image = new AtaImage(4096, 1);
            var log = new List<string>();
            using var platform = new QtestPlatform(PcWithNvme(log, "", "", image.Path));
            var manager = new BlockDeviceManager(platform.Log);
            NvmeOptions options = mode == "polling" ? Polling() : mode == "intx" ? Intx() : Msix();
            NvmeController controller = Assert.Single(NvmeDriver.Start(platform, manager, options));
            NvmeNamespace ns = Assert.Single(controller.Namespaces);
            Assert.Equal("nvme0n1", ns.Name);
            Assert.Same(ns, manager.Find("nvme0n1"));
            string completion = mode == "polling" ? "polling" : mode == "intx" ? "IRQ " + controller.Function.InterruptLine : "MSI-X";
            Assert.Equal(completion, ns.Completion);
            string expected = "[NVMe] nvme0n1: " + controller.Function.Address + " \"QEMU NVMe Ctrl\" nsid 1, 4096 blocks of 512 bytes, " + completion;
            Assert.True(log.Contains(expected), string.Join("\n", log));
            var data = new byte[4096 * 512];
            ns.Read(0, 4096, data, 0);
            Assert.True(data.AsSpan().SequenceEqual(image.ReadAt(0, 4096)), "nvme0n1 differs from its image");
            if (mode == "polling")
                Assert.Equal(0UL, ns.Interrupts);
            else
                Assert.True(ns.Interrupts > 0, "no interrupt was counted");
        }
    }
}
