using System;
using System.Collections.Generic;
using System.Diagnostics;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Fsck;
using EclipseOS.EclipseFS.Tools.Hashing;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS.Tools.Fuzzing
{
    /// <summary>What a fuzzing run did and found.</summary>
    public sealed class FuzzReport
    {
        /// <summary>Mutated images run through the reader and fsck.</summary>
        public long Executions { get; internal set; }
        /// <summary>Runs the reader rejected with an EclipseFsException (the expected outcome for most mutants).</summary>
        public long Rejected { get; internal set; }
        /// <summary>Runs where fsck reported problems.</summary>
        public long FsckProblems { get; internal set; }
        /// <summary>Unexpected outcomes: another exception type, a slow run, a large allocation.</summary>
        public List<string> Findings { get; } = new List<string>();
    }

    /// <summary>
    /// A structure-aware mutation fuzzer over the reader and fsck. Each execution takes a corpus
    /// image, applies a few mutations (bit flips, random bytes, interesting integers at header
    /// fields, table entries and TLV headers, truncation, splices), mounts it, walks every node
    /// (stat, readdir, read, readlink) and runs fsck. A finding is any exception other than
    /// <see cref="EclipseFsException"/>, a run slower than <see cref="SlowRunMilliseconds"/>,
    /// or an allocation larger than four times the image plus 16 MiB.
    /// </summary>
    public sealed class EclipseFsFuzzer
    {
        /// <summary>An execution slower than this is reported (a hang in the making).</summary>
        public const int SlowRunMilliseconds = 5000;

        private static readonly uint[] Interesting = { 0, 1, 2, 7, 8, 0x7F, 0x80, 0xFF, 0x100, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xEFFFFFFF, 0xF0000000, 0xFFFFFFFE, 0xFFFFFFFF };

        private readonly List<byte[]> _corpus;
        private readonly List<int[]> _hotOffsets = new List<int[]>();
        private readonly Random _random;

        /// <summary>Creates a fuzzer over <paramref name="corpus"/> (valid images) with a seed.</summary>
        public EclipseFsFuzzer(List<byte[]> corpus, int seed)
        {
            if (corpus.Count == 0)
                throw new ArgumentException("the corpus is empty");
            _corpus = corpus;
            _random = new Random(seed);
            foreach (byte[] image in corpus)
                _hotOffsets.Add(StructureOffsets(image));
        }

        /// <summary>Runs until <paramref name="seconds"/> pass or <paramref name="maxExecutions"/> are done.</summary>
        public FuzzReport Run(double seconds, long maxExecutions, Action<FuzzReport>? tick)
        {
            var report = new FuzzReport();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < seconds && report.Executions < maxExecutions)
            {
                int pick = _random.Next(_corpus.Count);
                byte[] mutant = Mutate(_corpus[pick], _hotOffsets[pick]);
                string? finding = Execute(mutant, report);
                report.Executions++;
                if (finding != null && report.Findings.Count < 100)
                    report.Findings.Add(finding);
                if (tick != null && (report.Executions & 255) == 0)
                    tick(report);
            }
            return report;
        }

        /// <summary>Runs one image through mount, a full walk and fsck; returns a finding or null.</summary>
        public static string? Execute(byte[] image, FuzzReport report)
        {
            // The block size varies with the mutant (4096 when the first byte's low bit is clear
            // and the length allows it, else 512), so both device geometries get exercised.
            int blockSize = image.Length % 4096 == 0 && image.Length > 0 && (image[0] & 1) == 0 ? 4096 : 512;
            int padded = (image.Length + blockSize - 1) / blockSize * blockSize;
            byte[] data = new byte[Math.Max(padded, blockSize)];
            Array.Copy(image, data, image.Length);
            var device = new RamDisk(data, blockSize, true);
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            try
            {
                try
                {
                    Walk(EclipseFsVolume.Mount(device, new EclipseFsOptions { Crc32C = HardwareCrc32C.Instance }));
                }
                catch (EclipseFsException)
                {
                    report.Rejected++;
                }
                FsckReport fsck = new EclipseFsChecker(new EclipseFsOptions { Crc32C = HardwareCrc32C.Instance }).Check(device, null);
                if (!fsck.IsClean)
                    report.FsckProblems++;
            }
            catch (Exception e)
            {
                return e.GetType().Name + ": " + e.Message + " (image of " + image.Length + " bytes, CRC-32C 0x" +
                       HardwareCrc32C.Instance.Append(0, image, 0, image.Length).ToString("X8") + ")\n" + e.StackTrace;
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            if (allocated > 4L * data.Length + (16L << 20))
                return "allocated " + allocated + " bytes for an image of " + data.Length;
            if (clock.ElapsedMilliseconds > SlowRunMilliseconds)
                return "took " + clock.ElapsedMilliseconds + " ms for an image of " + data.Length;
            return null;
        }

        /// <summary>Visits every node reachable from the root once: stat, readdir, read, readlink.</summary>
        private static void Walk(EclipseFsVolume v)
        {
            var seen = new HashSet<uint>();
            var queue = new List<uint> { EclipseFsLayout.RootInode };
            var buffer = new byte[64 * 1024];
            for (int i = 0; i < queue.Count; i++)
            {
                uint inode = queue[i];
                if (!seen.Add(inode))
                    continue;
                try
                {
                    EclipseFsNode n = v.GetNode(inode);
                    v.Stat(inode);
                    if (n.Type == NodeType.Directory)
                        foreach (DirectoryEntry e in v.ReadDirectory(inode))
                        {
                            queue.Add(e.Inode);
                            v.LookupChild(inode, e.Name);
                        }
                    else if (n.Type == NodeType.Symlink)
                        v.ReadLink(inode);
                    else
                        for (ulong p = 0; v.Read(inode, p, buffer, 0, buffer.Length) is int got && got > 0; p += (ulong)got) { }
                }
                catch (EclipseFsException)
                {
                    // a bad node: go on with the others, as a kernel walking the tree would
                }
            }
        }

        private byte[] Mutate(byte[] source, int[] hot)
        {
            byte[] b = (byte[])source.Clone();
            int count = 1 + _random.Next(_random.Next(2) == 0 ? 2 : 8);
            for (int m = 0; m < count && b.Length > 0; m++)
            {
                int at = _random.Next(3) > 0 && hot.Length > 0 ? hot[_random.Next(hot.Length)] + _random.Next(-2, 6) : _random.Next(b.Length);
                if (at < 0) at = 0;
                if (at >= b.Length) at = b.Length - 1;
                switch (_random.Next(7))
                {
                    case 0: b[at] ^= (byte)(1 << _random.Next(8)); break;
                    case 1: b[at] = (byte)_random.Next(256); break;
                    case 2:
                    case 3:
                        if (at + 4 <= b.Length)
                        {
                            uint v = Interesting[_random.Next(Interesting.Length)];
                            if (_random.Next(4) == 0) v = (uint)(b.Length + _random.Next(-8, 8));
                            LittleEndian.Put32(b, at, v);
                        }
                        break;
                    case 4:
                        Array.Resize(ref b, _random.Next(b.Length));
                        break;
                    case 5:
                        {
                            int from = _random.Next(b.Length);
                            int length = Math.Min(_random.Next(1, 64), Math.Min(b.Length - from, b.Length - at));
                            Array.Copy(b, from, b, at, length);
                            break;
                        }
                    default:
                        if (at + 2 <= b.Length)
                            LittleEndian.Put16(b, at, (ushort)Interesting[_random.Next(Interesting.Length)]);
                        break;
                }
            }
            return b;
        }

        /// <summary>Offsets of header fields, table entries, record headers, TLV headers and directory entries of a valid image.</summary>
        private static int[] StructureOffsets(byte[] image)
        {
            var offsets = new List<int> { 9, 13, 21, 29, 33, 45, 53, 61 };
            if (image.Length < EclipseFsLayout.HeaderLength)
                return offsets.ToArray();
            ulong table = LittleEndian.U64(image, EclipseFsLayout.InodeTableOffsetOffset);
            uint count = LittleEndian.U32(image, EclipseFsLayout.TotalInodesOffset);
            ulong records = table + (ulong)count * 8;
            for (uint i = 0; i < count && table + i * 8 + 8 <= (ulong)image.Length; i++)
            {
                int entry = (int)(table + i * 8);
                offsets.Add(entry);
                offsets.Add(entry + 4);
                ulong rec = records + LittleEndian.U32(image, entry + 4);
                if (rec + 8 > (ulong)image.Length)
                    continue;
                offsets.Add((int)rec);
                offsets.Add((int)rec + 4);
                ulong end = Math.Min((ulong)image.Length, rec + LittleEndian.U32(image, (int)rec + 4));
                ulong p = rec + 8;
                while (p + 6 <= end)
                {
                    offsets.Add((int)p);
                    offsets.Add((int)p + 2);
                    ushort tag = LittleEndian.U16(image, (int)p);
                    uint length = LittleEndian.U32(image, (int)p + 2);
                    if (tag == TlvTag.DirectoryEntries)
                        for (ulong e = p + 6; e + 8 <= Math.Min(end, p + 6 + length); e += 8 + LittleEndian.U32(image, (int)e))
                        {
                            offsets.Add((int)e);
                            offsets.Add((int)e + 4);
                        }
                    p += 6 + (ulong)length;
                }
            }
            return offsets.ToArray();
        }
    }
}
