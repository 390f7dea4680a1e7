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
