using EclipseOS.Hal.Text;
using System.Collections.Generic;
using EclipseOS.EclipseFS.Format;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS.Fsck
{
    /// <summary>
    /// fsck for EclipseFS, kernel-side (no host APIs), so the kernel can run it too. Checks the
    /// header and its CRC, inode-table contiguity, record bounds, TLV framing, node types, SIZE
    /// against CONTENT, directory entries (existing inodes, names, duplicates), cycles,
    /// unreachable inodes, NLINK, and the RECORD/CONTENT CRC-32C tags; reports every problem.
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

        /// <summary>Checks the filesystem on <paramref name="device"/>; <paramref name="progress"/> may be null.</summary>
        public FsckReport Check(IBlockDevice device, IFsckProgress? progress)
        {
            var report = new FsckReport();
            var sink = new CollectingProblemSink(report, MaxProblems);
            // fsck reads the image front to back: 1 MiB cache lines make that a few large requests.
            var reader = new ImageReader(device, _options.CachedBlocks, ScanLineBytes);
            if (reader.Length < EclipseFsLayout.HeaderLength)
            {
                sink.Report(0, "header", 0, device.Name + " holds " + reader.Length + " bytes, less than the 65-byte header");
                return report;
            }
            var header = new byte[EclipseFsLayout.HeaderLength];
            reader.Read(0, header, 0, header.Length);
            Superblock? sb = Superblock.Parse(header, reader.Length, sink);
            if (sb == null)
                return report;

            uint n = sb.TotalInodes;
            var types = new byte[n + 1];          // 0: record unusable
            var nlink = new uint[n + 1];
            var references = new uint[n + 1];     // directory entries naming the inode
            var children = new Dictionary<uint, uint[]>();
            var parser = new RecordParser(reader, sb, _options.Crc32C);
            ulong total = reader.Length;
            ulong expectedRelative = 0;
            var withoutRecordCrc = new List<uint>();

            for (uint inode = 1; inode <= n; inode++)
            {
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

                ulong relative = node.RecordOffset - sb.RecordAreaOffset;
                if (relative != expectedRelative)
                    sink.Report(inode, "inode table entry " + inode + " relative_offset", parser.TableEntryOffset(inode) + 4,
                        "record starts at relative offset " + relative + ", but records are packed in inode order and this one should start at " + expectedRelative);
                expectedRelative = relative + node.RecordSize;

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
                if (progress != null && (inode & 1023) == 0)
                    progress.Report(node.RecordOffset + node.RecordSize, total);
            }

            // One writer makes the whole image: records without the tag among records with it
            // mean the tag was damaged (a RECORD_CRC32C cannot cover its own header).
            if (report.RecordCrcsChecked > 0)
                for (int i = 0; i < withoutRecordCrc.Count; i++)
                    sink.Report(withoutRecordCrc[i], "RECORD_CRC32C", EclipseFsException.NoOffset,
                        "missing, while " + report.RecordCrcsChecked + " other records carry one");

            if (types[EclipseFsLayout.RootInode] != 0 && types[EclipseFsLayout.RootInode] != (byte)NodeType.Directory)
                sink.Report(EclipseFsLayout.RootInode, "NODE_TYPE", EclipseFsException.NoOffset, "the root (inode 1) is not a directory");
            else if (types[EclipseFsLayout.RootInode] != 0)
                WalkTree(n, types, references, children, report, sink);

            for (uint inode = 1; inode <= n; inode++)
            {
                if (types[inode] == 0)
                    continue;
                if (inode != EclipseFsLayout.RootInode && references[inode] == 0)
                {
                    sink.Report(inode, "reachability", EclipseFsException.NoOffset, "no directory reachable from the root names this inode");
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
                        sink.Report(inode, "NLINK", EclipseFsException.NoOffset, "is " + nlink[inode] + "; a directory has 2 (the original writer's value) or 2 + its " + subdirectories + " subdirectories");
                }
                else if (nlink[inode] != references[inode])
                    sink.Report(inode, "NLINK", EclipseFsException.NoOffset, "is " + nlink[inode] + " but " + references[inode] + " directory entries name this inode");
            }
            if (progress != null)
                progress.Report(total, total);
            return report;
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
        private static void WalkTree(uint n, byte[] types, uint[] references, Dictionary<uint, uint[]> children, FsckReport report, IProblemSink sink)
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
