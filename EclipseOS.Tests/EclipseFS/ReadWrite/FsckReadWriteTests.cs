using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Fsck;
using EclipseOS.EclipseFS.Journaling;
using EclipseOS.EclipseFS.Tools.Hashing;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.EclipseFS.Writing;
using EclipseOS.Storage;
using Xunit;
using static EclipseOS.Tests.EclipseFS.ReadWrite.ReadWriteVolumes;

namespace EclipseOS.Tests.EclipseFS.ReadWrite
{
    /// <summary>
    /// fsck on journaled volumes: real images changed through the engine on a RAM disk, then
    /// damaged by editing their bytes (a free-space map written without an extent or with a live
    /// record in it, an original-writer record edited, log records flipped) — checked, repaired
    /// and checked again.
    /// </summary>
    public class FsckReadWriteTests
    {
        private static EclipseFsOptions Options() => new EclipseFsOptions { Crc32C = HardwareCrc32C.Instance, Clock = new TestClock() };

        /// <summary>fsck on a read-only view of the bytes: a check that tried to write would throw.</summary>
        private static FsckReport Check(byte[] image)
        {
            byte[] before = (byte[])image.Clone();
            FsckReport report = new EclipseFsChecker(Options()).Check(new RamDisk(image, 512, true), null);
            Assert.True(before.AsSpan().SequenceEqual(image), "fsck changed the image");
            return report;
        }

        private static FsckRepairResult Repair(byte[] image) => new EclipseFsRepairer(Options()).Repair(new RamDisk(image, 512, false), null);

        private static string Show(FsckReport r) => string.Join("\n", r.Problems) + (r.Notes.Count > 0 ? "\nnotes: " + string.Join("\n", r.Notes) : "");

        private static string Show(FsckRepairResult r) =>
            "before:\n" + Show(r.Before) + "\nfixed:\n" + string.Join("\n", r.Fixes) + "\nnot repaired:\n" + string.Join("\n", r.NotRepaired) + "\nafter:\n" + Show(r.After);

        /// <summary>The original writer's small tree, then a run of operations through a read-write mount.</summary>
        private static RamDisk ChangedVolume(out EclipseFsVolume v)
        {
            var disk = new RamDisk(OriginalStyleImage(8 << 20), 512, false);
            v = Mount(disk);
            ulong docs = v.CreateDirectory(1, "docs", 0x1ED);
            ulong f = v.CreateFile(docs, "a.txt", 0x1A4);
            v.Write(f, 0, Encoding.UTF8.GetBytes("hello"), 0, 5);
            v.Write(f, 5, Encoding.UTF8.GetBytes(", world"), 0, 7);
            v.Write(f, 0, Encoding.UTF8.GetBytes("J"), 0, 1);
            v.CreateSymlink(docs, "link", "a.txt");
            v.Unlink(1, "readme.txt");
            v.Rename(1, "hosts", docs, "hosts2");
            v.SetAttributes(f, new VfsAttributeChange { SetMode = true, Mode = 0x180 });
            ulong many = v.CreateDirectory(1, "many", 0x1ED);
            for (int i = 0; i < 80; i++)
            {
                ulong g = v.CreateFile(many, "f" + i, 0x1A4);
                byte[] data = Encoding.UTF8.GetBytes("file number " + i);
                v.Write(g, 0, data, 0, data.Length);
            }
            for (int i = 0; i < 80; i += 3)
                v.Unlink(many, "f" + i);
            ulong big = v.CreateFile(docs, "big.bin", 0x1A4);
            var chunk = new byte[20000];
            new Random(5).NextBytes(chunk);
            for (int i = 0; i < 5; i++)
                v.Write(big, (ulong)(i * chunk.Length), chunk, 0, chunk.Length);
            return disk;
        }

        [Fact]
        public void A_volume_changed_at_run_time_checks_clean_before_and_after_a_checkpoint()
        {
            FsckReport original = Check(OriginalStyleImage(8 << 20));
            Assert.True(original.IsClean, Show(original));
            Assert.False(original.Journaled);

            RamDisk disk = ChangedVolume(out EclipseFsVolume v);
            FsckReport r = Check(disk.Data);
            Assert.True(r.IsClean, Show(r));
            Assert.True(r.Journaled);
            Assert.True(r.ReplayedTransactions > 0, "the log since the last checkpoint is replayed in memory");
            Assert.True(r.FreeInodes > 0, "unlinked inodes are free");
            Assert.Equal(v.Superblock.TotalInodes - r.FreeInodes, r.InodesChecked);
            Assert.Equal(0UL, r.LeakedBytes);
            Assert.Equal(0UL, r.DoublyUsedBytes);
            Assert.Empty(r.Notes);

            v.Sync();
            r = Check(disk.Data);
            Assert.True(r.IsClean, Show(r));
            Assert.Equal(0, r.ReplayedTransactions);
        }

        [Fact]
        public void Space_taken_out_of_the_free_map_is_reported_as_leaked_with_its_extent_and_repaired()
        {
            RamDisk disk = ChangedVolume(out EclipseFsVolume v);
            SpaceMap free = v.Journal!.FreeSpace;
            int largest = Enumerable.Range(0, free.Count).OrderByDescending(free.LengthAt).First();
            ulong lost = free.StartAt(largest) + 8192;
            Assert.True(free.Take(lost, 4096));
            v.Sync(); // a checkpoint that no longer lists those bytes

            FsckReport r = Check(disk.Data);
            FsckProblem p = Assert.Single(r.Problems);
            Assert.Equal("free space", p.Field);
            Assert.Equal(lost, p.Offset);
            Assert.Contains("4096 bytes in 1 extent are neither used nor free (leaked): " + lost + "+4096", p.Description);
            Assert.Equal(4096UL, r.LeakedBytes);

            FsckRepairResult fixedUp = Repair(disk.Data);
            Assert.True(fixedUp.IsClean, Show(fixedUp));
            string fix = Assert.Single(fixedUp.Fixes);
            Assert.Contains("4096 leaked bytes in 1 extent are free again", fix);
            Assert.Empty(fixedUp.NotRepaired);
            Assert.True(Check(disk.Data).IsClean);
            Assert.True(Mount(disk, writable: false).Journal!.FreeSpace.Take(lost, 4096), "the leaked bytes are free again");
        }

        [Fact]
        public void A_free_extent_over_a_live_record_is_reported_as_doubly_used_and_repaired_before_anything_reuses_it()
        {
            RamDisk disk = ChangedVolume(out EclipseFsVolume v);
            uint a = v.ResolvePath("/docs/a.txt");
            EclipseFsNode node = v.GetNode(a);
            Assert.True(v.Journal!.FreeSpace.Add(node.RecordOffset, node.RecordSize));
            v.Sync(); // a checkpoint that lists a.txt's record as free

            FsckReport r = Check(disk.Data);
            FsckProblem p = Assert.Single(r.Problems);
            Assert.Equal("free space", p.Field);
            Assert.Equal(a, p.Inode);
            Assert.Equal(node.RecordOffset, p.Offset);
            Assert.Contains(node.RecordSize + " bytes used by inode " + a + "'s record at " + node.RecordOffset, p.Description);
            Assert.Contains("doubly used", p.Description);
            Assert.Equal((ulong)node.RecordSize, r.DoublyUsedBytes);

            FsckRepairResult fixedUp = Repair(disk.Data);
            Assert.True(fixedUp.IsClean, Show(fixedUp));
            Assert.Contains(node.RecordSize + " doubly used bytes are no longer listed free", Assert.Single(fixedUp.Fixes));

            // Allocations after the repair keep away from a.txt: it reads the same after many creates.
            EclipseFsVolume w = Mount(disk);
            for (int i = 0; i < 40; i++)
                w.CreateFile(1, "new" + i, 0x1A4);
            Assert.Equal("Jello, world", Encoding.UTF8.GetString(ReadAll(Mount(disk, writable: false), a)));
            Assert.True(Check(disk.Data).IsClean);
        }

        [Fact]
        public void An_unreachable_inode_and_wrong_link_counts_are_reported_and_repaired()
        {
            // Operations that leave the root, /etc and readme.txt as the original writer wrote
            // them (no CRC tags), so their bytes can be edited as a damaged disk would have them.
            var disk = new RamDisk(OriginalStyleImage(8 << 20), 512, false);
            EclipseFsVolume v = Mount(disk);
            uint hostname = v.ResolvePath("/etc/hostname");
            v.Write(hostname, 0, Encoding.UTF8.GetBytes("eclipse2\n"), 0, 9);
            v.Sync();
            uint readme = v.ResolvePath("/readme.txt"), hosts = v.ResolvePath("/hosts"), etc = v.ResolvePath("/etc");
            Assert.True(Check(disk.Data).IsClean);

            // The root's "hosts" entry now names readme.txt: hosts is unreachable, readme has two names.
            EclipseFsNode root = v.GetNode(1);
            int entry = FindEntry(disk.Data, root, "hosts");
            BitConverter.TryWriteBytes(disk.Data.AsSpan(entry + 4), readme);
            // /etc's NLINK (the original writer's record: NLINK's value at record offset 107).
            EclipseFsNode etcNode = v.GetNode(etc);
            BitConverter.TryWriteBytes(disk.Data.AsSpan((int)etcNode.RecordOffset + 107), 7u);
            Assert.Equal(7u, Mount(disk, writable: false).Stat(etc).LinkCount);

            FsckReport r = Check(disk.Data);
            Assert.Contains(r.Problems, p => p.Inode == hosts && p.Field == "reachability");
            Assert.Contains(r.Problems, p => p.Inode == readme && p.Field == "NLINK" && p.Description == "is 1 but 2 directory entries name this inode");
            Assert.Contains(r.Problems, p => p.Inode == etc && p.Field == "NLINK" && p.Description.StartsWith("is 7;"));
            Assert.Equal(3, r.Problems.Count);

            FsckRepairResult fixedUp = Repair(disk.Data);
            Assert.True(fixedUp.IsClean, Show(fixedUp));
            Assert.Contains(fixedUp.Fixes, f => f.StartsWith("created /lost+found (inode "));
            Assert.Contains("inode " + hosts + ": was unreachable, reattached as /lost+found/#" + hosts, fixedUp.Fixes);
            Assert.Contains("inode " + readme + ": NLINK 1 → 2 (the directory entries naming it)", fixedUp.Fixes);
            Assert.Contains("inode " + etc + ": NLINK 7 → 2 (a directory)", fixedUp.Fixes);
            Assert.Empty(fixedUp.NotRepaired);

            FsckReport second = Check(disk.Data);
            Assert.True(second.IsClean, Show(second));
            EclipseFsVolume after = Mount(disk, writable: false);
            Assert.Equal(hosts, after.ResolvePath("/lost+found/#" + hosts));
            Assert.Equal("/etc/hostname", after.ReadLink(hosts));
            Assert.Equal(2u, after.Stat(readme).LinkCount);
            Assert.Equal(2u, after.Stat(etc).LinkCount);
            // The original format reader (the oracle) sees the repaired tree too.
            Assert.Contains("/lost+found/#" + hosts + " -> /etc/hostname", ReadWriteVolumes.Show(new OriginalFormatReader(disk.Data).Tree()));
        }

        [Fact]
        public void A_directory_entry_naming_a_free_inode_is_a_problem()
        {
            var disk = new RamDisk(OriginalStyleImage(8 << 20), 512, false);
            EclipseFsVolume v = Mount(disk);
            ulong gone = v.CreateFile(v.ResolvePath("/etc"), "gone", 0x1A4);
            v.Unlink(v.ResolvePath("/etc"), "gone");
            EclipseFsNode root = v.GetNode(1);
            uint etc = v.ResolvePath("/etc");
            int entry = FindEntry(disk.Data, root, "readme.txt");
            uint readme = BitConverter.ToUInt32(disk.Data, entry + 4);
            BitConverter.TryWriteBytes(disk.Data.AsSpan(entry + 4), (uint)gone);

            FsckReport r = Check(disk.Data);
            Assert.Contains(r.Problems, p => p.Inode == 1 && p.Field.EndsWith("child_inode") && p.Description == "points at inode " + gone + ", which is free (its inode-table entry is all zero)");
            Assert.Contains(r.Problems, p => p.Inode == readme && p.Field == "reachability");
            Assert.DoesNotContain(r.Problems, p => p.Inode == etc);
        }

        [Fact]
        public void Records_that_overlap_are_reported_by_both_inodes_and_the_repair_changes_nothing()
        {
            RamDisk disk = ChangedVolume(out EclipseFsVolume v);
            v.Sync();
            uint a = v.ResolvePath("/docs/a.txt"), link = v.ResolvePath("/docs/link");
            EclipseFsNode node = v.GetNode(a);
            // link's table entry now points at a.txt's record.
            int entry = (int)(v.Superblock.InodeTableOffset + (link - 1) * 8UL);
            BitConverter.TryWriteBytes(disk.Data.AsSpan(entry + 4), (uint)(node.RecordOffset - v.Superblock.RecordAreaOffset));

            FsckReport r = Check(disk.Data);
            (uint first, uint second) = link < a ? (link, a) : (a, link);
            FsckProblem overlap = Assert.Single(r.Problems, p => p.Field == "record");
            Assert.Equal(second, overlap.Inode);
            Assert.Equal(node.RecordOffset, overlap.Offset);
            Assert.Equal("inode " + second + "'s record at " + node.RecordOffset + " (" + node.RecordSize + " bytes) overlaps inode " + first + "'s record at "
                + node.RecordOffset + " (" + node.RecordSize + " bytes)", overlap.Description);
            Assert.Contains(r.Problems, p => p.Inode == link && p.Field == "record.inode");

            byte[] before = (byte[])disk.Data.Clone();
            FsckRepairResult result = Repair(disk.Data);
            Assert.Empty(result.Fixes);
            Assert.StartsWith("nothing changed: records overlap each other or the log", Assert.Single(result.NotRepaired));
            Assert.True(before.AsSpan().SequenceEqual(disk.Data));
        }

        [Fact]
        public void A_damaged_anchor_is_reported_and_the_repair_changes_nothing()
        {
            RamDisk disk = ChangedVolume(out _);
            disk.Data[JournalLayout.AnchorOffset + JournalLayout.AnchorVolumeIdField] ^= 1;
            FsckReport r = Check(disk.Data);
            Assert.True(r.Journaled);
            FsckProblem anchor = r.Problems.First();
            Assert.Equal("journal anchor", anchor.Field);
            Assert.Equal((ulong)JournalLayout.AnchorOffset, anchor.Offset);
            Assert.Contains("CRC-32C stored 0x", anchor.Description);

            byte[] before = (byte[])disk.Data.Clone();
            FsckRepairResult result = Repair(disk.Data);
            Assert.False(result.IsClean);
            Assert.Empty(result.Fixes);
            Assert.Contains("nothing changed: the journal anchor is damaged", Assert.Single(result.NotRepaired));
            Assert.True(before.AsSpan().SequenceEqual(disk.Data));
        }

        [Fact]
        public void A_damaged_committed_log_record_is_reported_and_a_repair_puts_it_behind_a_new_checkpoint()
        {
            RamDisk disk = ChangedVolume(out EclipseFsVolume v);
            v.Sync();
            ulong docs = v.ResolvePath("/docs");
            v.CreateFile(docs, "one", 0x1A4);
            v.CreateFile(docs, "two", 0x1A4);
            v.CreateFile(docs, "three", 0x1A4);
            string tree = ReadWriteVolumes.Show(Tree(v));
            List<LogRecord> log = NewestLog(disk.Data, v.Journal!);
            Assert.Equal(4, log.Count); // the checkpoint and three transactions
            LogRecord first = log[1];
            disk.Data[first.Offset + JournalLayout.RecordHeaderLength + 3] ^= 0x40;

            FsckReport r = Check(disk.Data);
            FsckProblem p = r.Problems.First(q => q.Field == "journal transaction");
            Assert.Equal((ulong)first.Offset, p.Offset);
            Assert.Contains("transaction " + first.Sequence + " has CRC-32C", p.Description);
            Assert.Contains("it was committed", p.Description);
            Assert.Equal(0, r.ReplayedTransactions);
            Assert.True(r.DoublyUsedBytes > 0, Show(r)); // the three creates' records are in space the log's map still lists free

            FsckRepairResult fixedUp = Repair(disk.Data);
            Assert.True(fixedUp.IsClean, Show(fixedUp));
            Assert.Contains("the damaged log records are behind the new checkpoint", Assert.Single(fixedUp.Fixes));
            Assert.Equal(0, fixedUp.After.ReplayedTransactions);
            Assert.True(Check(disk.Data).IsClean);
            Assert.Equal(tree, ReadWriteVolumes.Show(Tree(Mount(disk, writable: false))));
        }

        [Fact]
        public void A_last_log_record_torn_by_a_crash_is_a_note_and_a_damaged_older_one_a_problem()
        {
            RamDisk disk = ChangedVolume(out EclipseFsVolume v);
            v.Sync();
            v.CreateFile(1, "last", 0x1A4);
            List<LogRecord> log = NewestLog(disk.Data, v.Journal!);
            LogRecord last = log[^1];
            // What a crash during the next commit of a three-sector record leaves: its first
            // sector (the header) written, the other two not.
            int next = last.Offset + Align(last.Length);
            Array.Copy(disk.Data, last.Offset, disk.Data, next, JournalLayout.RecordHeaderLength);
            BitConverter.TryWriteBytes(disk.Data.AsSpan(next + JournalLayout.RecordSequenceField), last.Sequence + 1);
            BitConverter.TryWriteBytes(disk.Data.AsSpan(next + JournalLayout.RecordLengthField), 1500);
            Array.Fill(disk.Data, (byte)0x5A, next + JournalLayout.RecordHeaderLength, 1500 - JournalLayout.RecordHeaderLength);

            FsckReport r = Check(disk.Data);
            Assert.True(r.IsClean, Show(r));
            string note = Assert.Single(r.Notes);
            Assert.Contains("the log ends with transaction " + (last.Sequence + 1) + " at byte " + next, note);
            Assert.Contains("interrupted by a crash", note);

            // The older half's checkpoint, damaged: never used by the replay, but damage all the same.
            ulong half = v.Journal!.LogLength / 2;
            ulong older = log[0].Offset == (int)v.Journal.LogOffset ? v.Journal.LogOffset + half : v.Journal.LogOffset;
            disk.Data[older + JournalLayout.RecordHeaderLength + 1] ^= 0x10;
            r = Check(disk.Data);
            FsckProblem p = Assert.Single(r.Problems);
            Assert.Equal("journal checkpoint", p.Field);
            Assert.Equal(older, p.Offset);
            Assert.Contains("has CRC-32C", p.Description);
            FsckRepairResult fixedUp = Repair(disk.Data);
            Assert.True(fixedUp.IsClean, Show(fixedUp));
        }

        [Fact]
        public void A_damaged_newest_checkpoint_with_committed_transactions_after_it_is_a_problem_and_repaired()
        {
            RamDisk disk = ChangedVolume(out EclipseFsVolume v);
            v.Sync();
            ulong docs = v.ResolvePath("/docs");
            v.CreateFile(docs, "after", 0x1A4);
            List<LogRecord> log = NewestLog(disk.Data, v.Journal!);
            LogRecord checkpoint = log[0];
            Assert.Equal(JournalLayout.KindCheckpoint, checkpoint.Kind);
            disk.Data[checkpoint.Offset + JournalLayout.RecordHeaderLength + 5] ^= 0x01;

            FsckReport r = Check(disk.Data);
            FsckProblem p = r.Problems.First(q => q.Field == "journal checkpoint");
            Assert.Equal((ulong)checkpoint.Offset, p.Offset);
            Assert.Contains("committed transactions follow it", p.Description);
            Assert.Empty(r.Notes);

            FsckRepairResult fixedUp = Repair(disk.Data);
            Assert.True(fixedUp.IsClean, Show(fixedUp));
            // The new checkpoint's number is above every record still in the log: the stale
            // transaction after the damaged checkpoint can never follow it and be replayed.
            Assert.Contains("checkpoint " + (log[^1].Sequence + 1) + ")", Assert.Single(fixedUp.Fixes));
            Assert.Equal(0, fixedUp.After.ReplayedTransactions);
            EclipseFsVolume w = Mount(disk);
            for (int i = 0; i < 300; i++)
                w.CreateFile(1, "more" + i, 0x1A4); // checkpoints into both halves again
            FsckReport again = Check(disk.Data);
            Assert.True(again.IsClean, Show(again));
        }

        [Fact]
        public void A_checkpoint_map_out_of_order_under_a_valid_CRC_stops_the_first_change_and_fsck_but_not_reading()
        {
            RamDisk disk = ChangedVolume(out EclipseFsVolume v);
            v.Sync();
            string tree = ReadWriteVolumes.Show(Tree(v));
            LogRecord checkpoint = NewestLog(disk.Data, v.Journal!)[0];
            int map = checkpoint.Offset + JournalLayout.RecordHeaderLength;
            Assert.True(BitConverter.ToUInt32(disk.Data, map) >= 2, "the map needs two extents to swap");
            // The first two extents swapped: each still inside the volume, the order wrong. The
            // record's CRC is made valid again, so only the map's own checks can tell.
            var first = disk.Data.AsSpan(map + 4, 16).ToArray();
            Array.Copy(disk.Data, map + 20, disk.Data, map + 4, 16);
            first.CopyTo(disk.Data, map + 20);
            BitConverter.TryWriteBytes(disk.Data.AsSpan(checkpoint.Offset + JournalLayout.RecordCrcField), 0u);
            uint crc = HardwareCrc32C.Instance.Append(0, disk.Data, checkpoint.Offset, checkpoint.Length);
            BitConverter.TryWriteBytes(disk.Data.AsSpan(checkpoint.Offset + JournalLayout.RecordCrcField), crc);
            byte[] damaged = (byte[])disk.Data.Clone();

            // Reading needs no free-space map: the mount leaves it unparsed (§12.9).
            EclipseFsVolume w = Mount(disk);
            Assert.Equal(tree, ReadWriteVolumes.Show(Tree(w)));
            for (int attempt = 0; attempt < 2; attempt++)
            {
                VfsException e = Assert.Throws<VfsException>(() => w.CreateFile(1, "new" + attempt, 0x1A4));
                Assert.Contains("journal checkpoint", e.Message);
                Assert.Contains("at byte " + checkpoint.Offset, e.Message);
                Assert.Contains("free extent 1 at", e.Message);
                Assert.Contains("is out of order", e.Message);
                Assert.Contains("(run fsck)", e.Message);
            }
            Assert.True(damaged.AsSpan().SequenceEqual(disk.Data), "a refused change wrote to the device");

            FsckReport r = Check(disk.Data);
            FsckProblem p = r.Problems.First(q => q.Field == "journal checkpoint");
            Assert.Equal((ulong)checkpoint.Offset, p.Offset);
            Assert.Contains("is out of order", p.Description);
        }

        [Fact]
        public void Damaged_checkpoints_in_both_halves_are_reported_and_not_repaired()
        {
            RamDisk disk = ChangedVolume(out EclipseFsVolume v);
            v.Sync();
            Journal j = v.Journal!;
            ulong half = j.LogLength / 2;
            disk.Data[j.LogOffset + JournalLayout.RecordHeaderLength + 1] ^= 0x10;
            disk.Data[j.LogOffset + half + JournalLayout.RecordHeaderLength + 1] ^= 0x10;

            FsckReport r = Check(disk.Data);
            Assert.Equal(2, r.Problems.Count(p => p.Field == "journal checkpoint"));
            Assert.Contains(r.Problems, p => p.Field == "journal" && p.Description.StartsWith("the log cannot be replayed: neither log half starts with a valid checkpoint"));
            FsckRepairResult result = Repair(disk.Data);
            Assert.Empty(result.Fixes);
            Assert.StartsWith("nothing changed: the log cannot be replayed", Assert.Single(result.NotRepaired));
        }

        private static int FindEntry(byte[] image, EclipseFsNode dir, string name)
        {
            byte[] wanted = Encoding.UTF8.GetBytes(name);
            int p = (int)dir.EntriesOffset;
            for (int i = 0; i < dir.EntryCount; i++)
            {
                int length = BitConverter.ToInt32(image, p);
                if (image.AsSpan(p + 8, length).SequenceEqual(wanted))
                    return p;
                p += 8 + length;
            }
            throw new InvalidOperationException(name + " not in directory " + dir.Inode);
        }

        private static int Align(int n) => (n + 511) / 512 * 512;

        internal sealed record LogRecord(int Offset, uint Kind, ulong Sequence, int Length);

        /// <summary>The records of the log's newest half, from its checkpoint on, as they lie in the bytes (the format of docs §12.2).</summary>
        internal static List<LogRecord> NewestLog(byte[] image, Journal journal)
        {
            ulong half = journal.LogLength / 2;
            List<LogRecord>[] halves = { Records(image, (int)journal.LogOffset, (int)half), Records(image, (int)(journal.LogOffset + half), (int)half) };
            ulong Sequence(List<LogRecord> records) => records.Count > 0 ? records[0].Sequence : 0;
            return Sequence(halves[1]) > Sequence(halves[0]) ? halves[1] : halves[0];
        }

        private static List<LogRecord> Records(byte[] image, int start, int length)
        {
            var records = new List<LogRecord>();
            int at = start;
            while (at + JournalLayout.RecordHeaderLength <= start + length && BitConverter.ToUInt32(image, at) == JournalLayout.RecordMagic)
            {
                var r = new LogRecord(at, BitConverter.ToUInt32(image, at + JournalLayout.RecordKindField), BitConverter.ToUInt64(image, at + JournalLayout.RecordSequenceField),
                    BitConverter.ToInt32(image, at + JournalLayout.RecordLengthField));
                if (records.Count > 0 ? r.Sequence != records[^1].Sequence + 1 : r.Kind != JournalLayout.KindCheckpoint)
                    break;
                records.Add(r);
                at += Align(r.Length);
            }
            return records;
        }
    }
}
