using System;
using System.Collections.Generic;
using EclipseOS.Storage;
using EclipseOS.Storage.Host;
using EclipseOS.Storage.Partitions;
using Xunit;

namespace EclipseOS.Tests.Storage
{
    [Collection(ToolImagesCollection.Name)]
    public class GptPartitionTableTests
    {
        private readonly ToolImages _images;

        public GptPartitionTableTests(ToolImages images)
        {
            _images = images;
        }

        private static void AssertSameAsTool(List<ToolPartition> expected, string expectedDiskGuid, PartitionTable table)
        {
            Assert.Equal(PartitionScheme.Gpt, table.Scheme);
            Assert.Equal(expectedDiskGuid, table.DiskGuid);
            Assert.Equal(expected.Count, table.Partitions.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                ToolPartition tool = expected[i];
                PartitionInfo ours = table.Partitions[i];
                Assert.Equal((tool.Number, tool.Start, tool.End, tool.Type, tool.UniqueGuid, tool.Name),
                    (ours.Number, ours.FirstLba, ours.LastLba, ours.TypeGuid, ours.UniqueGuid, ours.Name));
            }
        }

        [Fact]
        public void ReadsSgdiskImageExactlyAsSgdiskPrintsIt()
        {
            var (diskGuid, expected) = PartitionTool.Sgdisk(_images.Gpt512);
            Assert.Equal(new[] { 1, 2, 3, 5 }, expected.ConvertAll(p => p.Number));
            Assert.Equal("root fs", expected[0].Name);
            using var disk = new FileBlockDevice(_images.Gpt512, 512, readOnly: true);
            PartitionTable table = PartitionTableReader.Read(disk);
            AssertSameAsTool(expected, diskGuid, table);
            Assert.Empty(table.Warnings);
        }

        [Fact]
        public void ReadsFdisk4096ByteSectorImageExactlyAsFdiskPrintsIt()
        {
            var (diskGuid, expected) = PartitionTool.FdiskGpt(_images.Gpt4096, 4096);
            Assert.Equal(2, expected.Count);
            Assert.Equal("root four", expected[0].Name);
            using var disk = new FileBlockDevice(_images.Gpt4096, 4096, readOnly: true);
            PartitionTable table = PartitionTableReader.Read(disk);
            AssertSameAsTool(expected, diskGuid, table);
            Assert.Empty(table.Warnings);
        }

        [Fact]
        public void DamagedPrimaryHeaderFallsBackToBackupAndSaysWhy()
        {
            byte[] image = _images.Bytes(_images.Gpt512);
            image[512 + 40] ^= 0x01; // FirstUsableLBA, without fixing the CRC
            PartitionTable table = PartitionTableReader.Read(new RamDisk(image, 512, true));
            var (diskGuid, expected) = PartitionTool.Sgdisk(_images.Gpt512);
            AssertSameAsTool(expected, diskGuid, table);
            string warning = Assert.Single(table.Warnings);
            Assert.Contains("primary GPT at LBA 1 is damaged (HeaderCRC32 is 0x", warning);
            Assert.Contains("using the backup at LBA " + (image.Length / 512 - 1), warning);
        }

        [Fact]
        public void DamagedPrimaryOn4096ByteSectorsFallsBackToBackup()
        {
            byte[] image = _images.Bytes(_images.Gpt4096);
            Array.Clear(image, 4096, 8); // signature
            PartitionTable table = PartitionTableReader.Read(new RamDisk(image, 4096, true));
            Assert.Equal(2, table.Partitions.Count);
            Assert.Contains("signature is not \"EFI PART\"", table.Warnings[0]);
        }

        [Fact]
        public void DamagedBackupBehindAGoodPrimaryIsReported()
        {
            byte[] image = _images.Bytes(_images.Gpt512);
            long backupEntry = GptImage.Entry(image, GptImage.BackupHeader(image, 512), 512, 0);
            image[backupEntry + 56] ^= 0x20;
            PartitionTable table = PartitionTableReader.Read(new RamDisk(image, 512, true));
            Assert.Equal("root fs", table.Partitions[0].Name);
            string warning = Assert.Single(table.Warnings);
            Assert.StartsWith("backup GPT at LBA 16383 is damaged (PartitionEntryArrayCRC32 is 0x", warning);

            GptImage.ResealHeader(image, GptImage.BackupHeader(image, 512), 512); // a consistent backup that disagrees
            warning = Assert.Single(PartitionTableReader.Read(new RamDisk(image, 512, true)).Warnings);
            Assert.StartsWith("backup GPT at LBA 16383 lists different partitions from the primary", warning);
        }

        [Fact]
        public void UnreadablePrimaryHeaderFallsBackToBackup()
        {
            var disk = new BadBlockDisk(new RamDisk(_images.Bytes(_images.Gpt512), 512, true), 1) { Name = "vda" };
            PartitionTable table = PartitionTableReader.Read(disk);
            Assert.Equal(4, table.Partitions.Count);
            Assert.Equal("primary GPT at LBA 1 is damaged (cannot be read (vda: block 1: unrecoverable read error)); using the backup at LBA 16383", Assert.Single(table.Warnings));
        }

        /// <summary>A disk with one unreadable block, as a failing drive has.</summary>
        private sealed class BadBlockDisk : IBlockDevice
        {
            private readonly IBlockDevice _inner;
            private readonly ulong _bad;

            public BadBlockDisk(IBlockDevice inner, ulong bad)
            {
                _inner = inner;
                _bad = bad;
            }

            public string Name { get; set; } = "bad";
            public int BlockSize => _inner.BlockSize;
            public ulong BlockCount => _inner.BlockCount;
            public bool IsReadOnly => true;
            public string Description => "";

            public void Read(ulong lba, int blockCount, byte[] buffer, int offset)
            {
                if (lba <= _bad && _bad < lba + (ulong)blockCount) throw new BlockDeviceException(Name, _bad, "unrecoverable read error");
                _inner.Read(lba, blockCount, buffer, offset);
            }

            public void Write(ulong lba, int blockCount, byte[] buffer, int offset) => throw new BlockDeviceException(Name, lba, "read-only");

            public void Flush()
            {
            }
        }

        [Fact]
        public void BothHeadersDamagedIsAClearError()
        {
            byte[] image = _images.Bytes(_images.Gpt512);
            image[512 + 16] ^= 0xFF;
            image[image.Length - 512] = (byte)'X';
            var e = Assert.Throws<PartitionTableException>(() => PartitionTableReader.Read(new RamDisk(image, 512, true) { Name = "vdz" }));
            Assert.StartsWith("vdz: block 1: no usable GPT: primary header at LBA 1: HeaderCRC32 is 0x", e.Message);
            Assert.Contains("backup header at LBA 16383: signature is not \"EFI PART\"", e.Message);
        }

        [Fact]
        public void DamagedPrimaryEntryArrayFallsBackToBackupAndBothIsAnError()
        {
            byte[] image = _images.Bytes(_images.Gpt512);
            image[2 * 512 + 56] ^= 0x20; // the name of entry 1 in the primary array
            PartitionTable table = PartitionTableReader.Read(new RamDisk(image, 512, true));
            Assert.Equal("root fs", table.Partitions[0].Name);
            Assert.Contains("PartitionEntryArrayCRC32 is 0x", table.Warnings[0]);

            long backupEntry = GptImage.Entry(image, GptImage.BackupHeader(image, 512), 512, 0);
            image[backupEntry + 56] ^= 0x20;
            var e = Assert.Throws<PartitionTableException>(() => PartitionTableReader.Read(new RamDisk(image, 512, true)));
            Assert.Contains("backup header at LBA 16383: PartitionEntryArrayCRC32 is 0x", e.Message);
        }

        [Fact]
        public void OverlappingPartitionsAreAClearError()
        {
            byte[] image = _images.Bytes(_images.Gpt512);
            GptImage.SetEntryU64(image, 512, 1, GptImage.EntryStartingLbaOffset, 4000); // partition 2 now starts inside partition 1
            var e = Assert.Throws<PartitionTableException>(() => PartitionTableReader.Read(new RamDisk(image, 512, true) { Name = "vda" }));
            Assert.Equal("vda: block 2: GPT entries: partitions 1 (LBAs 2048-4095) and 2 (LBAs 4000-8191) overlap", e.Message);
        }

        [Fact]
        public void PartitionOutsideTheUsableRangeIsAClearError()
        {
            byte[] image = _images.Bytes(_images.Gpt512);
            GptImage.SetEntryU64(image, 512, 4, GptImage.EntryEndingLbaOffset, 20000); // partition 5 ends past the disk
            var e = Assert.Throws<PartitionTableException>(() => PartitionTableReader.Read(new RamDisk(image, 512, true) { Name = "vda" }));
            Assert.Equal("vda: block 3: GPT entry 5: LBAs 10240-20000 are outside the usable range 34-16350", e.Message);
        }

        [Fact]
        public void StartAfterEndIsAClearError()
        {
            byte[] image = _images.Bytes(_images.Gpt512);
            GptImage.SetEntryU64(image, 512, 0, GptImage.EntryEndingLbaOffset, 2000);
            var e = Assert.Throws<PartitionTableException>(() => PartitionTableReader.Read(new RamDisk(image, 512, true) { Name = "vda" }));
            Assert.Equal("vda: block 2: GPT entry 1: StartingLBA 2048 is after EndingLBA 2000", e.Message);
        }

        [Theory]
        [InlineData(GptImage.EntryCountOffset, 0x7FFFFFFFu, "NumberOfPartitionEntries 2147483647 x 128 bytes exceeds the 1048576-byte limit")]
        [InlineData(GptImage.EntrySizeOffset, 100u, "SizeOfPartitionEntry 100 is not 128 x 2^n")]
        [InlineData(GptImage.HeaderSizeOffset, 4000u, "HeaderSize 4000 is outside 92-512")]
        [InlineData(GptImage.EntryArrayLbaOffset, 40u, "PartitionEntryLBA 40 (32 blocks) overlaps the usable range 34-16350")]
        public void ImplausibleHeaderFieldsWithValidCrcAreRejected(int field, uint value, string reason)
        {
            byte[] image = _images.Bytes(_images.Gpt512);
            GptImage.SetU32(image, 512 + field, value);
            GptImage.ResealHeader(image, 512, 512);
            long before = GC.GetAllocatedBytesForCurrentThread();
            PartitionTable table = PartitionTableReader.Read(new RamDisk(image, 512, true));
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "the reader allocated more than 1 MiB for a damaged header");
            Assert.Equal(4, table.Partitions.Count); // from the backup
            Assert.Contains(reason, table.Warnings[0]);
        }

        [Fact]
        public void ProtectiveEntryMustPointAtTheHeader()
        {
            byte[] image = _images.Bytes(_images.Gpt512);
            GptImage.SetU32(image, 446 + 8, 7);
            var e = Assert.Throws<PartitionTableException>(() => PartitionTableReader.Read(new RamDisk(image, 512, true) { Name = "vda" }));
            Assert.Equal("vda: block 0: protective MBR entry 1 (type 0xEE) starts at LBA 7, not at the GPT header's LBA 1", e.Message);
        }

        [Fact]
        public void TruncatedImageLosesItsBackupAndSaysSo()
        {
            byte[] image = _images.Bytes(_images.Gpt512);
            Array.Resize(ref image, image.Length - 512 * 64);
            var e = Assert.Throws<PartitionTableException>(() => PartitionTableReader.Read(new RamDisk(image, 512, true) { Name = "vda" }));
            Assert.Contains("primary header at LBA 1: usable range FirstUsableLBA 34 - LastUsableLBA 16350 is not inside blocks 2-16318", e.Message);
        }
    }
}
