using System;
using System.IO;
using System.Text;
using EclipseOS.Storage;
using EclipseOS.Storage.Host;
using Xunit;

namespace EclipseOS.Tests.Storage
{
    public class BlockDeviceTests : IDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "eclipse-blockdev-" + Guid.NewGuid().ToString("N"));

        public BlockDeviceTests()
        {
            Directory.CreateDirectory(_directory);
        }

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        [Fact]
        public void Crc32MatchesTheStandardCheckValueAndIsIncremental()
        {
            byte[] data = Encoding.ASCII.GetBytes("123456789");
            Assert.Equal(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
            uint running = Crc32.Update(Crc32.Start, data, 0, 4);
            Assert.Equal(0xCBF43926u, Crc32.Finish(Crc32.Update(running, data, 4, 5)));
            Assert.Equal(Crc32.Compute(new byte[7], 0, 7), Crc32.Finish(Crc32.UpdateZeros(Crc32.Start, 7)));
        }

        [Theory]
        [InlineData(0UL, "0B")]
        [InlineData(512UL, "512B")]
        [InlineData(1024UL, "1K")]
        [InlineData(1536UL, "1.5K")]
        [InlineData(8UL << 20, "8M")]
        [InlineData((2UL << 30) - 1, "2G")]
        [InlineData(104857600UL + 524288, "100.5M")]
        public void SizesPrintLikeLsblk(ulong bytes, string text) => Assert.Equal(text, ByteSize.Format(bytes));

        [Fact]
        public void FileBlockDeviceReadsWritesAndFlushes()
        {
            string path = Path.Combine(_directory, "disk.img");
            File.WriteAllBytes(path, new byte[4096]);
            using (var disk = new FileBlockDevice(path, 1024))
            {
                Assert.Equal(4UL, disk.BlockCount);
                Assert.Equal(Path.GetFullPath(path), disk.Description);
                var data = new byte[2048];
                data[0] = 1;
                data[2047] = 2;
                disk.Write(2, 2, data, 0);
                disk.Flush();
                var back = new byte[2048 + 8];
                disk.Read(2, 2, back, 8);
                Assert.Equal(1, back[8]);
                Assert.Equal(2, back[2055]);
                var e = Assert.Throws<BlockDeviceException>(() => disk.Read(3, 2, new byte[2048], 0));
                Assert.Equal(3UL, e.Lba);
                Assert.Throws<BlockDeviceException>(() => disk.Read(0, 1, new byte[1000], 0));
            }
            byte[] file = File.ReadAllBytes(path);
            Assert.Equal(1, file[2048]);
            Assert.Equal(2, file[4095]);
        }

        [Theory]
        [InlineData(512, 8 * 512 + 100)]
        [InlineData(512, 8 * 512 + 511)]
        [InlineData(512, 100)]
        [InlineData(4096, 2 * 4096 + 1)]
        public void APartialLastBlockReadsWithAZeroTailAsQemuServesIt(int blockSize, int length)
        {
            string path = Path.Combine(_directory, "short.img");
            byte[] content = new byte[length];
            new Random(length).NextBytes(content);
            File.WriteAllBytes(path, content);
            using var disk = new FileBlockDevice(path, blockSize, readOnly: true) { Name = "vda" };
            ulong blocks = (ulong)((length + blockSize - 1) / blockSize);
            Assert.Equal(blocks, disk.BlockCount);

            // The whole device in one request, and the last block alone at an offset in the buffer.
            var all = new byte[blocks * (ulong)blockSize];
            Array.Fill(all, (byte)0xCD);
            disk.Read(0, (int)blocks, all, 0);
            Assert.Equal(content, all[..length]);
            Assert.All(all[length..], b => Assert.Equal(0, b));
            var last = new byte[blockSize + 3];
            Array.Fill(last, (byte)0xCD);
            disk.Read(blocks - 1, 1, last, 3);
            Assert.Equal(all[^blockSize..], last[3..]);

            var e = Assert.Throws<BlockDeviceException>(() => disk.Read(blocks, 1, new byte[blockSize], 0));
            Assert.Equal(blocks, e.Lba);
            Assert.Equal(length, new FileInfo(path).Length);
        }

        [Fact]
        public void WritingThePartialLastBlockExtendsTheFileToTheWholeBlock()
        {
            string path = Path.Combine(_directory, "short.img");
            File.WriteAllBytes(path, new byte[3 * 512 + 10]);
            using (var disk = new FileBlockDevice(path))
            {
                Assert.Equal(4UL, disk.BlockCount);
                var block = new byte[512];
                block[0] = 7;
                block[511] = 9;
                disk.Write(3, 1, block, 0);
                disk.Flush();
                Assert.Equal(4L * 512, new FileInfo(path).Length);
                Assert.Equal(4UL, disk.BlockCount);
                var back = new byte[512];
                disk.Read(3, 1, back, 0);
                Assert.Equal(block, back);
            }
            byte[] file = File.ReadAllBytes(path);
            Assert.Equal(4 * 512, file.Length);
            Assert.Equal(7, file[3 * 512]);
            Assert.Equal(9, file[^1]);

            // Writing elsewhere leaves a short file as short as it was.
            File.WriteAllBytes(path, new byte[3 * 512 + 10]);
            using (var disk = new FileBlockDevice(path))
                disk.Write(1, 2, new byte[1024], 0);
            Assert.Equal(3L * 512 + 10, new FileInfo(path).Length);
        }

        [Fact]
        public void AFileThatShrinksUnderTheDeviceIsAnErrorNotZeros()
        {
            string path = Path.Combine(_directory, "shrinks.img");
            File.WriteAllBytes(path, new byte[4 * 512]);
            using var disk = new FileBlockDevice(path, readOnly: true) { Name = "vda" };
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
                file.SetLength(2 * 512 + 5);
            var e = Assert.Throws<BlockDeviceException>(() => disk.Read(2, 2, new byte[1024], 0));
            Assert.Equal(2UL, e.Lba);
            Assert.Contains("shrank", e.Message);
        }

        [Fact]
        public void ReadOnlyFileBlockDeviceRefusesWrites()
        {
            string path = Path.Combine(_directory, "ro.img");
            File.WriteAllBytes(path, new byte[2048]);
            using var disk = new FileBlockDevice(path, readOnly: true) { Name = "vda" };
            Assert.True(disk.IsReadOnly);
            var e = Assert.Throws<BlockDeviceException>(() => disk.Write(0, 1, new byte[512], 0));
            Assert.Equal("vda: block 0: device is read-only", e.Message);
        }

        [Fact]
        public void RamDiskChecksBoundsAndReadOnly()
        {
            var disk = new RamDisk(512, 4) { Name = "ram0" };
            var block = new byte[512];
            block[7] = 9;
            disk.Write(3, 1, block, 0);
            Assert.Equal(9, disk.Data[3 * 512 + 7]);
            var e = Assert.Throws<BlockDeviceException>(() => disk.Read(4, 1, new byte[512], 0));
            Assert.Equal("ram0: block 4: 1 block(s) from here run past the end of the device (4 blocks)", e.Message);
            Assert.Throws<BlockDeviceException>(() => disk.Read(0, -1, new byte[512], 0));
            Assert.Throws<ArgumentException>(() => new RamDisk(new byte[1000], 512, false));
            var ro = new RamDisk(new byte[1024], 512, true) { Name = "ram1" };
            Assert.Throws<BlockDeviceException>(() => ro.Write(0, 1, new byte[512], 0));
        }
    }
}
