using System;
using System.Collections.Generic;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Journaling;
using EclipseOS.Hal.Text;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS.Fsck
{
    /// <summary>
    /// fsck for EclipseFS, kernel-side (no host APIs), so the kernel can run it too. Checks the
    /// header and its CRC, inode-table contiguity, record bounds, TLV framing, node types, SIZE
    /// against CONTENT, directory entries (existing inodes, names, duplicates), cycles,
    /// unreachable inodes, NLINK, and the RECORD/CONTENT CRC-32C tags; reports every problem.
    /// A journaled volume (changed read-write, §12) is checked after its log is replayed in
    /// memory (the device is never written): its anchor and log, free inodes, overlapping records
    /// instead of contiguity, and the used space against the log's free-space map.
    /// Memory is proportional to the inode count (a few bytes each) plus directory entries.
    /// </summary>
    public sealed class EclipseFsChecker
    {
        private const int ScanLineBytes = 1024 * 1024;
        private const int MaxProblems = 10000;

        private readonly EclipseFsOptions _options;

        /// <summary>Creates a checker; <paramref name="options"/> supplies the CRC-32C implementation and cache sizes.</summary>
        public EclipseFsChecker(EclipseFsOptions options)
        {
            _options = options;
        }

        /// <summary>Checks the filesystem on <paramref name="device"/> without writing to it; <paramref name="progress"/> may be null.</summary>
        public FsckReport Check(IBlockDevice device, IFsckProgress? progress) => Examine(device, progress).Report;

        /// <summary>Checks the filesystem on <paramref name="device"/>; also returns what a repair needs.</summary>
        internal FsckExamination Examine(IBlockDevice device, IFsckProgress? progress)
        {
            var ex = new FsckExamination();
            FsckReport report = ex.Report;
            var sink = new CollectingProblemSink(report, MaxProblems);
            // fsck reads the image front to back: 1 MiB cache lines make that a few large requests.
            var reader = new ImageReader(device, _options.CachedBlocks, ScanLineBytes);
            if (reader.Length < EclipseFsLayout.HeaderLength)
            {
                sink.Report(0, "header", 0, device.Name + " holds " + reader.Length + " bytes, less than the 65-byte header");
                return ex;
            }
            if (reader.Length >= EclipseFsLayout.HeaderBlockSize)
            {
                LogInspection log = LogInspection.Inspect(reader, _options.Crc32C, sink, report);
                ex.Journaled = log.Journaled;
                ex.LogDamaged = log.Damaged;
                ex.LogHighestSequence = log.HighestSequence;
                if (!log.AnchorValid && log.Journaled)
                    ex.LogUnusable = "the journal anchor is damaged";
                if (log.AnchorValid)
                    reader = Replay(device, reader, ex, sink);
                report.Journaled = ex.Journaled;
            }
            var header = new byte[EclipseFsLayout.HeaderLength];
            reader.Read(0, header, 0, header.Length);
            Superblock? sb = Superblock.Parse(header, reader.Length, sink);
            if (sb == null)
                return ex;

            bool journaled = ex.Journaled;
            uint n = sb.TotalInodes;
            var types = new byte[n + 1];          // 0: record unusable (or the inode is free)
            var free = journaled ? new bool[n + 1] : null;
            var nlink = new uint[n + 1];
            var references = new uint[n + 1];     // directory entries naming the inode
            var children = new Dictionary<uint, uint[]>();
            var parser = new RecordParser(reader, sb, _options.Crc32C);
            ulong total = reader.Length;
            ulong expectedRelative = 0;
            var withoutRecordCrc = new List<uint>();
            var used = journaled ? new UsedSpace() : null;
            if (used != null)
            {
                used.AddRegion("the header block and inode table", 0, sb.RecordAreaOffset, sink);
                if (ex.Journal != null)
                    used.AddRegion(UsedSpace.LogName, ex.Journal.LogOffset, ex.Journal.LogLength, sink);
            }
            var entry = new byte[EclipseFsLayout.InodeTableEntrySize];

            for (uint inode = 1; inode <= n; inode++)
            {
                // Records of a journaled volume lie anywhere: its progress counts inodes.
                if (journaled && progress != null && (inode & 1023) == 0)
                    progress.Report(total / n * inode, total);
                if (journaled)
                {
                    reader.Read(parser.TableEntryOffset(inode), entry, 0, entry.Length);
                    if (LittleEndian.U32(entry, 0) == 0 && LittleEndian.U32(entry, 4) == 0)
                    {
                        // A free inode (§12.5): removed, or not yet used since the table grew.
                        free![inode] = true;
                        report.FreeInodes++;
                        continue;
                    }
                    AddRecordExtent(used!, reader, sb, inode, LittleEndian.U32(entry, 4), sink);
                }
                EclipseFsNode? node = parser.Parse(inode, sink);
                report.InodesChecked++;
                if (node == null)
                    continue;
                types[inode] = (byte)node.Type;
                nlink[inode] = node.Nlink;
                if (node.HasRecordCrc)
                    report.RecordCrcsChecked++;
                else
                    withoutRecordCrc.Add(inode);

                // The original writer packs records in inode order; a read-write volume places
                // them wherever there is space (overlaps are checked instead).
                if (!journaled)
                {
                    ulong relative = node.RecordOffset - sb.RecordAreaOffset;
                    if (relative != expectedRelative)
                        sink.Report(inode, "inode table entry " + inode + " relative_offset", parser.TableEntryOffset(inode) + 4,
                            "record starts at relative offset " + relative + ", but records are packed in inode order and this one should start at " + expectedRelative);
                    expectedRelative = relative + node.RecordSize;
                }

                if (node.Type == NodeType.Directory)
                {
                    if (node.Entries != null)
                        children[inode] = CheckDirectory(node, sink);
                }
                else if (node.HasContentCrc)
                {
                    uint crc = reader.Crc(_options.Crc32C, 0, node.ContentOffset, node.ContentLength);
                    report.ContentCrcsChecked++;
                    report.ContentBytesChecked += node.ContentLength;
                    if (crc != node.ContentCrc)
                        sink.Report(inode, "CONTENT_CRC32C", node.ContentOffset,
                            "stored 0x" + Hex.Upper(node.ContentCrc, 8) + " but the content's CRC-32C is 0x" + Hex.Upper(crc, 8));
                }
                if (!journaled && progress != null && (inode & 1023) == 0)
                    progress.Report(node.RecordOffset + node.RecordSize, total);
            }

            // One writer makes the whole image: records without the tag among records with it
            // mean the tag was damaged (a RECORD_CRC32C cannot cover its own header). A volume
            // changed at run time keeps the original writer's records until it rewrites them.
            if (!journaled && report.RecordCrcsChecked > 0)
                for (int i = 0; i < withoutRecordCrc.Count; i++)
                    sink.Report(withoutRecordCrc[i], "RECORD_CRC32C", EclipseFsException.NoOffset,
                        "missing, while " + report.RecordCrcsChecked + " other records carry one");

            if (free != null && free[EclipseFsLayout.RootInode])
                sink.Report(EclipseFsLayout.RootInode, "inode table entry 1", sb.InodeTableOffset, "the root (inode 1) is free (its inode-table entry is all zero)");
            else if (types[EclipseFsLayout.RootInode] != 0 && types[EclipseFsLayout.RootInode] != (byte)NodeType.Directory)
                sink.Report(EclipseFsLayout.RootInode, "NODE_TYPE", EclipseFsException.NoOffset, "the root (inode 1) is not a directory");
            else if (types[EclipseFsLayout.RootInode] != 0)
                WalkTree(n, types, free, references, children, report, sink);

            var lost = new List<uint>();
            for (uint inode = 1; inode <= n; inode++)
            {
                if (types[inode] == 0)
                    continue;
                if (inode != EclipseFsLayout.RootInode && references[inode] == 0)
                {
                    sink.Report(inode, "reachability", EclipseFsException.NoOffset, "no directory reachable from the root names this inode");
                    lost.Add(inode);
                    continue;
                }
                if (types[inode] == (byte)NodeType.Directory)
                {
                    uint subdirectories = 0;
                    uint[]? kids;
                    if (children.TryGetValue(inode, out kids))
                        for (int k = 0; k < kids.Length; k++)
                            if (kids[k] <= n && types[kids[k]] == (byte)NodeType.Directory)
                                subdirectories++;
                    if (nlink[inode] != 2 && nlink[inode] != 2 + subdirectories)
                    {
                        sink.Report(inode, "NLINK", EclipseFsException.NoOffset, "is " + nlink[inode] + "; a directory has 2 (the original writer's value) or 2 + its " + subdirectories + " subdirectories");
                        ex.NlinkInodes.Add(inode);
                        ex.NlinkWanted.Add(2);
                    }
                }
                else if (nlink[inode] != references[inode])
                {
                    sink.Report(inode, "NLINK", EclipseFsException.NoOffset, "is " + nlink[inode] + " but " + references[inode] + " directory entries name this inode");
                    ex.NlinkInodes.Add(inode);
                    ex.NlinkWanted.Add(references[inode]);
                }
            }
            if (lost.Count > 0)
                FindLostTops(n, types, lost, children, ex);

            if (used != null)
            {
                ex.Used = used.Map;
                ex.UnknownRecords = used.UnknownRecords;
                ex.Overlaps = used.Overlaps;
                if (ex.Journal != null)
                {
                    used.Compare(ex.Journal.FreeSpace, ex.Journal.PendingFree, reader.Length, ex, sink);
                    ex.SpaceCompared = true;
                    report.LeakedBytes = ex.LeakedBytes;
                    report.DoublyUsedBytes = ex.DoublyUsedBytes;
                }
            }
            if (progress != null)
                progress.Report(total, total);
            return ex;
        }

        /// <summary>
        /// Replays the log of <paramref name="device"/> into memory (an overlay: the device is never
        /// written) and returns a reader of the result; when the replay fails, reports why and
        /// returns <paramref name="deviceReader"/>, so the structure is checked as it is on the device.
        /// </summary>
        private ImageReader Replay(IBlockDevice device, ImageReader deviceReader, FsckExamination ex, IProblemSink sink)
        {
            var reader = new ImageReader(new OverlayBlockDevice(device), _options.CachedBlocks, ScanLineBytes);
            string? failure;
            try
            {
                Journal journal = Journal.Open(reader, _options.Crc32C)!;
                ex.Report.ReplayedTransactions = journal.Replay();
                journal.ParseFreeSpace();
                if (journal.DroppedUnfinishedTransaction)
                    ex.Report.Notes.Add("journal: the last transaction's record is whole but not all the bytes it wrote ahead are: an operation interrupted by a crash before its flush returned, which never happened (not replayed)");
                ex.Journal = journal;
                return reader;
            }
            catch (BlockDeviceException)
            {
                throw;
            }
            catch (EclipseFsException e)
            {
                failure = e.Problem;
                sink.Report(e.Inode, e.Field, e.Offset, "the log cannot be replayed: " + e.Problem + " (the structure is checked as it is on the device)");
            }
            catch (Exception e)
            {
                // A log record with a valid CRC but nonsense inside must not stop fsck.
                failure = e.Message;
                sink.Report(0, "journal", EclipseFsException.NoOffset, "the log cannot be replayed: " + e.Message + " (the structure is checked as it is on the device)");
            }
            ex.LogUnusable = "the log cannot be replayed: " + failure;
            return deviceReader;
        }

        /// <summary>Adds inode <paramref name="inode"/>'s record to the used space, when its header gives a usable extent.</summary>
        private static void AddRecordExtent(UsedSpace used, ImageReader reader, Superblock sb, uint inode, uint relative, IProblemSink sink)
        {
            ulong at = sb.RecordAreaOffset + relative;
            if (!reader.Contains(at, EclipseFsLayout.RecordHeaderSize))
            {
                used.UnknownRecords++;
                return;
            }
            ulong size = reader.U32(at + 4);
            if (size < EclipseFsLayout.RecordHeaderSize || !reader.Contains(at, size))
            {
                used.UnknownRecords++;
                return;
            }
            used.AddRecord(inode, at, size, sink);
        }

        /// <summary>
        /// Splits the unreachable inodes into the tops of lost subtrees (no other unreachable
        /// directory names them; reattaching them makes everything below reachable) and those
        /// reachable from no top (directory cycles), for the repair.
        /// </summary>
        private static void FindLostTops(uint n, byte[] types, List<uint> lost, Dictionary<uint, uint[]> children, FsckExamination ex)
        {
            var isLost = new bool[n + 1];
            var named = new bool[n + 1];
            for (int i = 0; i < lost.Count; i++)
                isLost[lost[i]] = true;
            uint[]? kids;
            for (int i = 0; i < lost.Count; i++)
                if (types[lost[i]] == (byte)NodeType.Directory && children.TryGetValue(lost[i], out kids))
                    for (int k = 0; k < kids.Length; k++)
                        if (kids[k] != 0 && kids[k] <= n && isLost[kids[k]])
                            named[kids[k]] = true;
            var below = new bool[n + 1];
            var stack = new List<uint>();
            for (int i = 0; i < lost.Count; i++)
                if (!named[lost[i]])
                {
                    ex.LostTops.Add(lost[i]);
                    stack.Add(lost[i]);
                    below[lost[i]] = true;
                }
            while (stack.Count > 0)
            {
                uint d = stack[stack.Count - 1];
                stack.RemoveAt(stack.Count - 1);
                if (types[d] != (byte)NodeType.Directory || !children.TryGetValue(d, out kids))
                    continue;
                for (int k = 0; k < kids.Length; k++)
                    if (kids[k] != 0 && kids[k] <= n && isLost[kids[k]] && !below[kids[k]])
                    {
                        below[kids[k]] = true;
                        stack.Add(kids[k]);
                    }
            }
            for (int i = 0; i < lost.Count; i++)
                if (!below[lost[i]])
                    ex.LostInCycles.Add(lost[i]);
        }

        /// <summary>Finds duplicate names; returns the children's inode numbers.</summary>
        private static uint[] CheckDirectory(EclipseFsNode node, IProblemSink sink)
        {
            byte[] e = node.Entries!;
            var kids = new List<uint>();
            var names = new Dictionary<string, int>();
            int p = 0;
            int index = 0;
            while (p + EclipseFsLayout.DirectoryEntryHeaderSize <= e.Length)
            {
                uint length = LittleEndian.U32(e, p);
                uint child = LittleEndian.U32(e, p + 4);
                int start = p + EclipseFsLayout.DirectoryEntryHeaderSize;
                if (length > (uint)(e.Length - start))
                    break; // framing problem already reported by the parser
                kids.Add(child);
                string? name = Utf8Name.Decode(e, start, (int)length);
                if (name != null)
                {
                    int first;
                    if (names.TryGetValue(name, out first))
                        sink.Report(node.Inode, "entry " + index + " name", node.EntriesOffset + (ulong)start,
                            "\"" + name + "\" is also the name of entry " + first + " (duplicate name)");
                    else
                        names[name] = index;
                }
                p = start + (int)length;
                index++;
            }
            return kids.ToArray();
        }

        /// <summary>
        /// Depth-first walk from the root with an explicit stack (no recursion, so a deep or
        /// cyclic image cannot exhaust the kernel stack): counts references, finds cycles and
        /// directories with two parents.
        /// </summary>
        private static void WalkTree(uint n, byte[] types, bool[]? free, uint[] references, Dictionary<uint, uint[]> children, FsckReport report, IProblemSink sink)
        {
            var state = new byte[n + 1]; // 0 unseen, 1 on the current path, 2 finished
            var stack = new List<uint>();
            var position = new List<int>();
            stack.Add(EclipseFsLayout.RootInode);
            position.Add(0);
            state[EclipseFsLayout.RootInode] = 1;
            report.DirectoriesReached = 1;
            while (stack.Count > 0)
            {
                int top = stack.Count - 1;
                uint dir = stack[top];
                uint[]? kids;
                if (!children.TryGetValue(dir, out kids) || position[top] >= kids.Length)
                {
                    state[dir] = 2;
                    stack.RemoveAt(top);
                    position.RemoveAt(top);
                    continue;
                }
                int index = position[top];
                position[top] = index + 1;
                uint child = kids[index];
                if (child == 0 || child > n)
                    continue; // reported by the parser
                if (free != null && free[child])
                {
                    sink.Report(dir, "entry " + index + " child_inode", EclipseFsException.NoOffset,
                        "points at inode " + child + ", which is free (its inode-table entry is all zero)");
                    continue;
                }
                references[child]++;
                if (types[child] != (byte)NodeType.Directory)
                    continue;
                if (state[child] == 1)
                    sink.Report(dir, "entry " + index + " child_inode", EclipseFsException.NoOffset,
                        "points at directory inode " + child + ", which contains this directory (a cycle)");
                else if (state[child] == 2)
                    sink.Report(dir, "entry " + index + " child_inode", EclipseFsException.NoOffset,
                        "points at directory inode " + child + ", which already has another parent");
                else
                {
                    state[child] = 1;
                    stack.Add(child);
                    position.Add(0);
                    report.DirectoriesReached++;
                }
            }
        }
    }
}
