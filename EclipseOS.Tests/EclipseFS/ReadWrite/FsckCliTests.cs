using System;
using System.IO;
using System.Linq;
using System.Text;
using EclipseOS.Cli.Verbs;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Writing;
using EclipseOS.Storage;
using Xunit;
using static EclipseOS.Tests.EclipseFS.ReadWrite.ReadWriteVolumes;

namespace EclipseOS.Tests.EclipseFS.ReadWrite
{
    /// <summary><c>eclipse fsck [--repair] IMG</c> on image files: what it prints and its exit codes.</summary>
    public class FsckCliTests
    {
        /// <summary>A journaled image with leaked space and an unreachable symlink (the original root's "hosts" entry renamed away).</summary>
        private static byte[] DamagedJournaledImage(out uint hosts)
        {
            var disk = new RamDisk(OriginalStyleImage(8 << 20), 512, false);
            EclipseFsVolume v = Mount(disk);
            ulong motd = v.CreateFile(v.ResolvePath("/etc"), "motd", 0x1A4);
            v.Write(motd, 0, Encoding.UTF8.GetBytes("welcome\n"), 0, 8);
            SpaceMap free = v.Journal!.FreeSpace;
            int largest = Enumerable.Range(0, free.Count).OrderByDescending(free.LengthAt).First();
            Assert.True(free.Take(free.StartAt(largest) + 4096, 512));
            v.Sync();
            hosts = v.ResolvePath("/hosts");
            // The root is still the original writer's record (no CRC to give the edit away): its
            // "hosts" entry now names /etc/hostname, which so has two names and a wrong NLINK.
            EclipseFsNode root = v.GetNode(1);
            int p = (int)root.EntriesOffset;
            for (int i = 0; i < root.EntryCount; i++)
            {
                int length = BitConverter.ToInt32(disk.Data, p);
                if (Encoding.UTF8.GetString(disk.Data, p + 8, length) == "hosts")
                    BitConverter.TryWriteBytes(disk.Data.AsSpan(p + 4), v.ResolvePath("/etc/hostname"));
                p += 8 + length;
            }
            return disk.Data;
        }

        [Fact]
        public void Fsck_repair_prints_each_fix_and_a_second_fsck_is_clean()
        {
            using var tmp = new TempDirectory();
            string img = tmp.Combine("rw.img");
            File.WriteAllBytes(img, DamagedJournaledImage(out uint hosts));

            var check = new StringWriter();
            Assert.Equal(1, FsckVerb.Run(img, false, check));
            string text = check.ToString();
            Assert.Contains("free space at byte ", text);
            Assert.Contains("512 bytes in 1 extent are neither used nor free (leaked)", text);
            Assert.Contains("inode " + hosts + ": reachability", text);
            Assert.Contains("journaled (", text);

            var repair = new StringWriter();
            Assert.Equal(0, FsckVerb.Run(img, true, repair));
            string[] lines = repair.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            string[] fixes = lines.Where(l => l.StartsWith("fixed: ")).ToArray();
            Assert.Equal(4, fixes.Length);
            Assert.StartsWith("fixed: free space: rewrote the free-space map as the complement of the used extents", fixes[0]);
            Assert.Contains("512 leaked bytes in 1 extent are free again", fixes[0]);
            Assert.StartsWith("fixed: created /lost+found (inode ", fixes[1]);
            Assert.Equal("fixed: inode " + hosts + ": was unreachable, reattached as /lost+found/#" + hosts, fixes[2]);
            Assert.Matches(@"^fixed: inode \d+: NLINK 1 → 2 \(the directory entries naming it\)$", fixes[3]);
            Assert.DoesNotContain(lines, l => l.StartsWith("not repaired: "));
            Assert.Equal("after repair: clean", lines[^1]);

            Assert.Equal(0, EclipseOS.Cli.Program.Main(new[] { "fsck", img }));
            var again = new StringWriter();
            Assert.Equal(0, FsckVerb.Run(img, true, again));
            Assert.DoesNotContain("fixed:", again.ToString());
        }

        [Fact]
        public void Fsck_repair_fixes_what_it_can_and_exits_1_for_what_is_left()
        {
            using var tmp = new TempDirectory();
            string img = tmp.Combine("crc.img");
            byte[] bytes = DamagedJournaledImage(out _);
            var ram = new RamDisk(bytes, 512, true);
            EclipseFsVolume v = Mount(ram, writable: false);
            EclipseFsNode motd = v.GetNode(v.ResolvePath("/etc/motd"));
            bytes[motd.ContentOffset] ^= 0x20; // "Welcome": only CONTENT_CRC32C sees it
            File.WriteAllBytes(img, bytes);

            var output = new StringWriter();
            Assert.Equal(1, FsckVerb.Run(img, true, output));
            string text = output.ToString();
            Assert.Contains("fixed: free space: rewrote the free-space map", text);
            Assert.Contains("inode " + motd.Inode + ": CONTENT_CRC32C at byte " + motd.ContentOffset, text);
            Assert.Contains("not repaired: 1 problem(s) left: a repair fixes the free-space map, unreachable inodes and NLINK", text);
            Assert.EndsWith("after repair: 1 problem(s) left\n", text.Replace("\r\n", "\n"));
            Assert.Equal(1, EclipseOS.Cli.Program.Main(new[] { "fsck", img }));
        }

        [Fact]
        public void Fsck_repair_of_an_image_without_a_journal_changes_nothing_and_says_what_it_needs()
        {
            using var tmp = new TempDirectory();
            string img = tmp.Combine("original.img");
            byte[] bytes = OriginalStyleImage(1 << 20);
            File.WriteAllBytes(img, bytes);
            Assert.Equal(0, FsckVerb.Run(img, true, new StringWriter()));

            // An original-format root whose "hosts" entry names inode 99 (there are five).
            int at = bytes.AsSpan().IndexOf("hosts"u8);
            BitConverter.TryWriteBytes(bytes.AsSpan(at - 4), 99u);
            File.WriteAllBytes(img, bytes);
            var output = new StringWriter();
            Assert.Equal(1, FsckVerb.Run(img, true, output));
            Assert.Contains("not repaired: nothing changed: the volume has no journal", output.ToString());
            Assert.Contains("mount it read-write and change anything once", output.ToString());
            Assert.True(File.ReadAllBytes(img).AsSpan().SequenceEqual(bytes));
            Assert.Equal(1, EclipseOS.Cli.Program.Main(new[] { "fsck", "--repair", img }));
            Assert.Equal(2, EclipseOS.Cli.Program.Main(new[] { "fsck", "--repair", tmp.Combine("missing.img") }));
        }

        [Fact]
        public void Fsck_repair_with_a_damaged_anchor_exits_1_and_leaves_the_image_alone()
        {
            using var tmp = new TempDirectory();
            string img = tmp.Combine("anchor.img");
            byte[] bytes = DamagedJournaledImage(out _);
            bytes[EclipseOS.EclipseFS.Journaling.JournalLayout.AnchorOffset + 20] ^= 0x80;
            File.WriteAllBytes(img, bytes);
            var output = new StringWriter();
            Assert.Equal(1, FsckVerb.Run(img, true, output));
            Assert.Contains("journal anchor at byte 512: CRC-32C stored", output.ToString());
            Assert.Contains("not repaired: nothing changed: the journal anchor is damaged", output.ToString());
            Assert.DoesNotContain("fixed:", output.ToString());
            Assert.True(File.ReadAllBytes(img).AsSpan().SequenceEqual(bytes));
        }
    }
}
