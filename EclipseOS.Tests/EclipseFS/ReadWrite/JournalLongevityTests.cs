using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Fsck;
using EclipseOS.EclipseFS.Journaling;
using EclipseOS.EclipseFS.Tools.Hashing;
using EclipseOS.Storage;
using Xunit;
using static EclipseOS.Tests.EclipseFS.ReadWrite.ReadWriteVolumes;

namespace EclipseOS.Tests.EclipseFS.ReadWrite
{
    /// <summary>
    /// What a long-lived read-write volume needs beyond single operations: a free-space map that
    /// stays small enough for a checkpoint however fragmented the records become (§12.9), and a
    /// log that replays once after a power cut and never replays a stale record (§12.2).
    /// </summary>
    public class JournalLongevityTests
    {
        private static FsckReport Check(byte[] image) =>
            new EclipseFsChecker(new EclipseFsOptions { Crc32C = HardwareCrc32C.Instance }).Check(new RamDisk(image, 512, true), null);

        private static byte[] Content(int file) => Encoding.UTF8.GetBytes(("file " + file + " ").PadRight(150, (char)('a' + file % 26)));

        [Fact]
        public void Holes_between_records_are_compacted_before_the_checkpoint_could_not_hold_them()
        {
            // A 4 MiB volume has the smallest log half (64 KiB): a checkpoint holds about 3,000
            // extents. Deleting every other one of 4,000 small files leaves 2,000 holes between
            // live records, more than the half of that capacity the writer allows.
            var disk = new RamDisk(OriginalStyleImage(4 << 20), 512, false);
            EclipseFsVolume v = Mount(disk);
            var directories = new ulong[20];
            for (int d = 0; d < directories.Length; d++)
                directories[d] = v.CreateDirectory(1, "d" + d, 0x1ED);
            Journal journal = v.Journal ?? throw new InvalidOperationException("no journal after a change");
            const int Files = 4000;
            for (int f = 0; f < Files; f++)
            {
                ulong node = v.CreateFile(directories[f % 20], "f" + f, 0x1A4);
                byte[] content = Content(f);
                v.Write(node, 0, content, 0, content.Length);
            }
            int holesMade = 0, most = 0;
            for (int f = 0; f < Files; f += 2)
            {
                v.Unlink(directories[f % 20], "f" + f);
                holesMade++;
                most = Math.Max(most, journal.FreeSpace.Count + journal.PendingFree.Count);
            }
            v.Sync();

            Assert.True(holesMade > journal.CheckpointCapacity / 2, holesMade + " holes, capacity " + journal.CheckpointCapacity);
            Assert.True(v.RecordsCompacted > 0, "nothing was compacted");
            Assert.True(most <= journal.CheckpointCapacity / 2 + 1, "the free map reached " + most + " extents; a checkpoint holds " + journal.CheckpointCapacity);
            Assert.True(journal.FreeSpace.Count <= journal.CheckpointCapacity / 2, journal.FreeSpace.Count + " extents after the sync");

            // Every surviving file moved or not reads the same, through this reader and the original's.
            var expected = Tree(v);
            Assert.Equal(Files / 2, expected.Keys.Count(k => k.Contains("/f")));
            for (int f = 1; f < Files; f += 2)
            {
                ulong node = v.ResolvePath("/d" + (f % 20) + "/f" + f);
                Assert.Equal(Content(f), ReadAll(v, node));
            }
            Assert.Equal(Show(expected), Show(Tree(Mount(disk, writable: false))));
            Assert.Equal(Show(expected), Show(new OriginalFormatReader(disk.Data).Tree()));
            FsckReport report = Check(disk.Data);
            Assert.True(report.IsClean, string.Join("\n", report.Problems));
        }

        [Fact]
        public void A_writable_mount_after_a_power_cut_replays_once_and_a_read_only_one_never_writes()
        {
            var disk = new RamDisk(OriginalStyleImage(8 << 20), 512, false);
            EclipseFsVolume v = Mount(disk);
            v.Sync();
            for (int i = 0; i < 5; i++)
                v.CreateFile(1, "after-sync" + i, 0x1A4);
            var expected = Show(Tree(v));
            // The power cut: the volume object is dropped without a sync.

            byte[] crashed = (byte[])disk.Data.Clone();
            EclipseFsVolume readOnly = Mount(new RamDisk(crashed, 512, true), writable: false);
            Assert.Equal(5, readOnly.Journal!.ReplayedTransactions);
            Assert.Equal(expected, Show(Tree(readOnly)));

            EclipseFsVolume first = Mount(disk);
            Assert.Equal(5, first.Journal!.ReplayedTransactions);
            Assert.Equal(expected, Show(Tree(first)));
            EclipseFsVolume second = Mount(disk);
            Assert.Equal(0, second.Journal!.ReplayedTransactions);
            Assert.Equal(expected, Show(Tree(second)));
            Assert.True(Check(disk.Data).IsClean);
        }

        [Fact]
        public void Records_after_a_damaged_one_are_never_replayed_after_new_ones()
        {
            var disk = new RamDisk(OriginalStyleImage(8 << 20), 512, false);
            EclipseFsVolume v = Mount(disk);
            v.CreateDirectory(1, "x", 0x1ED); // the first change gives the volume its log
            v.Sync();
            byte[] synced = (byte[])disk.Data.Clone();
            v.CreateFile(1, "a", 0x1A4);
            v.CreateFile(1, "b", 0x1A4);
            Journal j = v.Journal!;
            List<FsckReadWriteTests.LogRecord> log = FsckReadWriteTests.NewestLog(disk.Data, j);
            Assert.Equal(3, log.Count);
            // The volume as the sync left it, with a's and b's transactions committed in the log
            // but not yet applied in place, and media damage in a's: the replay stops at once,
            // and b's valid record (the next number but one) stays in the log behind it. (A
            // replay that applies anything checkpoints at mount, which would hide the problem.)
            Array.Copy(disk.Data, (long)j.LogOffset, synced, (long)j.LogOffset, (long)j.LogLength);
            synced[log[1].Offset + JournalLayout.RecordHeaderLength + 3] ^= 0x40;
            var damaged = new RamDisk(synced, 512, false);

            EclipseFsVolume after = Mount(damaged);
            Assert.Equal(0, after.Journal!.ReplayedTransactions);
            // "d" has the name length of "a": its transaction is as long as a's, so in a's place it
            // would be followed by b's record, with the very next number.
            after.CreateFile(1, "d", 0x1A4);

            EclipseFsVolume again = Mount(damaged, writable: false);
            var names = again.ReadDirectory(1).Select(e => e.Name).ToList();
            Assert.Contains("d", names);
            Assert.DoesNotContain("a", names);
            Assert.DoesNotContain("b", names);
            FsckReport report = Check(synced);
            Assert.True(report.IsClean, string.Join("\n", report.Problems));
        }
    }
}
