using System;
using System.Collections.Generic;
using EclipseOS.Storage;
using EclipseOS.Storage.Host;
using EclipseOS.Storage.Partitions;
using Xunit;

namespace EclipseOS.Tests.Storage
{
    [Collection(ToolImagesCollection.Name)]
    public class MbrPartitionTableTests
    {
        private const int FirstEbr = 8192;
        private readonly ToolImages _images;

        public MbrPartitionTableTests(ToolImages images)
        {
            _images = images;
        }

        private static void SetU32(byte[] image, long at, uint value) => GptImage.SetU32(image, at, value);

        /// <summary>Byte offset of field <paramref name="field"/> of entry <paramref name="slot"/> (1-4) of the boot record at <paramref name="lba"/>.</summary>
        private static long EntryField(long lba, int slot, int field) => lba * 512 + 446 + (slot - 1) * 16 + field;

        private static PartitionTableException Rejects(byte[] image)
            => Assert.Throws<PartitionTableException>(() => PartitionTableReader.Read(new RamDisk(image, 512, true) { Name = "hda" }));

        [Fact]
        public void ReadsSfdiskImageExactlyAsSfdiskDumpsIt()
        {
            List<ToolPartition> expected = PartitionTool.SfdiskDump(_images.Mbr);
            Assert.Equal(new[] { 1, 2, 3, 5, 6, 7 }, expected.ConvertAll(p => p.Number));
            using var disk = new FileBlockDevice(_images.Mbr, 512, readOnly: true);
            PartitionTable table = PartitionTableReader.Read(disk);
            Assert.Equal(PartitionScheme.Mbr, table.Scheme);
            Assert.Equal(expected.Count, table.Partitions.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                ToolPartition tool = expected[i];
                PartitionInfo ours = table.Partitions[i];
                Assert.Equal((tool.Number, tool.Start, tool.End, Convert.ToByte(tool.Type, 16), tool.Bootable),
                    (ours.Number, ours.FirstLba, ours.LastLba, ours.MbrType, ours.Bootable));
                Assert.Equal(tool.Type == "5", ours.IsExtended);
            }
        }

        [Fact]
        public void ReadsFdisk4096ByteSectorMbrExactlyAsFdiskListsIt()
        {
            List<ToolPartition> expected = PartitionTool.FdiskDos(_images.Mbr4096, 4096);
            Assert.Equal(new[] { 1, 2, 5, 6 }, expected.ConvertAll(p => p.Number));
            using var disk = new FileBlockDevice(_images.Mbr4096, 4096, readOnly: true);
            PartitionTable table = PartitionTableReader.Read(disk);
            Assert.Equal(PartitionScheme.Mbr, table.Scheme);
            Assert.Equal(expected.ConvertAll(p => (p.Number, p.Start, p.End, Convert.ToByte(p.Type, 16))),
                table.Partitions.ConvertAll(p => (p.Number, p.FirstLba, p.LastLba, p.MbrType)));
        }

        [Fact]
        public void NoSignatureOrABootSectorMeansNoTable()
        {
            byte[] image = _images.Bytes(_images.Mbr);
            image[446] = 0x12; // boot flag that no MBR has: LBA 0 is some filesystem's boot sector
            PartitionTable table = PartitionTableReader.Read(new RamDisk(image, 512, true));
            Assert.Equal(PartitionScheme.None, table.Scheme);
            Assert.Contains("entry 1 has boot flag 0x12", table.Warnings[0]);
            image[511] = 0;
            Assert.Contains("no 0x55AA signature", PartitionTableReader.Read(new RamDisk(image, 512, true)).Warnings[0]);
            Assert.Equal(PartitionScheme.None, PartitionTableReader.Read(new RamDisk(512, 64)).Scheme);
        }

        [Fact]
        public void PrimaryPastTheEndOfTheDiskIsAClearError()
        {
            byte[] image = _images.Bytes(_images.Mbr);
            SetU32(image, EntryField(0, 2, 12), 1_000_000);
            Assert.Equal("hda: block 0: MBR entry 2: LBAs 6144-1006143 run past the end of the disk (32768 blocks)", Rejects(image).Message);
        }

        [Fact]
        public void PrimaryInsideTheMbrIsAClearError()
        {
            byte[] image = _images.Bytes(_images.Mbr);
            SetU32(image, EntryField(0, 1, 8), 0);
            Assert.Equal("hda: block 0: MBR entry 1: starts at LBA 0, before LBA 1 (inside the MBR)", Rejects(image).Message);
        }

        [Fact]
        public void OverlappingPrimariesAreAClearError()
        {
            byte[] image = _images.Bytes(_images.Mbr);
            SetU32(image, EntryField(0, 2, 8), 5000);
            Assert.Equal("hda: block 0: MBR entries: partitions 1 (LBAs 2048-6143) and 2 (LBAs 5000-7047) overlap", Rejects(image).Message);
        }

        [Fact]
        public void EbrChainThatLoopsIsAClearError()
        {
            byte[] image = _images.Bytes(_images.Mbr);
            // The second EBR's link points back at the first (relative to the extended partition: 0).
            long secondEbr = FirstEbr + (long)BitConverter.ToUInt32(image, (int)EntryField(FirstEbr, 2, 8));
            SetU32(image, EntryField(secondEbr, 2, 8), 0);
            image[EntryField(secondEbr, 2, 4)] = 0x05;
            SetU32(image, EntryField(secondEbr, 2, 12), 100);
            Assert.Equal("hda: block " + secondEbr + ": EBR at LBA " + secondEbr + " links back to the EBR at LBA 8192: the chain loops", Rejects(image).Message);
        }

        [Fact]
        public void EbrLinkOutsideTheExtendedPartitionIsAClearError()
        {
            byte[] image = _images.Bytes(_images.Mbr);
            SetU32(image, EntryField(FirstEbr, 2, 8), 30000);
            Assert.Equal("hda: block 8192: EBR at LBA 8192 links to an EBR at LBA 38192, outside the extended partition (LBAs 8192-28671)", Rejects(image).Message);
        }

        [Fact]
        public void LogicalPartitionPastTheExtendedPartitionIsAClearError()
        {
            byte[] image = _images.Bytes(_images.Mbr);
            SetU32(image, EntryField(FirstEbr, 1, 12), 25000);
            Assert.Equal("hda: block 8192: logical partition 5 (EBR at LBA 8192): LBAs 10240-35239 run past the end of the extended partition (LBA 28671)", Rejects(image).Message);
        }

        [Fact]
        public void EbrWithoutSignatureIsAClearError()
        {
            byte[] image = _images.Bytes(_images.Mbr);
            image[FirstEbr * 512 + 510] = 0;
            Assert.Equal("hda: block 8192: EBR at LBA 8192 (reached from MBR entry 3) has no 0x55AA signature", Rejects(image).Message);
        }

        [Fact]
        public void ProtectiveEntryMeansGpt()
        {
            byte[] image = _images.Bytes(_images.Gpt512);
            Assert.Equal(PartitionScheme.Gpt, PartitionTableReader.Read(new RamDisk(image, 512, true)).Scheme);
        }
    }
}
