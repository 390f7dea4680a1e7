using System;
using System.Diagnostics;
using EclipseOS.Hal.Dma;
using EclipseOS.Platform.Qtest;

namespace EclipseOS.Benchmarks.Qtest
{
    /// <summary>What qtest exchanges cost on a running <see cref="QtestPlatform"/>.</summary>
    public sealed class QtestCostMeasurement
    {
        /// <summary>A port nothing decodes on pc/q35 (the POST diagnostic port), so reads and writes have no side effects.</summary>
        private const ushort QuietPort = 0x80;

        private readonly QtestPlatform _platform;

        /// <summary>Measures on <paramref name="platform"/>.</summary>
        public QtestCostMeasurement(QtestPlatform platform)
        {
            _platform = platform;
        }

        /// <summary><paramref name="count"/> port reads, each answered before the next is sent.</summary>
        public Rate LoneRoundTrips(int count)
        {
            _platform.MemoryBarrier();
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < count; i++) _platform.Ports.Read8(QuietPort);
            return new Rate(count, clock.Elapsed);
        }

        /// <summary><paramref name="count"/> port writes sent back to back, then every <c>OK</c> drained.</summary>
        public Rate PipelinedWrites(int count)
        {
            _platform.MemoryBarrier();
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < count; i++) _platform.Ports.Write8(QuietPort, (byte)i);
            _platform.MemoryBarrier();
            return new Rate(count, clock.Elapsed);
        }

        /// <summary>Port word reads issued as string reads of <paramref name="wordsPerBurst"/> words (one ATA sector is 256).</summary>
        public Rate PipelinedReads(int bursts, int wordsPerBurst)
        {
            var buffer = new byte[2 * wordsPerBurst];
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < bursts; i++) _platform.Ports.ReadString16(QuietPort, buffer, 0, wordsPerBurst);
            return new Rate((double)bursts * wordsPerBurst, clock.Elapsed);
        }

        /// <summary>Bulk guest-memory writes (<c>b64write</c>) of <paramref name="chunk"/> bytes, <paramref name="repeat"/> times.</summary>
        public Rate BulkWrite(int chunk, int repeat) => Bulk(chunk, repeat, write: true);

        /// <summary>Bulk guest-memory reads (<c>b64read</c>) of <paramref name="chunk"/> bytes, <paramref name="repeat"/> times.</summary>
        public Rate BulkRead(int chunk, int repeat) => Bulk(chunk, repeat, write: false);

        private Rate Bulk(int chunk, int repeat, bool write)
        {
            IDmaBuffer buffer = _platform.Dma.Allocate(chunk, 4096);
            try
            {
                var data = new byte[chunk];
                new Random(chunk).NextBytes(data);
                buffer.Write(0, data, 0, chunk);
                _platform.MemoryBarrier();
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < repeat; i++)
                {
                    if (write) buffer.Write(0, data, 0, chunk);
                    else buffer.Read(0, data, 0, chunk);
                }
                _platform.MemoryBarrier();
                return new Rate((double)chunk * repeat, clock.Elapsed);
            }
            finally
            {
                buffer.Free();
            }
        }
    }
}
