using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using EclipseOS.Drivers.Ata;
using EclipseOS.Drivers.Ata.Devices;
using EclipseOS.Platform.Qtest;
using Xunit;
using Xunit.Abstractions;

namespace EclipseOS.Tests.Ata
{
    /// <summary>A 16 MiB disk on QEMU's primary master (flushes ignored by QEMU, for speed) and its model, shared by the random tests.</summary>
    public sealed class RandomIoFixture : IDisposable
    {
        public const int Sectors = 32768;

        public RandomIoFixture()
        {
            Image = new AtaImage(Sectors, 99);
            Model = File.ReadAllBytes(Image.Path);
            Platform = new QtestPlatform(AtaQemu.Options(new Dictionary<int, string> { [0] = Image.Path }, unsafeCache: true));
        }

        public AtaImage Image { get; }
        public byte[] Model { get; }
        public QtestPlatform Platform { get; }

        public void Dispose()
        {
            Platform.Dispose();
            Image.Dispose();
        }
    }

    /// <summary>
    /// Thousands of random reads and writes of random lengths through the driver, checked
    /// against an in-memory model of the disk, by PIO and by DMA, with interrupts and polling.
    /// </summary>
    public sealed class AtaRandomIoTests : IClassFixture<RandomIoFixture>
    {
        private readonly RandomIoFixture _f;
        private readonly ITestOutputHelper _output;

        public AtaRandomIoTests(RandomIoFixture fixture, ITestOutputHelper output)
        {
            _f = fixture;
            _output = output;
        }

        private AtaDevice Probe(bool dma, bool interrupts)
        {
            AtaController controller = AtaController.Probe(_f.Platform, AtaQemu.Driver(dma, interrupts));
            var disk = (AtaDevice)controller.DeviceAt(0)!;
            Assert.Equal(dma, disk.UsesDma);
            Assert.Equal(interrupts, disk.Channel.InterruptMode);
            return disk;
        }

        /// <summary>Runs <paramref name="operations"/> random requests; returns the number of mismatching reads (must be 0).</summary>
        private int Run(AtaDevice disk, int operations, int maxSectors, int seed)
        {
            var random = new Random(seed);
            var buffer = new byte[maxSectors * 512 + 1024];
            int mismatches = 0;
            long sectors = 0;
            var watch = Stopwatch.StartNew();
            for (int op = 0; op < operations; op++)
            {
                int count = random.Next(1, maxSectors + 1);
                long lba = random.NextInt64(0, RandomIoFixture.Sectors - count + 1);
                // Buffers at odd sector offsets inside the array too.
                int offset = random.Next(0, 3) * 512;
                sectors += count;
                if (random.Next(2) == 0)
                {
                    random.NextBytes(buffer.AsSpan(offset, count * 512));
                    disk.Write((ulong)lba, count, buffer, offset);
                    buffer.AsSpan(offset, count * 512).CopyTo(_f.Model.AsSpan((int)lba * 512));
                }
                else
                {
                    disk.Read((ulong)lba, count, buffer, offset);
                    if (!buffer.AsSpan(offset, count * 512).SequenceEqual(_f.Model.AsSpan((int)lba * 512, count * 512)))
                        mismatches++;
                }
            }
            _output.WriteLine($"seed {seed}: {operations} requests, {sectors} sectors in {watch.ElapsedMilliseconds} ms; DMA {disk.DmaTransfers}, PIO {disk.PioTransfers}, fallbacks {disk.DmaFallbacks}, interrupts {disk.Channel.InterruptCount}");
            return mismatches;
        }

        private void ImageMatchesModel()
        {
            Assert.True(_f.Image.ReadAt(0, RandomIoFixture.Sectors).AsSpan().SequenceEqual(_f.Model), "the image file differs from the model");
        }

        [Fact]
        public void Pio_5000RandomRequests_WithInterrupts_MatchTheModel()
        {
            AtaDevice disk = Probe(dma: false, interrupts: true);
            Assert.Equal(0, Run(disk, 5000, 4, 1001));
            Assert.Equal(0, disk.DmaTransfers);
            Assert.True(disk.Channel.InterruptCount > 5000);
            ImageMatchesModel();
        }

        [Fact]
        public void Dma_5000RandomRequests_WithInterrupts_MatchTheModel()
        {
            AtaDevice disk = Probe(dma: true, interrupts: true);
            Assert.Equal(0, Run(disk, 5000, 128, 2002));
            Assert.Equal(0, disk.PioTransfers);
            Assert.Equal(0, disk.DmaFallbacks);
            ImageMatchesModel();
        }

        [Fact]
        public void PioAndDma_InPollingMode_MatchTheModel()
        {
            AtaDevice disk = Probe(dma: true, interrupts: false);
            Assert.Equal(0, Run(disk, 500, 128, 3003));
            Assert.Equal(0, disk.PioTransfers);
            disk.SetDma(false);
            Assert.Equal(0, Run(disk, 300, 4, 3004));
            Assert.Equal(0, disk.Channel.InterruptCount);
            ImageMatchesModel();
        }
    }
}
