using System;
using EclipseOS.EclipseFS;
using EclipseOS.Storage;
using Xunit;
using static EclipseOS.Tests.EclipseFS.ReadWrite.ReadWriteVolumes;

namespace EclipseOS.Tests.EclipseFS.ReadWrite
{
    public class SpaceReuseTests
    {
        /// <summary>
        /// <see cref="EclipseFsVolume.FreeBytes"/>: before the first change, everything after the
        /// original writer's packed header, table and records; after it, the log's map — a write
        /// takes its bytes (and a few for the record's head), and a create, write, unlink and
        /// sync gives back every byte, cycle after cycle.
        /// </summary>
        [Fact]
        public void Free_bytes_are_what_no_structure_uses_and_unlink_gives_back_what_a_write_took()
        {
            var builder = new EclipseOS.Kernel.Core.Simulated.EclipseFsImageBuilder();
            builder.AddFile(builder.Root, "readme.txt", "hello from the original writer\n");
            // Padded to whole bytes only: its length is where its last record ends.
            int packed = builder.Build(1_600_000_000, 1).Length;
            byte[] image = builder.Build(1_600_000_000, 512);
            Array.Resize(ref image, 8 << 20);
            EclipseFsVolume v = Mount(new RamDisk(image, 512, false));
            Assert.Null(v.Journal);
            Assert.Equal((ulong)((8 << 20) - packed), v.FreeBytes());

            ulong f = v.CreateFile(1, "big", 0x1A4);
            ulong afterCreate = v.FreeBytes();
            Assert.True(afterCreate < (ulong)((8 << 20) - packed) - v.Journal!.LogLength, "the log's " + v.Journal.LogLength + " bytes are not counted as used");
            var data = new byte[100_000];
            new Random(3).NextBytes(data);
            v.Write(f, 0, data, 0, data.Length);
            // The content's bytes, and a few more where the record's head encodes the larger size.
            Assert.InRange(afterCreate - v.FreeBytes(), (ulong)data.Length, (ulong)data.Length + 16);
            v.Unlink(1, "big");
            v.Sync();
            ulong cycleStart = v.FreeBytes();
            Assert.True(cycleStart > afterCreate, "unlinking gave back " + (cycleStart - (afterCreate - (ulong)data.Length)) + " bytes");
            for (int cycle = 0; cycle < 3; cycle++)
            {
                ulong g = v.CreateFile(1, "again", 0x1A4);
                v.Write(g, 0, data, 0, data.Length);
                Assert.True(v.FreeBytes() <= cycleStart - (ulong)data.Length, "cycle " + cycle + ": the write took less than its bytes");
                v.Unlink(1, "again");
                v.Sync();
                Assert.Equal(cycleStart, v.FreeBytes());
            }
        }

        /// <summary>
        /// The space test: 10,000 create/overwrite/delete cycles of 1 MiB files on a 64 MiB
        /// volume never run out of space, and nothing grows: free space, free extents and the
        /// inode table are the same at the end as after the first cycles.
        /// </summary>
        [Fact]
        public void Ten_thousand_create_overwrite_delete_cycles_of_1_MiB_files_on_64_MiB_reuse_the_space()
        {
            var disk = new RamDisk(OriginalStyleImage(64 << 20), 512, false);
            EclipseFsVolume v = Mount(disk);
            var data = new byte[1 << 20];
            var rng = new Random(11);
            ulong dir = v.CreateDirectory(1, "cycle", 0x1ED);
            ulong freeAfterWarmUp = 0;
            uint inodesAfterWarmUp = 0;
            int extentsMax = 0;
            for (int i = 0; i < 10_000; i++)
            {
                // Several files alive at once, so frees and allocations interleave.
                string name = "f" + (i % 7);
                if (v.LookupChild((uint)dir, name) != 0)
                    v.Unlink(dir, name);
                ulong f = v.CreateFile(dir, name, 0x1A4);
                rng.NextBytes(data.AsSpan(0, 4096));
                v.Write(f, 0, data, 0, data.Length);
                data[i % data.Length] ^= 0xFF;
                v.Write(f, 0, data, 0, data.Length);
                if (i == 100)
                {
                    v.Sync();
                    freeAfterWarmUp = v.Journal!.FreeSpace.TotalBytes;
                    inodesAfterWarmUp = v.Superblock.TotalInodes;
                }
                extentsMax = Math.Max(extentsMax, v.Journal!.FreeSpace.Count + v.Journal.PendingFree.Count);
            }
            v.Sync();
            Assert.Equal(inodesAfterWarmUp, v.Superblock.TotalInodes);
            Assert.Equal(freeAfterWarmUp, v.Journal!.FreeSpace.TotalBytes);
            Assert.True(extentsMax < 64, "free space split into " + extentsMax + " extents");
            EclipseFsVolume again = Mount(disk, writable: false);
            Assert.Equal(Show(Tree(again)), Show(new OriginalFormatReader(disk.Data).Tree()));
            Assert.Equal(data, ReadAll(again, again.ResolvePath("/cycle/f" + (9_999 % 7))));
        }
    }
}
