using System;
using System.Collections.Generic;
using EclipseOS.Drivers.VirtIO.Block;

namespace EclipseOS.Tests.VirtIO
{
    /// <summary>
    /// Random reads and writes of random lengths against a model of the disk, pipelined through
    /// the batch interface (many requests per notification, completions in any order) with some
    /// plain <c>Read</c>/<c>Write</c> calls mixed in. Requests in flight together never overlap a
    /// write, so the model's answer is unambiguous.
    /// </summary>
    public static class RandomWorkload
    {
        /// <summary>Runs <paramref name="operations"/> requests; returns the number of reads that disagreed with the model.</summary>
        public static int Run(VirtioBlockDevice disk, byte[] model, int operations, int seed, int maxBlocks = 64)
        {
            var rng = new Random(seed);
            int blockSize = disk.BlockSize;
            int maxPerRequest = Math.Min(maxBlocks, disk.MaxRequestBytes / blockSize);
            int mismatches = 0;
            int done = 0;
            var batch = new List<Request>();
            while (done < operations)
            {
                if (rng.Next(20) == 0)
                {
                    // A plain IBlockDevice call, possibly longer than one request.
                    int blocks = 1 + rng.Next(maxPerRequest * 3);
                    ulong lba = (ulong)rng.NextInt64((long)disk.BlockCount - blocks + 1);
                    var data = new byte[blocks * blockSize];
                    if (rng.Next(2) == 0)
                    {
                        rng.NextBytes(data);
                        disk.Write(lba, blocks, data, 0);
                        Buffer.BlockCopy(data, 0, model, (int)lba * blockSize, data.Length);
                    }
                    else
                    {
                        disk.Read(lba, blocks, data, 0);
                        if (!data.AsSpan().SequenceEqual(model.AsSpan((int)lba * blockSize, data.Length))) mismatches++;
                    }
                    done++;
                    continue;
                }

                int wanted = Math.Min(1 + rng.Next(16), operations - done);
                batch.Clear();
                for (int i = 0; i < wanted; i++)
                {
                    int blocks = 1 + rng.Next(maxPerRequest);
                    ulong lba = (ulong)rng.NextInt64((long)disk.BlockCount - blocks + 1);
                    bool write = rng.Next(2) == 0;
                    if (Overlaps(batch, lba, blocks, write)) continue;
                    var request = new Request(lba, blocks, write, new byte[blocks * blockSize]);
                    if (write)
                    {
                        rng.NextBytes(request.Data);
                        Buffer.BlockCopy(request.Data, 0, model, (int)lba * blockSize, request.Data.Length);
                        request.Tag = disk.SubmitWrite(lba, blocks, request.Data, 0);
                    }
                    else
                    {
                        request.Expected = model.AsSpan((int)lba * blockSize, request.Data.Length).ToArray();
                        request.Tag = disk.SubmitRead(lba, blocks, request.Data, 0);
                    }
                    if (request.Tag < 0) throw new InvalidOperationException("queue full with " + batch.Count + " requests");
                    batch.Add(request);
                }
                disk.Kick();
                int remaining = batch.Count;
                while (remaining > 0)
                {
                    int tag = disk.WaitForCompletion();
                    do
                    {
                        Request request = batch.Find(r => r.Tag == tag) ?? throw new InvalidOperationException("unknown tag " + tag);
                        disk.Finish(tag);
                        request.Tag = -1;
                        if (!request.Write && !request.Data.AsSpan().SequenceEqual(request.Expected)) mismatches++;
                        remaining--;
                        done++;
                    }
                    while (remaining > 0 && disk.TryTakeCompletion(out tag));
                }
            }
            return mismatches;
        }

        private static bool Overlaps(List<Request> batch, ulong lba, int blocks, bool write)
        {
            foreach (Request other in batch)
            {
                if (!write && !other.Write) continue;
                if (lba < other.Lba + (ulong)other.Blocks && other.Lba < lba + (ulong)blocks) return true;
            }
            return false;
        }

        private sealed class Request
        {
            public Request(ulong lba, int blocks, bool write, byte[] data)
            {
                Lba = lba;
                Blocks = blocks;
                Write = write;
                Data = data;
                Expected = Array.Empty<byte>();
            }

            public ulong Lba { get; }
            public int Blocks { get; }
            public bool Write { get; }
            public byte[] Data { get; }
            public byte[] Expected { get; set; }
            public int Tag { get; set; } = -1;
        }
    }
}
