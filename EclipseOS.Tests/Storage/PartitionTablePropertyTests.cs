using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using CsCheck;
using EclipseOS.Storage;
using EclipseOS.Storage.Partitions;
using Xunit;

namespace EclipseOS.Tests.Storage
{
    /// <summary>
    /// Random byte corruptions of real tool-made tables: the reader must either return a
    /// consistent table or throw <see cref="PartitionTableException"/> — no other exception,
    /// no hang, no allocation beyond the entry-array cap.
    /// </summary>
    [Collection(ToolImagesCollection.Name)]
    public class PartitionTablePropertyTests
    {
        // Both headers may claim a full 1 MiB entry array (the cap); anything near that is a bug.
        private const long AllocationLimit = 3 << 20;
        private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(60);
        private readonly ToolImages _images;

        public PartitionTablePropertyTests(ToolImages images)
        {
            _images = images;
        }

        /// <summary>Byte ranges holding partition-table structures: where corruption is interesting.</summary>
        private static List<(int Start, int Length)> GptRegions(byte[] image, int blockSize)
        {
            // LBA 0-1 and the primary entry array at the front; the backup array and header at the back.
            int front = Math.Max(34 * 512, 6 * blockSize);
            int back = Math.Max(33 * 512, 5 * blockSize);
            return new List<(int, int)> { (0, front), (image.Length - back, back) };
        }

        private static List<(int Start, int Length)> MbrRegions(byte[] image)
        {
            var regions = new List<(int, int)> { (0, 512) };
            for (int lba = 1; lba < image.Length / 512; lba++)
                if (image[lba * 512 + 510] == 0x55 && image[lba * 512 + 511] == 0xAA)
                    regions.Add((lba * 512, 512));
            return regions;
        }

        private static Gen<(int Offset, byte Value)[]> Corruptions(List<(int Start, int Length)> regions)
        {
            var offsets = new List<int>();
            foreach (var (start, length) in regions)
                for (int i = 0; i < length && start + i < int.MaxValue; i++)
                    offsets.Add(start + i);
            // Half the time a random byte, half the time a boundary value that makes lengths and LBAs extreme.
            Gen<byte> value = Gen.OneOf<byte>(Gen.Byte, Gen.OneOf<byte>(0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF));
            return new GenArray<(int, byte)>(Gen.Select(Gen.Int[0, offsets.Count - 1], value, (i, v) => (offsets[i], v)))[1, 8];
        }

        private static void ReadMustBeCleanOrClearlyRejected(byte[] image, int blockSize)
        {
            var disk = new RamDisk(image, blockSize, true) { Name = "vda" };
            long before = GC.GetAllocatedBytesForCurrentThread();
            PartitionTable table;
            try
            {
                table = PartitionTableReader.Read(disk);
            }
            catch (PartitionTableException e)
            {
                Assert.StartsWith("vda: block ", e.Message);
                return;
            }
            finally
            {
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.True(allocated < AllocationLimit, "reading the table allocated " + allocated + " bytes");
            }
            var devices = new List<PartitionInfo>();
            foreach (PartitionInfo p in table.Partitions)
            {
                Assert.True(p.FirstLba >= 1 && p.BlockCount >= 1 && p.LastLba < disk.BlockCount, "partition " + p.Number + " escapes the disk");
                if (!p.IsExtended) devices.Add(p);
                _ = new PartitionBlockDevice(disk, p);
            }
            for (int i = 0; i < devices.Count; i++)
                for (int j = i + 1; j < devices.Count; j++)
                    Assert.True(devices[i].LastLba < devices[j].FirstLba || devices[j].LastLba < devices[i].FirstLba,
                        "partitions " + devices[i].Number + " and " + devices[j].Number + " overlap");
        }

        private static async Task Check(byte[] pristine, int blockSize, List<(int, int)> regions, bool reseal, int iterations)
        {
            // One working copy; after each sample the table regions are copied back from the
            // pristine image (cheaper than cloning megabytes per sample; corruption and resealing
            // only ever touch those regions).
            byte[] image = (byte[])pristine.Clone();
            Task run = Task.Run(() => Corruptions(regions).Sample(corruptions =>
            {
                try
                {
                    foreach (var (offset, value) in corruptions)
                        image[offset] = value;
                    if (reseal) GptImage.Reseal(image, blockSize);
                    ReadMustBeCleanOrClearlyRejected(image, blockSize);
                }
                finally
                {
                    foreach (var (start, length) in regions)
                        Buffer.BlockCopy(pristine, start, image, start, length);
                }
            }, iter: iterations, threads: 1));
            await run.WaitAsync(RunLimit); // a hang fails here instead of stalling the suite
        }

        [Fact]
        public Task CorruptedGptNeverEscapesOrHangs()
        {
            byte[] image = _images.Bytes(_images.Gpt512);
            return Check(image, 512, GptRegions(image, 512), reseal: false, iterations: 600);
        }

        [Fact]
        public Task CorruptedGptWithValidCrcsNeverEscapesOrHangs()
        {
            byte[] image = _images.Bytes(_images.Gpt512);
            return Check(image, 512, GptRegions(image, 512), reseal: true, iterations: 1500);
        }

        [Fact]
        public Task Corrupted4096ByteGptWithValidCrcsNeverEscapesOrHangs()
        {
            byte[] image = _images.Bytes(_images.Gpt4096);
            return Check(image, 4096, GptRegions(image, 4096), reseal: true, iterations: 400);
        }

        [Fact]
        public Task Corrupted4096ByteMbrNeverEscapesOrHangs()
        {
            byte[] image = _images.Bytes(_images.Mbr4096);
            return Check(image, 4096, MbrRegions(image), reseal: false, iterations: 500);
        }

        [Fact]
        public Task CorruptedMbrNeverEscapesOrHangs()
        {
            byte[] image = _images.Bytes(_images.Mbr);
            return Check(image, 512, MbrRegions(image), reseal: false, iterations: 2000);
        }
    }
}
