using System.Linq;
using EclipseOS.Hal;
using EclipseOS.Platform.Qtest;
using EclipseOS.Platform.Qtest.Options;
using Xunit;

namespace EclipseOS.Tests.Qtest
{
    /// <summary>microvm: no PCI, virtio-mmio windows with their interrupt lines.</summary>
    public sealed class MicrovmTests
    {
        [Fact]
        public void Windows_are_listed_and_a_completion_raises_the_listed_line()
        {
            using var disk = new DiskImage(32, 9);
            using var platform = new QtestPlatform(QemuOptions.Microvm(64).AddDisk(disk.Path, DiskBus.Virtio));
            Assert.Empty(platform.PciFunctions);
            Assert.Equal(0xFFFF, platform.Pci.Read16(new EclipseOS.Hal.Pci.PciAddress(0, 0, 0), 0));
            Assert.Equal(8, platform.PlatformDevices.Count);
            for (int i = 0; i < 8; i++)
            {
                PlatformDevice window = platform.PlatformDevices[i];
                Assert.Equal(PlatformDevice.VirtioMmio, window.Kind);
                Assert.Equal(0xFEB00000ul + 512ul * (ulong)i, window.BaseAddress);
                Assert.Equal(16 + i, window.InterruptLine);
            }
            // QEMU plugs the first virtio-mmio device into the last window.
            PlatformDevice blk = platform.PlatformDevices.Single(d => platform.Memory.Read32(d.BaseAddress + 8) == 2);
            Assert.Equal(1u, platform.Memory.Read32(blk.BaseAddress + 4)); // legacy by default

            var request = HandRolledVirtioRequest.OverMmio(platform, blk.BaseAddress);
            Assert.True(platform.Interrupts.Wait(blk.InterruptLine, 5_000_000), "no IRQ " + blk.InterruptLine);
            Assert.Equal(1, request.UsedIndex);
            Assert.Equal(0, request.Status);
            Assert.Equal(disk.Sector(0), request.Data());
            Assert.Equal(1u, platform.Memory.Read32(blk.BaseAddress + HandRolledVirtioRequest.MmioInterruptStatus));
            platform.Memory.Write32(blk.BaseAddress + HandRolledVirtioRequest.MmioInterruptAck, 1);
            platform.MemoryBarrier();
            Assert.False(platform.Interrupts.IsRaised(blk.InterruptLine));
        }

        [Fact]
        public void Modern_disks_get_version_2_transports()
        {
            using var disk = new DiskImage(8, 11);
            using var platform = new QtestPlatform(QemuOptions.Microvm(32).AddDisk(disk.Path, DiskBus.VirtioModern));
            PlatformDevice blk = platform.PlatformDevices.Single(d => platform.Memory.Read32(d.BaseAddress + 8) == 2);
            Assert.Equal(2u, platform.Memory.Read32(blk.BaseAddress + 4));
        }

        [Fact]
        public void Attached_handlers_run_after_the_exchange_that_saw_the_edge()
        {
            using var disk = new DiskImage(32, 10);
            using var platform = new QtestPlatform(QemuOptions.Microvm(64).AddDisk(disk.Path, DiskBus.Virtio));
            PlatformDevice blk = platform.PlatformDevices.Single(d => platform.Memory.Read32(d.BaseAddress + 8) == 2);
            int calls = 0;
            InterruptHandler handler = line =>
            {
                calls++;
                // Handlers may talk to the device: acknowledge, which lowers the line.
                platform.Memory.Write32(blk.BaseAddress + HandRolledVirtioRequest.MmioInterruptAck,
                    platform.Memory.Read32(blk.BaseAddress + HandRolledVirtioRequest.MmioInterruptStatus));
            };
            platform.Interrupts.Attach(blk.InterruptLine, handler);
            var request = HandRolledVirtioRequest.OverMmio(platform, blk.BaseAddress);
            Deadline deadline = Deadline.After(platform.Clock, 5_000_000);
            // Any exchange is a safe point: poll a device register until the handler has run.
            while (calls == 0 && !deadline.Expired) platform.Memory.Read32(blk.BaseAddress + 8);
            Assert.Equal(1, calls);
            Assert.Equal(1, request.UsedIndex);
            Assert.False(platform.Interrupts.IsRaised(blk.InterruptLine));
            Assert.Equal(1, platform.Interrupts.RaiseCount(blk.InterruptLine));
            // The handler consumed the interrupt, so there is nothing left to wait for.
            Assert.False(platform.Interrupts.Wait(blk.InterruptLine, 20_000));
            platform.Interrupts.Detach(blk.InterruptLine, handler);
        }
    }
}
