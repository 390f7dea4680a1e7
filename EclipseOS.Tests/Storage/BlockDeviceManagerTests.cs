using System;
using System.Collections.Generic;
using EclipseOS.Platform.Fake;
using EclipseOS.Storage;
using EclipseOS.Storage.Partitions;
using Xunit;

namespace EclipseOS.Tests.Storage
{
    [Collection(ToolImagesCollection.Name)]
    public class BlockDeviceManagerTests
    {
        private readonly ToolImages _images;

        public BlockDeviceManagerTests(ToolImages images)
        {
            _images = images;
        }

        private RamDisk Gpt() => new RamDisk(_images.Bytes(_images.Gpt512), 512, false);

        private RamDisk Mbr() => new RamDisk(_images.Bytes(_images.Mbr), 512, false);

        private static List<string> Names(BlockDeviceManager manager) => new List<IBlockDevice>(manager.Devices).ConvertAll(d => d.Name);

        /// <summary>Records every device it is offered; claims those whose first byte is its marker.</summary>
        private sealed class RecordingProbe : IFileSystemProbe
        {
            private readonly byte _marker;

            public RecordingProbe(string name, byte marker)
            {
                FileSystemName = name;
                _marker = marker;
            }

            public string FileSystemName { get; }

            public List<string> Offered { get; } = new List<string>();

            public bool Probe(IBlockDevice device)
            {
                Offered.Add(device.Name);
                var block = new byte[device.BlockSize];
                device.Read(0, 1, block, 0);
                return block[0] == _marker;
            }
        }

        [Fact]
        public void OrdersByClassWhateverTheRegistrationOrderAndNamesByClass()
        {
            var log = new FakeLog();
            var manager = new BlockDeviceManager(log);
            Assert.Equal("ram0", manager.Register(new RamDisk(512, 16), DeviceClass.RamDisk));
            Assert.Equal("hda", manager.Register(new RamDisk(512, 16), DeviceClass.Ata));
            Assert.Equal("vda", manager.Register(Gpt(), DeviceClass.VirtIO));
            Assert.Equal("cd0", manager.Register(new RamDisk(2048, 16), DeviceClass.Atapi));
            Assert.Equal("hdb", manager.Register(Mbr(), DeviceClass.Ata));
            Assert.Equal("vdb", manager.Register(new RamDisk(512, 16), DeviceClass.VirtIO));
            Assert.Equal("ram1", manager.Register(Gpt(), DeviceClass.RamDisk));
            Assert.Equal(new List<string>
            {
                "vda", "vda1", "vda2", "vda3", "vda5", "vdb",
                "hda", "cd0", "hdb", "hdb1", "hdb2", "hdb5", "hdb6", "hdb7",
                "ram0", "ram1", "ram1p1", "ram1p2", "ram1p3", "ram1p5",
            }, Names(manager));
            Assert.Equal(new[] { "vda", "vdb", "hda", "cd0", "hdb", "ram0", "ram1" }, new List<RegisteredDisk>(manager.Disks).ConvertAll(d => d.Device.Name));
            Assert.Equal(PartitionScheme.Gpt, manager.FindDisk("vda")!.Table.Scheme);
            Assert.Equal(PartitionScheme.Mbr, manager.FindDisk("hdb")!.Table.Scheme);
            Assert.Same(manager.Devices[1], manager.Find("vda1"));
            Assert.Null(manager.Find("vdc"));
            Assert.True(log.Contains("vda: GPT, 4 partition(s), disk GUID "));
            Assert.True(log.Contains("vda1: LBAs 2048-4095 (1M), type 0FC63DAF-8483-4772-8E79-3D69D8477DE4 (Linux filesystem), \"root fs\""));
            Assert.True(log.Contains("hdb: extended partition 3 at LBAs 8192-28671 holds the logical partitions"));
            Assert.True(log.Contains("cd0: ATAPI drive, 16 blocks of 2048 bytes (32K)"));
        }

        [Fact]
        public void DiskLettersContinuePastZ()
        {
            var manager = new BlockDeviceManager(new FakeLog());
            string last = "";
            for (int i = 0; i < 28; i++)
                last = manager.Register(new RamDisk(512, 1), DeviceClass.VirtIO);
            Assert.Equal("vdab", last);
            Assert.Equal("vdz", manager.Devices[25].Name);
        }

        [Fact]
        public void RegisteringTheSameDeviceTwiceIsRefused()
        {
            var manager = new BlockDeviceManager(new FakeLog());
            var disk = new RamDisk(512, 4);
            manager.Register(disk, DeviceClass.VirtIO);
            Assert.Throws<InvalidOperationException>(() => manager.Register(disk, DeviceClass.VirtIO));
        }

        [Fact]
        public void PartitionsAreBoundsCheckedWindowsOfTheirDisk()
        {
            var manager = new BlockDeviceManager(new FakeLog());
            RamDisk disk = Gpt();
            manager.Register(disk, DeviceClass.VirtIO);
            IBlockDevice vda1 = manager.Find("vda1")!;
            Assert.Equal(2048UL, vda1.BlockCount);
            Assert.Equal("root fs", vda1.Description);

            var block = new byte[512];
            block[0] = 0xAB;
            vda1.Write(2047, 1, block, 0);
            Assert.Equal(0xAB, disk.Data[(2048 + 2047) * 512]);
            var back = new byte[512];
            vda1.Read(2047, 1, back, 0);
            Assert.Equal(0xAB, back[0]);

            var e = Assert.Throws<BlockDeviceException>(() => vda1.Read(2047, 2, new byte[1024], 0));
            Assert.Equal("vda1", e.Device);
            Assert.Equal(2047UL, e.Lba);
            Assert.Contains("run past the end of the device (2048 blocks)", e.Message);
            e = Assert.Throws<BlockDeviceException>(() => vda1.Write(2048, 1, block, 0));
            Assert.Equal(("vda1", 2048UL), (e.Device, e.Lba));
            Assert.Equal(0, disk.Data[(2048 + 2048) * 512]); // vda2's first block untouched
        }

        [Fact]
        public void ReadOnlyDiskGivesReadOnlyPartitions()
        {
            var manager = new BlockDeviceManager(new FakeLog());
            manager.Register(new RamDisk(_images.Bytes(_images.Mbr), 512, true), DeviceClass.Ata);
            IBlockDevice hda5 = manager.Find("hda5")!;
            Assert.True(hda5.IsReadOnly);
            var e = Assert.Throws<BlockDeviceException>(() => hda5.Write(0, 1, new byte[512], 0));
            Assert.Equal("hda5: block 0: device is read-only", e.Message);
        }

        [Fact]
        public void DamagedTableIsLoggedNotThrownAndTheDiskIsNotProbed()
        {
            byte[] image = _images.Bytes(_images.Gpt512);
            image[512 + 16] ^= 1;
            image[image.Length - 512 + 16] ^= 1;
            var log = new FakeLog();
            var manager = new BlockDeviceManager(log);
            var probe = new RecordingProbe("anyfs", 0);
            manager.AddProbe(probe);
            Assert.Equal("vda", manager.Register(new RamDisk(image, 512, true), DeviceClass.VirtIO));
            Assert.Equal(new List<string> { "vda" }, Names(manager));
            Assert.StartsWith("vda: block 1: no usable GPT", manager.FindDisk("vda")!.ScanError);
            Assert.True(log.Contains("vda: partition table unusable, no partitions registered: vda: block 1: no usable GPT: primary header at LBA 1: HeaderCRC32"));
            Assert.Empty(manager.ProbeFileSystems());
            Assert.Empty(probe.Offered);
            Assert.True(log.Contains("vda: not probed for filesystems: its partition table is unusable"));
        }

        [Fact]
        public void IoErrorDuringScanIsLoggedNotThrown()
        {
            var log = new FakeLog();
            var manager = new BlockDeviceManager(log);
            Assert.Equal("hda", manager.Register(new FailingDisk(), DeviceClass.Ata));
            Assert.True(log.Contains("hda: partition table unusable, no partitions registered: hda: block 0: medium error"));
        }

        [Fact]
        public void ProbesSeeEveryPartitionAndWholeDisksWithoutATable()
        {
            RamDisk gpt = Gpt();
            gpt.Data[4096 * 512] = 0xEC; // vda2 holds "eclipse"
            RamDisk bare = new RamDisk(512, 64);
            bare.Data[0] = 0xEC; // a whole-disk filesystem
            var log = new FakeLog();
            var manager = new BlockDeviceManager(log);
            var other = new RecordingProbe("otherfs", 0x77);
            var eclipse = new RecordingProbe("eclipsefs", 0xEC);
            manager.AddProbe(other);
            manager.AddProbe(eclipse);
            manager.Register(bare, DeviceClass.RamDisk);
            manager.Register(gpt, DeviceClass.VirtIO);
            manager.Register(new RamDisk(2048, 8), DeviceClass.Atapi);

            List<FileSystemMatch> matches = manager.ProbeFileSystems();
            Assert.Equal(new[] { "vda1", "vda2", "vda3", "vda5", "cd0", "ram0" }, other.Offered);
            Assert.Equal(other.Offered, eclipse.Offered);
            Assert.Equal(new[] { ("vda2", "eclipsefs"), ("ram0", "eclipsefs") }, matches.ConvertAll(m => (m.Device.Name, m.Probe.FileSystemName)));
            Assert.True(log.Contains("vda2: eclipsefs filesystem"));
        }

        [Fact]
        public void FirstProbeToClaimWinsAndProbeIoErrorsAreLogged()
        {
            var log = new FakeLog();
            var manager = new BlockDeviceManager(log);
            var first = new RecordingProbe("first", 0);
            var second = new RecordingProbe("second", 0);
            manager.AddProbe(new FailingProbe());
            manager.AddProbe(first);
            manager.AddProbe(second);
            manager.Register(new RamDisk(512, 8), DeviceClass.RamDisk);
            List<FileSystemMatch> matches = manager.ProbeFileSystems();
            Assert.Equal(new[] { ("ram0", "first") }, matches.ConvertAll(m => (m.Device.Name, m.Probe.FileSystemName)));
            Assert.Empty(second.Offered);
            Assert.True(log.Contains("ram0: failing probe failed: ram0: block 0: medium error"));
        }

        /// <summary>A probe whose read fails, as it would on a disk with a bad first block.</summary>
        private sealed class FailingProbe : IFileSystemProbe
        {
            public string FileSystemName => "failing";

            public bool Probe(IBlockDevice device) => throw new BlockDeviceException(device.Name, 0, "medium error");
        }

        [Fact]
        public void PartitionNamesFollowLinux()
        {
            Assert.Equal("vda1", BlockDeviceManager.PartitionName("vda", 1));
            Assert.Equal("ram0p2", BlockDeviceManager.PartitionName("ram0", 2));
            Assert.Equal("cd1p5", BlockDeviceManager.PartitionName("cd1", 5));
        }

        [Fact]
        public void NvmeNamespacesAreNamedByControllerAndNamespaceId_AndListedAfterVirtioBeforeSata()
        {
            var manager = new BlockDeviceManager(new FakeLog());
            Assert.Equal("sda", manager.Register(new RamDisk(512, 16), DeviceClass.Sata));
            Assert.Equal("nvme1n1", manager.RegisterNamespace(new RamDisk(512, 16), 1, 1));
            Assert.Equal("nvme0n2", manager.RegisterNamespace(new RamDisk(512, 16), 0, 2));
            Assert.Equal("vda", manager.Register(new RamDisk(512, 16), DeviceClass.VirtIO));
            Assert.Equal("nvme0n1", manager.RegisterNamespace(Gpt(), 0, 1));
            Assert.Equal(DeviceClass.Nvme, manager.FindDisk("nvme0n1")!.DeviceClass);
            List<string> names = Names(manager);
            Assert.Equal("vda", names[0]);
            Assert.Equal(new[] { "nvme1n1", "nvme0n2", "nvme0n1" }, new[] { names[1], names[2], names[3] });
            Assert.StartsWith("nvme0n1p", names[4]);
            Assert.Equal("sda", names[names.Count - 1]);
        }

        [Fact]
        public void NvmePartitionsTakeAPSeparator_OtherNamesUnchanged()
        {
            var manager = new BlockDeviceManager(new FakeLog());
            manager.RegisterNamespace(Gpt(), 0, 1);
            RegisteredDisk disk = manager.FindDisk("nvme0n1")!;
            Assert.NotEmpty(disk.Partitions);
            for (int i = 0; i < disk.Partitions.Count; i++)
                Assert.Equal("nvme0n1p" + disk.Partitions[i].Info.Number, disk.Partitions[i].Name);
            Assert.Equal("nvme0n1p1", BlockDeviceManager.PartitionName(BlockDeviceManager.NvmeName(0, 1), 1));
            Assert.Equal("nvme12n3p10", BlockDeviceManager.PartitionName("nvme12n3", 10));
            Assert.Equal("sda1", BlockDeviceManager.PartitionName("sda", 1));
            Assert.Equal("vdb2", BlockDeviceManager.PartitionName("vdb", 2));
        }

        [Fact]
        public void NvmeNamesAreRefusedThroughRegister_AndTakenNamesTwice()
        {
            var manager = new BlockDeviceManager(new FakeLog());
            Assert.Throws<ArgumentException>(() => manager.Register(new RamDisk(512, 16), DeviceClass.Nvme));
            manager.RegisterNamespace(new RamDisk(512, 16), 0, 1);
            Assert.Throws<InvalidOperationException>(() => manager.RegisterNamespace(new RamDisk(512, 16), 0, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => manager.RegisterNamespace(new RamDisk(512, 16), 0, 0));
        }

        /// <summary>A disk whose every read fails, as a dying drive's would.</summary>
        private sealed class FailingDisk : IBlockDevice
        {
            public string Name { get; set; } = "failing";
            public int BlockSize => 512;
            public ulong BlockCount => 100;
            public bool IsReadOnly => true;
            public string Description => "";
            public void Read(ulong lba, int blockCount, byte[] buffer, int offset) => throw new BlockDeviceException(Name, lba, "medium error");
            public void Write(ulong lba, int blockCount, byte[] buffer, int offset) => throw new BlockDeviceException(Name, lba, "medium error");
            public void Flush()
            {
            }
        }
    }
}
