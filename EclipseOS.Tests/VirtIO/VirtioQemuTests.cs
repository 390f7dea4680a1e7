using System;
using System.IO;
using System.Linq;
using EclipseOS.Drivers.VirtIO;
using EclipseOS.Drivers.VirtIO.Block;
using EclipseOS.Hal;
using EclipseOS.Platform.Qtest.Options;
using EclipseOS.Storage;
using EclipseOS.Tests.Qtest;
using Xunit;

namespace EclipseOS.Tests.VirtIO
{
    /// <summary>The driver on QEMU's real virtio-blk, over every transport and board QEMU offers.</summary>
    public sealed class VirtioQemuTests
    {
        private const int SmallDisk = 2048; // 1 MiB: whole-disk reads stay quick through qtest

        private static void AssertWholeDiskEquals(VirtioBlockDevice disk, byte[] expected)
        {
            Assert.Equal((ulong)expected.Length, disk.BlockCount * (ulong)disk.BlockSize);
            var actual = new byte[expected.Length];
            disk.Read(0, (int)disk.BlockCount, actual, 0);
            Assert.True(expected.AsSpan().SequenceEqual(actual), disk.Name + ": whole-disk read differs from the image");
        }

        private static void WriteReadBack(VirtioBlockDevice disk, ulong lba, int blocks, int seed)
        {
            var data = new byte[blocks * disk.BlockSize];
            new Random(seed).NextBytes(data);
            disk.Write(lba, blocks, data, 0);
            var back = new byte[data.Length];
            disk.Read(lba, blocks, back, 0);
            Assert.Equal(data, back);
        }

        [Fact]
        public void TransitionalPciDeviceIsDrivenThroughTheModernInterfaceAndRegisteredAsVda()
        {
            using var machine = new QemuVirtioMachine(QemuMachine.Pc);
            DiskImage image = machine.AddDisk(SmallDisk, DiskBus.Virtio, slot: 4, properties: "serial=ECLIPSE-VDA-01");
            machine.Start();
            var log = new ListLog();
            var manager = new BlockDeviceManager(log);
            var devices = VirtioBlockDriver.RegisterAll(new LoggingPlatform(machine.Platform, log), manager, new VirtioBlockOptions());
            VirtioBlockDevice disk = Assert.Single(devices);
            Assert.Equal("vda", disk.Name);
            Assert.Equal("modern", disk.Transport.Kind);
            Assert.True(disk.UsesIndirectDescriptors);
            Assert.Contains("[VirtIO] vda: 00:04.0 modern, 2048 sectors of 512 bytes, serial \"ECLIPSE-VDA-01\"", log.Lines);
            Assert.Equal("ECLIPSE-VDA-01", disk.Serial);
            AssertWholeDiskEquals(disk, image.Bytes);
            WriteReadBack(disk, 100, 37, 1);
        }

        [Fact]
        public void IfVirtioDriveThroughTheLegacyInterface()
        {
            using var machine = new QemuVirtioMachine(QemuMachine.Pc);
            DiskImage image = machine.NewImage(SmallDisk);
            machine.Add("-drive", "file=" + image.Path + ",format=raw,if=virtio");
            machine.Start(new VirtioBlockOptions { PreferLegacy = true });
            VirtioBlockDevice disk = Assert.Single(machine.Devices);
            Assert.Equal("legacy", disk.Transport.Kind);
            Assert.Equal(0UL, disk.Features >> 32);
            AssertWholeDiskEquals(disk, image.Bytes);
            WriteReadBack(disk, 0, 300, 2);
        }

        [Fact]
        public void ModernOnlyDevice()
        {
            using var machine = new QemuVirtioMachine(QemuMachine.Pc);
            DiskImage image = machine.AddDisk(SmallDisk, DiskBus.VirtioModern, slot: 5);
            machine.Start();
            VirtioBlockDevice disk = Assert.Single(machine.Devices);
            Assert.Equal("modern", disk.Transport.Kind);
            Assert.Equal("00:05.0", disk.Transport.Location);
            AssertWholeDiskEquals(disk, image.Bytes);
        }

        [Fact]
        public void LegacyOnlyDevice()
        {
            using var machine = new QemuVirtioMachine(QemuMachine.Pc);
            DiskImage image = machine.AddDisk(SmallDisk, DiskBus.Virtio, slot: 6, properties: "disable-modern=on");
            machine.Start();
            VirtioBlockDevice disk = Assert.Single(machine.Devices);
            Assert.Equal("legacy", disk.Transport.Kind);
            AssertWholeDiskEquals(disk, image.Bytes);
            WriteReadBack(disk, SmallDisk - 64, 64, 3);
        }

        [Fact]
        public void TwoDisksOnQ35TransitionalAndModern()
        {
            using var machine = new QemuVirtioMachine(QemuMachine.Q35);
            DiskImage first = machine.AddDisk(SmallDisk, DiskBus.Virtio, slot: 4);
            DiskImage second = machine.AddDisk(SmallDisk / 2, DiskBus.VirtioModern, slot: 5);
            machine.Start();
            Assert.Equal(2, machine.Devices.Count);
            AssertWholeDiskEquals(machine.Devices[0], first.Bytes);
            AssertWholeDiskEquals(machine.Devices[1], second.Bytes);
            WriteReadBack(machine.Devices[1], 7, 9, 4);
        }

        [Theory]
        [InlineData(QemuMachine.Pc)]
        [InlineData(QemuMachine.Q35)]
        public void FourDisksAreVdaToVdd(QemuMachine board)
        {
            using var machine = new QemuVirtioMachine(board);
            DiskImage[] images =
            {
                machine.AddDisk(SmallDisk / 2, DiskBus.Virtio, slot: 4),
                machine.AddDisk(SmallDisk / 4, DiskBus.VirtioModern, slot: 5),
                machine.AddDisk(SmallDisk / 8, DiskBus.Virtio, slot: 6, properties: "disable-modern=on"),
                machine.AddDisk(SmallDisk / 2, DiskBus.Virtio, readOnly: true, slot: 7),
            };
            machine.Start();
            var manager = new BlockDeviceManager(new ListLog());
            var devices = VirtioBlockDriver.RegisterAll(machine.Platform, manager, new VirtioBlockOptions());
            Assert.Equal(new[] { "vda", "vdb", "vdc", "vdd" }, devices.Select(d => d.Name).ToArray());
            for (int i = 0; i < 4; i++)
                AssertWholeDiskEquals(devices[i], images[i].Bytes);
            Assert.True(devices[3].IsReadOnly);
        }

        [Theory]
        [InlineData(QemuMachine.Pc, "pci-bridge,id=br1,chassis_nr=1,addr=6", "br1", "legacy")]
        [InlineData(QemuMachine.Q35, "pcie-root-port,id=rp1,chassis=1,addr=6", "rp1", "modern")]
        public void DiskBehindABridgeIsFound(QemuMachine board, string bridge, string bus, string kind)
        {
            using var machine = new QemuVirtioMachine(board);
            DiskImage onRoot = machine.AddDisk(SmallDisk / 4, DiskBus.Virtio, slot: 4);
            DiskImage behind = machine.NewImage(SmallDisk / 2);
            machine.Add("-device", bridge, "-drive", "file=" + behind.Path + ",format=raw,if=none,id=behind",
                "-device", "virtio-blk-pci,drive=behind,bus=" + bus + ",addr=0");
            machine.Start(new VirtioBlockOptions { PreferLegacy = kind == "legacy" });
            Assert.Equal(2, machine.Devices.Count);
            VirtioBlockDevice far = machine.Devices.Single(d => d.BlockCount == SmallDisk / 2);
            Assert.NotEqual("00", far.Transport.Location.Substring(0, 2));
            Assert.Equal(kind, far.Transport.Kind);
            AssertWholeDiskEquals(far, behind.Bytes);
            AssertWholeDiskEquals(machine.Devices.Single(d => d.BlockCount == SmallDisk / 4), onRoot.Bytes);
            WriteReadBack(far, 17, 33, 13);
        }

        [Theory]
        [InlineData(DiskBus.Virtio, "mmio v1")]
        [InlineData(DiskBus.VirtioModern, "mmio v2")]
        public void MicrovmMmioTransport(DiskBus bus, string kind)
        {
            using var machine = new QemuVirtioMachine(QemuMachine.Microvm);
            DiskImage first = machine.AddDisk(SmallDisk, bus);
            DiskImage second = machine.AddDisk(SmallDisk / 4, bus);
            machine.Start();
            Assert.Equal(2, machine.Devices.Count);
            Assert.All(machine.Devices, d => Assert.Equal(kind, d.Transport.Kind));
            // QEMU fills the mmio slots from the top, so match the disks by size.
            VirtioBlockDevice big = machine.Devices.Single(d => d.BlockCount == SmallDisk);
            VirtioBlockDevice small = machine.Devices.Single(d => d.BlockCount == SmallDisk / 4);
            AssertWholeDiskEquals(big, first.Bytes);
            AssertWholeDiskEquals(small, second.Bytes);
            WriteReadBack(big, 1000, 100, 5);
        }

        [Fact]
        public void ReadOnlyDriveRefusesWritesWithoutTouchingTheDevice()
        {
            using var machine = new QemuVirtioMachine(QemuMachine.Pc);
            DiskImage image = machine.AddDisk(SmallDisk, DiskBus.Virtio, readOnly: true, slot: 4);
            machine.Start();
            VirtioBlockDevice disk = Assert.Single(machine.Devices);
            Assert.True(disk.IsReadOnly);
            long before = machine.Platform.Counters.Snapshot().DeviceRegisterAccesses;
            var error = Assert.Throws<BlockDeviceException>(() => disk.Write(0, 1, new byte[512], 0));
            Assert.Contains("read-only", error.Message);
            Assert.Equal(before, machine.Platform.Counters.Snapshot().DeviceRegisterAccesses);
            AssertWholeDiskEquals(disk, image.Bytes);
        }

        [Fact]
        public void LogicalBlockSize4096()
        {
            using var machine = new QemuVirtioMachine(QemuMachine.Q35);
            DiskImage image = machine.AddDisk(SmallDisk, DiskBus.VirtioModern, slot: 4, properties: "logical_block_size=4096,physical_block_size=4096");
            machine.Start();
            VirtioBlockDevice disk = Assert.Single(machine.Devices);
            Assert.Equal(4096, disk.BlockSize);
            Assert.Equal((ulong)SmallDisk, disk.CapacitySectors);
            Assert.Equal((ulong)SmallDisk / 8, disk.BlockCount);
            AssertWholeDiskEquals(disk, image.Bytes);
            WriteReadBack(disk, 3, 5, 6);
        }

        [Fact]
        public void TenThousandRandomRequestsAgreeWithTheModel()
        {
            using var machine = new QemuVirtioMachine(QemuMachine.Pc);
            DiskImage image = machine.AddDisk(8192, DiskBus.Virtio, slot: 4);
            machine.Start();
            VirtioBlockDevice disk = Assert.Single(machine.Devices);
            byte[] model = (byte[])image.Bytes.Clone();
            Assert.Equal(0, RandomWorkload.Run(disk, model, 10000, 42, maxBlocks: 16));
            AssertWholeDiskEquals(disk, model);
            disk.Flush();
            Assert.Equal(model, File.ReadAllBytes(image.Path));
        }

        [Fact]
        public void InterruptModeCompletesOnTheIntxLine()
        {
            using var machine = new QemuVirtioMachine(QemuMachine.Q35);
            DiskImage image = machine.AddDisk(SmallDisk, DiskBus.Virtio, slot: 4);
            DiskImage slow = machine.AddThrottledDisk(SmallDisk / 4, 20, "virtio-blk-pci,addr=5");
            machine.Start(new VirtioBlockOptions { UseInterrupts = true, PreferLegacy = true });
            Assert.Equal(2, machine.Devices.Count);
            VirtioBlockDevice disk = machine.Devices[0];
            Assert.True(disk.UsesInterrupts);
            byte[] model = (byte[])image.Bytes.Clone();
            Assert.Equal(0, RandomWorkload.Run(disk, model, 500, 7));
            AssertWholeDiskEquals(disk, model);
            AssertCompletionsArriveByInterrupt(machine, machine.Devices[1], slow);
        }

        [Fact]
        public void InterruptModeOnMmio()
        {
            using var machine = new QemuVirtioMachine(QemuMachine.Microvm);
            DiskImage image = machine.AddDisk(SmallDisk, DiskBus.VirtioModern);
            DiskImage slow = machine.AddThrottledDisk(SmallDisk / 4, 20, "virtio-blk-device");
            machine.Start(new VirtioBlockOptions { UseInterrupts = true });
            Assert.Equal(2, machine.Devices.Count);
            VirtioBlockDevice disk = machine.Devices.Single(d => d.BlockCount == SmallDisk);
            Assert.True(disk.UsesInterrupts);
            byte[] model = (byte[])image.Bytes.Clone();
            Assert.Equal(0, RandomWorkload.Run(disk, model, 300, 8));
            AssertWholeDiskEquals(disk, model);
            AssertCompletionsArriveByInterrupt(machine, machine.Devices.Single(d => d.BlockCount == SmallDisk / 4), slow);
        }

        // On the throttled disk (20 requests/s) each request takes ~50 ms, so the driver sleeps on the line and
        // the completion arrives by interrupt: the handler reads ISR (non-zero) every time.
        private static void AssertCompletionsArriveByInterrupt(QemuVirtioMachine machine, VirtioBlockDevice disk, DiskImage image)
        {
            Assert.True(disk.UsesInterrupts);
            int line = disk.Transport.InterruptLine;
            long raisedBefore = machine.Platform.Interrupts.RaiseCount(line);
            int handledBefore = disk.HandledInterrupts;
            var sector = new byte[512];
            // QEMU lets a short burst through unthrottled (its bucket refills while the disk is
            // idle); after that each read takes ~50 ms and must complete by interrupt.
            int reads = 0;
            while (reads < 16 && disk.HandledInterrupts - handledBefore < 3)
            {
                disk.Read((ulong)(reads * 37), 1, sector, 0);
                Assert.Equal(image.Sector(reads * 37), sector);
                reads++;
            }
            Assert.True(disk.HandledInterrupts - handledBefore >= 3, (disk.HandledInterrupts - handledBefore) + " of " + reads + " completions came by interrupt");
            Assert.True(machine.Platform.Interrupts.RaiseCount(line) > raisedBefore, "the device raised its line");
        }

        [Fact]
        public void FlushedWritesSurviveSigkillOfQemu()
        {
            var machine = new QemuVirtioMachine(QemuMachine.Pc);
            try
            {
                DiskImage image = machine.AddDisk(SmallDisk, DiskBus.Virtio, slot: 4, properties: "write-cache=on");
                machine.Start();
                VirtioBlockDevice disk = Assert.Single(machine.Devices);
                Assert.True(disk.WriteCacheEnabled);
                var data = new byte[200 * 512];
                new Random(9).NextBytes(data);
                disk.Write(500, 200, data, 0);
                disk.Flush();
                machine.Kill();
                byte[] file = File.ReadAllBytes(image.Path);
                Assert.Equal(data, file.AsSpan(500 * 512, data.Length).ToArray());
                Assert.Equal(image.Bytes.AsSpan(0, 500 * 512).ToArray(), file.AsSpan(0, 500 * 512).ToArray());
            }
            finally
            {
                machine.Dispose();
            }
        }

        [Fact]
        public void LargeSequentialReadsCostAtMostFourRegisterAccessesPerMiB()
        {
            using var machine = new QemuVirtioMachine(QemuMachine.Pc);
            machine.AddDisk(8192, DiskBus.Virtio, slot: 4);
            machine.Start();
            VirtioBlockDevice disk = Assert.Single(machine.Devices);
            var result = EclipseOS.Benchmarks.VirtIO.VirtioReadBenchmark.Measure(machine.Platform, disk, 1, 1 << 20, 8 << 20);
            Assert.Equal(8, result.Requests);
            Assert.True(result.AccessesPerMiB <= 4, result.AccessesPerMiB + " register accesses per MiB");
            var batched = EclipseOS.Benchmarks.VirtIO.VirtioReadBenchmark.Measure(machine.Platform, disk, 16, 64 << 10, 8 << 20);
            Assert.True(batched.AccessesPerMiB <= 4, batched.AccessesPerMiB + " register accesses per MiB for 64 KiB requests at QD16");
        }

        [Fact]
        public void WriteZeroesDiscardAndWriteCacheSwitchOnQemu()
        {
            using var machine = new QemuVirtioMachine(QemuMachine.Pc);
            DiskImage image = machine.AddDisk(SmallDisk, DiskBus.VirtioModern, slot: 4);
            machine.Start();
            VirtioBlockDevice disk = Assert.Single(machine.Devices);
            Assert.True(disk.SupportsWriteZeroes, "QEMU offers WRITE_ZEROES");
            Assert.True(disk.SupportsDiscard, "QEMU offers DISCARD");
            disk.WriteZeroes(64, 128, allowUnmap: false);
            disk.Discard(1024, 64);
            var back = new byte[128 * 512];
            disk.Read(64, 128, back, 0);
            Assert.All(back, b => Assert.Equal(0, b));
            disk.Flush();
            byte[] file = File.ReadAllBytes(image.Path);
            Assert.All(file.AsSpan(64 * 512, back.Length).ToArray(), b => Assert.Equal(0, b));
            Assert.Equal(image.Bytes.AsSpan(0, 64 * 512).ToArray(), file.AsSpan(0, 64 * 512).ToArray());

            disk.SetWriteCache(false);
            Assert.False(disk.WriteCacheEnabled);
            WriteReadBack(disk, 10, 4, 12);
            disk.SetWriteCache(true);
            Assert.True(disk.WriteCacheEnabled);
        }

        /// <summary>Collects log lines.</summary>
        private sealed class ListLog : ILog
        {
            public System.Collections.Generic.List<string> Lines { get; } = new System.Collections.Generic.List<string>();

            public void WriteLine(string line) => Lines.Add(line);
        }

        /// <summary>A platform whose log goes to <see cref="ListLog"/>; everything else is QEMU's.</summary>
        private sealed class LoggingPlatform : IPlatform
        {
            private readonly IPlatform _inner;

            public LoggingPlatform(IPlatform inner, ILog log)
            {
                _inner = inner;
                Log = log;
            }

            public string Name => _inner.Name;
            public IPortIO Ports => _inner.Ports;
            public IPhysicalMemory Memory => _inner.Memory;
            public EclipseOS.Hal.Dma.IDma Dma => _inner.Dma;
            public EclipseOS.Hal.Pci.IPciConfigSpace Pci => _inner.Pci;
            public IInterrupts Interrupts => _inner.Interrupts;
            public IClock Clock => _inner.Clock;
            public ILog Log { get; }
            public System.Collections.Generic.IReadOnlyList<PlatformDevice> PlatformDevices => _inner.PlatformDevices;
            public void MemoryBarrier() => _inner.MemoryBarrier();
        }
    }
}
