using System;
using System.IO;
using System.Linq;
using EclipseOS.Cli.Disks;
using EclipseOS.Platform.Qtest.Options;
using EclipseOS.Platform.Qtest.Qmp;
using EclipseOS.Storage;
using Xunit;

namespace EclipseOS.Tests.Faults
{
    /// <summary>
    /// Faults made by QEMU's real device models, not by a fake: blkdebug fails reads or writes of
    /// chosen sectors and the device model reports them (rerror/werror=report). On every bus the
    /// driver must name the device and the failing sector, read and write the sectors around it
    /// correctly, keep working afterwards and never hang. And a flush must really reach QEMU: the
    /// drive's flush_operations counter (QMP query-blockstats) grows, or the test fails.
    /// </summary>
    public sealed class InjectedErrorTests : IDisposable
    {
        private const int Sectors = 8192;
        private const ulong BadSector = 1000;
        private const int BadCount = 4;
        private readonly string _image;
        private readonly byte[] _bytes;

        public InjectedErrorTests()
        {
            _image = Path.Combine(Path.GetTempPath(), "eclipse-faults-" + Guid.NewGuid().ToString("N") + ".img");
            _bytes = new byte[Sectors * 512];
            new Random(31).NextBytes(_bytes);
            File.WriteAllBytes(_image, _bytes);
        }

        public void Dispose() => File.Delete(_image);

        public static TheoryData<string> Buses => new TheoryData<string> { "virtio", "ide", "ahci", "nvme" };

        internal static OpenedDisk Open(string bus, string image, params InjectedError[] errors) => bus switch
        {
            "virtio" => VirtioDiskOpener.Open(image, null, null, false, errors),
            "ide" => IdeDiskOpener.Open(image, 0, false, false, false, errors),
            "ahci" => AhciDiskOpener.Open(image, "q35", polling: false, errors),
            "nvme" => NvmeDiskOpener.Open(image, "pc", polling: false, errors),
            _ => throw new ArgumentException(bus),
        };

        private byte[] Expected(ulong lba, int sectors) => _bytes.AsSpan((int)lba * 512, sectors * 512).ToArray();

        [Theory]
        [MemberData(nameof(Buses))]
        public void AReadOfABadSectorFailsNamingDeviceAndSector_AndTheDiskGoesOn(string bus)
        {
            using OpenedDisk disk = Open(bus, _image, new InjectedError(InjectedErrorKind.Read, BadSector, BadCount));
            IBlockDevice device = disk.Device;

            var one = new byte[512];
            var error = Assert.ThrowsAny<Exception>(() => device.Read(BadSector, 1, one, 0));
            Assert.Contains(device.Name, error.Message);
            Assert.Contains(BadSector.ToString(), error.Message);

            // A request that only touches the bad range somewhere in its middle fails too.
            var span = new byte[16 * 512];
            Assert.ThrowsAny<Exception>(() => device.Read(BadSector - 6, 16, span, 0));

            // The sectors right before and after, and the rest of the disk, read correctly afterwards.
            var before = new byte[8 * 512];
            device.Read(BadSector - 8, 8, before, 0);
            Assert.True(before.AsSpan().SequenceEqual(Expected(BadSector - 8, 8)), "the sectors before the bad ones differ");
            var after = new byte[8 * 512];
            device.Read(BadSector + BadCount, 8, after, 0);
            Assert.True(after.AsSpan().SequenceEqual(Expected(BadSector + BadCount, 8)), "the sectors after the bad ones differ");
            var tail = new byte[(Sectors - 2048) * 512];
            device.Read(2048, Sectors - 2048, tail, 0);
            Assert.True(tail.AsSpan().SequenceEqual(Expected(2048, Sectors - 2048)), "the disk reads wrong after the error");
        }

        [Theory]
        [MemberData(nameof(Buses))]
        public void AWriteOfABadSectorFailsNamingDeviceAndSector_TheOthersLand(string bus)
        {
            var pattern = new byte[8 * 512];
            new Random(8).NextBytes(pattern);
            using (OpenedDisk disk = Open(bus, _image, new InjectedError(InjectedErrorKind.Write, BadSector)))
            {
                IBlockDevice device = disk.Device;
                var error = Assert.ThrowsAny<Exception>(() => device.Write(BadSector, 1, pattern, 0));
                Assert.Contains(device.Name, error.Message);
                Assert.Contains(BadSector.ToString(), error.Message);
                device.Write(BadSector + 1, 8, pattern, 0);
                device.Write(BadSector - 8, 8, pattern, 0);
                device.Flush();
                var back = new byte[8 * 512];
                device.Read(BadSector + 1, 8, back, 0);
                Assert.True(back.AsSpan().SequenceEqual(pattern), "a write next to the bad sector did not read back");
            }
            byte[] after = File.ReadAllBytes(_image);
            Assert.True(after.AsSpan((int)(BadSector + 1) * 512, pattern.Length).SequenceEqual(pattern), "the write after the bad sector is not in the image");
            Assert.True(after.AsSpan((int)(BadSector - 8) * 512, pattern.Length).SequenceEqual(pattern), "the write before the bad sector is not in the image");
            Assert.True(after.AsSpan((int)BadSector * 512, 512).SequenceEqual(_bytes.AsSpan((int)BadSector * 512, 512)), "the bad sector changed");
        }

        [Theory]
        [MemberData(nameof(Buses))]
        public void AFlushReachesQemu_AFailingFlushIsReported_AndTheDiskGoesOn(string bus)
        {
            using OpenedDisk disk = Open(bus, _image, InjectedError.Parse("flush"));
            var data = new byte[8 * 512];
            new Random(5).NextBytes(data);
            // The ATA driver flushes after every write (it has no other moment to), so there the write fails.
            var error = Assert.ThrowsAny<Exception>(() =>
            {
                disk.Device.Write(300, 8, data, 0);
                disk.Device.Flush();
            });
            Assert.Contains("FLUSH", error.Message.ToUpperInvariant());
            Assert.Contains(disk.Device.Name, error.Message);
            var back = new byte[8 * 512];
            disk.Device.Read(300, 8, back, 0);
            Assert.True(back.AsSpan().SequenceEqual(data), bus + ": the disk reads wrong after a failed flush");
        }

        /// <summary>QEMU 7.2's NVMe model flushes without accounting it (nvme_flush_ns_cb calls blk_aio_flush, no block_acct_start): its counter proves nothing.</summary>
        public static TheoryData<string> BusesThatCountFlushes => new TheoryData<string> { "virtio", "ide", "ahci" };

        [Theory]
        [MemberData(nameof(BusesThatCountFlushes))]
        public void AFlushReachesQemu_ItsFlushCounterGrows(string bus)
        {
            using OpenedDisk disk = Open(bus, _image);
            QemuBlockStats Stats() => Assert.Single(disk.Platform.BlockStats());
            var data = new byte[64 * 512];
            new Random(4).NextBytes(data);
            disk.Device.Write(100, 64, data, 0);
            QemuBlockStats written = Stats();
            Assert.True(written.WriteOperations > 0, bus + ": QEMU counted no write");
            disk.Device.Flush();
            QemuBlockStats flushed = Stats();
            Assert.True(flushed.FlushOperations > written.FlushOperations, bus + ": Flush() did not make QEMU flush (" + written.FlushOperations + " before, " + flushed.FlushOperations + " after)");
        }
    }
}
