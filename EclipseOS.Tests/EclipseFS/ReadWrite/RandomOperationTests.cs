using System;
using EclipseOS.EclipseFS;
using EclipseOS.Storage;
using Xunit;
using static EclipseOS.Tests.EclipseFS.ReadWrite.ReadWriteVolumes;

namespace EclipseOS.Tests.EclipseFS.ReadWrite
{
    public class RandomOperationTests
    {
        /// <summary>
        /// Random operation sequences: after every operation the volume equals the model; after
        /// each sequence a remount and the original-format reader see the same tree. The last two
        /// compact the free-space map whenever it holds more than a few extents (§12.9).
        /// </summary>
        [Theory]
        [InlineData(1, 400, 0)]
        [InlineData(2, 400, 0)]
        [InlineData(3, 400, 0)]
        [InlineData(4, 1500, 0)]
        [InlineData(5, 600, 3)]
        [InlineData(6, 600, 12)]
        public void The_volume_equals_the_model_after_every_operation_and_after_a_remount(int seed, int steps, int compactAbove)
        {
            var disk = new RamDisk(OriginalStyleImage(4 << 20), 512, false);
            EclipseFsVolume v = Mount(disk, compactAbove: compactAbove);
            var model = new RandomWorkload(seed, v);
            for (int i = 0; i < steps; i++)
            {
                string op = model.Step(v);
                string expected = Show(model.Tree());
                string actual = Show(Tree(v));
                Assert.True(expected == actual, "seed " + seed + " step " + i + " (" + op + "):\nexpected\n" + expected + "actual\n" + actual);
            }
            if (compactAbove > 0)
                Assert.True(v.RecordsCompacted > 0, "no record was moved");
            EclipseFsVolume again = Mount(disk, writable: false);
            Assert.Equal(Show(model.Tree()), Show(Tree(again)));
            Assert.Equal(Show(model.Tree()), Show(new OriginalFormatReader(disk.Data).Tree()));
        }
    }
}
