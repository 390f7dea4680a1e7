using System;
using System.Collections.Generic;
using System.Diagnostics;
using EclipseOS.Drivers.VirtIO.Block;
using EclipseOS.Platform.Qtest;

namespace EclipseOS.Benchmarks.VirtIO
{
    /// <summary>One measured cell: sequential reads at one queue depth and request size.</summary>
    /// <param name="QueueDepth">Requests kept in flight.</param>
    /// <param name="RequestBytes">Bytes per request.</param>
    /// <param name="Requests">Requests completed.</param>
    /// <param name="Bytes">Bytes read.</param>
    /// <param name="Seconds">Wall time.</param>
    /// <param name="RegisterAccesses">Port and MMIO accesses (device registers) made meanwhile.</param>
    public readonly record struct VirtioReadResult(int QueueDepth, int RequestBytes, long Requests, long Bytes, double Seconds, long RegisterAccesses)
    {
        /// <summary>Throughput.</summary>
        public double MiBPerSecond => Bytes / 1048576.0 / Seconds;

        /// <summary>Device register accesses per MiB read.</summary>
        public double AccessesPerMiB => RegisterAccesses / (Bytes / 1048576.0);
    }

    /// <summary>
    /// Sequential reads through the driver's batch interface on QEMU's virtio-blk: keeps
    /// <c>queueDepth</c> requests in flight, notifies once per batch of new requests, and counts
    /// the device register accesses (port + MMIO) from the qtest platform's counters.
    /// </summary>
    public static class VirtioReadBenchmark
    {
        /// <summary>Queue depths measured.</summary>
        public static readonly int[] QueueDepths = { 1, 4, 16, 64 };

        /// <summary>Request sizes measured.</summary>
        public static readonly int[] RequestSizes = { 4 << 10, 16 << 10, 64 << 10, 256 << 10, 1 << 20 };

        /// <summary>Measures one cell, reading <paramref name="totalBytes"/> from the start of the disk (wrapping).</summary>
        public static VirtioReadResult Measure(QtestPlatform platform, VirtioBlockDevice disk, int queueDepth, int requestBytes, long totalBytes)
        {
            int blocks = requestBytes / disk.BlockSize;
            if (blocks < 1 || requestBytes > disk.MaxRequestBytes)
                throw new ArgumentException("request size " + requestBytes + " does not fit the device (block " + disk.BlockSize + ", max " + disk.MaxRequestBytes + ")");
            ulong diskBlocks = disk.BlockCount - disk.BlockCount % (ulong)blocks;
            if (diskBlocks == 0) throw new ArgumentException("disk smaller than one request");
            long requests = Math.Max(1, totalBytes / requestBytes);
            var buffers = new Stack<byte[]>();
            for (int i = 0; i < queueDepth; i++) buffers.Push(new byte[requestBytes]);
            var bufferOf = new Dictionary<int, byte[]>();
            ulong lba = 0;
            long submitted = 0, completed = 0;
            var before = platform.Counters.Snapshot();
            var watch = Stopwatch.StartNew();
            while (completed < requests)
            {
                while (submitted < requests && disk.Outstanding < queueDepth)
                {
                    byte[] buffer = buffers.Pop();
                    int tag = disk.SubmitRead(lba, blocks, buffer, 0);
                    if (tag < 0) { buffers.Push(buffer); break; }
                    bufferOf[tag] = buffer;
                    lba = (lba + (ulong)blocks) % diskBlocks;
                    submitted++;
                }
                disk.Kick();
                int done = disk.WaitForCompletion();
                do
                {
                    disk.Finish(done);
                    buffers.Push(bufferOf[done]);
                    completed++;
                }
                while (disk.TryTakeCompletion(out done));
            }
            watch.Stop();
            var used = platform.Counters.Snapshot() - before;
            return new VirtioReadResult(queueDepth, requestBytes, requests, requests * requestBytes, watch.Elapsed.TotalSeconds, used.DeviceRegisterAccesses);
        }

        /// <summary>Every queue depth × request size, each reading <paramref name="bytesPerCell"/> (at least 64 requests).</summary>
        public static List<VirtioReadResult> MeasureAll(QtestPlatform platform, VirtioBlockDevice disk, long bytesPerCell)
        {
            var results = new List<VirtioReadResult>();
            foreach (int size in RequestSizes)
                foreach (int depth in QueueDepths)
                    results.Add(Measure(platform, disk, depth, size, Math.Max(bytesPerCell, 64L * size)));
            return results;
        }
    }
}
