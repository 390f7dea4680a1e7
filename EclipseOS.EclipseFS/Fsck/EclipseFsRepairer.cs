using System;
using System.Collections.Generic;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Journaling;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.EclipseFS.Writing;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS.Fsck
{
    /// <summary>
    /// fsck's repair (kernel-side, like the check). It changes only journaled volumes, only through
    /// their log — so a crash during a repair leaves the volume as before or repaired, never in
    /// between — and only what it can fix without guessing:
    /// <list type="bullet">
    /// <item>leaked or doubly used space (and a damaged checkpoint or lost log record, which
    /// leave the map wrong): the free-space map is rewritten as the exact complement of the used
    /// extents, as a new checkpoint;</item>
    /// <item>unreachable inodes: reattached, never freed — each top of a lost subtree becomes
    /// <c>/lost+found/#INODE</c> (the directory is made, mode 0700, when missing);</item>
    /// <item>a wrong NLINK: the record is rewritten through the writer with the number of
    /// directory entries naming it (files, symlinks) or 2 (directories, as both writers do).</item>
    /// </list>
    /// It refuses (changing nothing) when the log cannot be replayed, when records overlap each
    /// other or the log, or when a record's extent is unknown: the used space is then not known
    /// and a new map could hand out live bytes. Everything else fsck finds (CRC mismatches,
    /// malformed records, cycles) is left alone and reported again by the check after the repair.
    /// </summary>
    public sealed class EclipseFsRepairer
    {
        /// <summary>The directory unreachable inodes are reattached to.</summary>
        public const string LostAndFound = "lost+found";

        private readonly EclipseFsOptions _options;

        /// <summary>
        /// Creates a repairer; <paramref name="options"/> supplies the CRC-32C implementation, cache
        /// sizes and the clock for the times of changed directories (without one they keep theirs).
        /// </summary>
        public EclipseFsRepairer(EclipseFsOptions options)
        {
            _options = options;
        }

        /// <summary>
        /// Checks <paramref name="device"/>, repairs what can be repaired safely and checks again.
        /// <paramref name="progress"/> (may be null) follows the first check.
        /// </summary>
        public FsckRepairResult Repair(IBlockDevice device, IFsckProgress? progress)
        {
            var checker = new EclipseFsChecker(_options);
            var result = new FsckRepairResult();
            FsckExamination ex = checker.Examine(device, progress);
            result.Before = ex.Report;
            result.After = ex.Report;
            if (ex.Report.IsClean)
                return result;
            string? refusal = Refusal(ex, device);
            if (refusal != null)
            {
                result.NotRepaired.Add("nothing changed: " + refusal);
                return result;
            }
            EclipseFsVolume volume;
            try
            {
                volume = EclipseFsVolume.Mount(device, new EclipseFsOptions
                {
                    Writable = true, Clock = _options.Clock, Crc32C = _options.Crc32C, CachedBlocks = _options.CachedBlocks,
                });
            }
            catch (EclipseFsException e)
            {
                result.NotRepaired.Add("nothing changed: mounting read-write failed: " + e.Message);
                return result;
            }
            if (volume.IsReadOnly)
            {
                result.NotRepaired.Add("nothing changed: " + volume.ReadOnlyReason);
                return result;
            }

            // The mount replayed the log onto the device: work from exactly what is there now.
            ex = checker.Examine(device, null);
            refusal = Refusal(ex, device);
            if (refusal != null)
            {
                result.NotRepaired.Add("nothing changed: " + refusal);
                result.After = ex.Report;
                return result;
            }
            // The map first: every later fix allocates from it.
            if (ex.FreeSpaceWrong || ex.LogDamaged)
                RewriteFreeSpace(volume, ex, result);
            for (int i = 0; i < ex.LostInCycles.Count; i++)
                result.NotRepaired.Add("inode " + ex.LostInCycles[i] + ": unreachable, and named only by unreachable directories that form a cycle: not reattached");
            if (ex.LostTops.Count > 0 && Reattach(volume, ex.LostTops, result))
                ex = checker.Examine(device, null); // the reattached inodes' links count now
            FixLinkCounts(volume, ex, result);
            result.After = checker.Check(device, null);
            if (!result.After.IsClean)
                result.NotRepaired.Add(result.After.Problems.Count + " problem(s) left: a repair fixes the free-space map, unreachable inodes and NLINK; "
                    + "damaged records, CRC mismatches and directory cycles need the data restored or a look by hand");
            return result;
        }

        /// <summary>Why nothing may be changed, or null.</summary>
        private static string? Refusal(FsckExamination ex, IBlockDevice device)
        {
            if (!ex.Journaled)
                return "the volume has no journal (an image as mkfs or the original writer made it). A repair changes a volume only through its log: "
                    + "mount it read-write and change anything once (that creates the log), then run the repair again";
            if (ex.LogUnusable != null)
                return ex.LogUnusable + ": without the log, a repair could undo committed operations or hand out space they use";
            if (ex.Used == null)
                return "the header is unusable";
            if (ex.Overlaps > 0)
                return "records overlap each other or the log: a repair would free bytes another record still uses (the overlapping records need a look by hand)";
            if (ex.UnknownRecords > 0)
                return ex.UnknownRecords + " live inodes' records have no usable record_size, so the used space is not known";
            if (device.IsReadOnly)
                return "the device " + device.Name + " is read-only";
            return null;
        }

        private static void RewriteFreeSpace(EclipseFsVolume volume, FsckExamination ex, FsckRepairResult result)
        {
            Journal journal = volume.Journal!;
            SpaceMap free = SpaceUsage.Complement(ex.Used!, volume.DeviceBytes);
            journal.CheckpointWith(free, ex.LogHighestSequence);
            string what = "";
            if (ex.LeakedBytes > 0)
                what += "; " + ex.LeakedBytes + " leaked bytes in " + ExtentSets.Count(ex.LeakedExtents) + " are free again";
            if (ex.DoublyUsedBytes > 0)
                what += "; " + ex.DoublyUsedBytes + " doubly used bytes are no longer listed free";
            if (ex.FreedTwiceBytes > 0)
                what += "; " + ex.FreedTwiceBytes + " bytes freed twice are free once";
            if (ex.LogDamaged)
                what += "; the damaged log records are behind the new checkpoint";
            result.Fixes.Add("free space: rewrote the free-space map as the complement of the used extents (" + free.TotalBytes + " bytes free in "
                + ExtentSets.Count(free.Count) + ", checkpoint " + journal.Sequence + ")" + what);
        }

        /// <summary>Names each of <paramref name="tops"/> in /lost+found, in one transaction; returns whether it did.</summary>
        private bool Reattach(EclipseFsVolume volume, List<uint> tops, FsckRepairResult result)
        {
            uint directory;
            try
            {
                directory = volume.LookupChild(EclipseFsLayout.RootInode, LostAndFound);
                if (directory == 0)
                {
                    directory = (uint)volume.CreateDirectory(EclipseFsLayout.RootInode, LostAndFound, 0x1C0);
                    result.Fixes.Add("created /" + LostAndFound + " (inode " + directory + ") for unreachable inodes");
                }
                else if (!volume.GetNode(directory).IsDirectory)
                {
                    result.NotRepaired.Add(tops.Count + " unreachable inodes not reattached: /" + LostAndFound + " exists and is not a directory");
                    return false;
                }
                var names = new List<string>();
                VolumeWriter w = volume.Writer();
                VolumeChange c = w.Begin();
                try
                {
                    EclipseFsNode dir = volume.GetNode(directory);
                    byte[]? entries = dir.Entries;
                    for (int i = 0; i < tops.Count; i++)
                    {
                        string name = "#" + tops[i];
                        for (uint k = 2; DirectoryEntryList.Find(entries, Utf8Name.Encode(name)) >= 0; k++)
                            name = "#" + tops[i] + "." + k;
                        entries = DirectoryEntryList.Add(entries, Utf8Name.Encode(name), tops[i]);
                        names.Add(name);
                    }
                    NodeMetadata m = NodeMetadata.Of(dir);
                    if (_options.Clock != null)
                        m.Mtime = m.Ctime = w.Now;
                    w.StageRecord(c, directory, RecordEncoder.Record(w.Crc, m, entries!, entries!.Length), dir);
                    w.Commit(c);
                }
                catch (Exception e)
                {
                    w.Abandon(c, e);
                    throw;
                }
                for (int i = 0; i < tops.Count; i++)
                    result.Fixes.Add("inode " + tops[i] + ": was unreachable, reattached as /" + LostAndFound + "/" + names[i]);
                return true;
            }
            catch (EclipseFsException e)
            {
                result.NotRepaired.Add(tops.Count + " unreachable inodes not reattached: " + e.Message);
            }
            catch (VfsException e)
            {
                result.NotRepaired.Add(tops.Count + " unreachable inodes not reattached: " + e.Message);
            }
            return false;
        }

        /// <summary>Rewrites each record whose NLINK is wrong, through the writer's own attribute change.</summary>
        private static void FixLinkCounts(EclipseFsVolume volume, FsckExamination ex, FsckRepairResult result)
        {
            for (int i = 0; i < ex.NlinkInodes.Count; i++)
            {
                uint inode = ex.NlinkInodes[i];
                try
                {
                    VolumeWriter w = volume.Writer();
                    EclipseFsNode node = volume.GetNode(inode);
                    NodeMetadata m = NodeMetadata.Of(node);
                    m.Nlink = ex.NlinkWanted[i];
                    new FileContentWriter(w).SetAttributes(node, m, new NamespaceOperations(w));
                    result.Fixes.Add("inode " + inode + ": NLINK " + node.Nlink + " → " + m.Nlink
                        + (node.IsDirectory ? " (a directory)" : " (the directory entries naming it)"));
                }
                catch (EclipseFsException e)
                {
                    result.NotRepaired.Add("inode " + inode + ": NLINK not fixed: " + e.Message);
                }
                catch (VfsException e)
                {
                    result.NotRepaired.Add("inode " + inode + ": NLINK not fixed: " + e.Message);
                }
            }
        }
    }

    /// <summary>What <see cref="EclipseFsRepairer.Repair"/> did.</summary>
    public sealed class FsckRepairResult
    {
        /// <summary>The check before the repair.</summary>
        public FsckReport Before { get; internal set; } = null!;

        /// <summary>The check after it (the same report when nothing was changed).</summary>
        public FsckReport After { get; internal set; } = null!;

        /// <summary>One line per change made.</summary>
        public List<string> Fixes { get; } = new List<string>();

        /// <summary>What was left alone, and why.</summary>
        public List<string> NotRepaired { get; } = new List<string>();

        /// <summary>Whether the volume is clean after the repair.</summary>
        public bool IsClean => After.IsClean;
    }
}
