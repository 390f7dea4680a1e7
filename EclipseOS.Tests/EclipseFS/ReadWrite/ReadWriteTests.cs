using System;
using System.Text;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Fsck;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.Storage;
using Xunit;
using static EclipseOS.Tests.EclipseFS.ReadWrite.ReadWriteVolumes;

namespace EclipseOS.Tests.EclipseFS.ReadWrite
{
    public class ReadWriteTests
    {
        [Fact]
        public void Files_created_written_and_removed_survive_a_remount_and_read_the_same_through_the_original_format()
        {
            var disk = new RamDisk(OriginalStyleImage(8 << 20), 512, false);
            EclipseFsVolume v = Mount(disk);
            ulong docs = v.CreateDirectory(1, "docs", 0x1ED);
            ulong f = v.CreateFile(docs, "a.txt", 0x1A4);
            v.Write(f, 0, Encoding.UTF8.GetBytes("hello"), 0, 5);
            v.Write(f, 5, Encoding.UTF8.GetBytes(", world"), 0, 7);
            v.Write(f, 0, Encoding.UTF8.GetBytes("J"), 0, 1);
            v.CreateSymlink(docs, "link", "a.txt");
            v.Unlink(1, "readme.txt");
            v.Rename(1, "hosts", docs, "hosts2");
            v.SetAttributes(f, new VfsAttributeChange { SetMode = true, Mode = 0x180 });
            Assert.Equal("Jello, world", Encoding.UTF8.GetString(ReadAll(v, f)));

            var expected = Tree(v);
            EclipseFsVolume again = Mount(disk, writable: false);
            Assert.Equal(Show(expected), Show(Tree(again)));
            Assert.Equal(Show(expected), Show(new OriginalFormatReader(disk.Data).Tree()));
            Assert.Contains("/docs/a.txt file 600", Show(expected));
            Assert.DoesNotContain("readme", Show(expected));
        }

        [Fact]
        public void Hundreds_of_creates_grow_the_inode_table_and_every_file_stays_readable()
        {
            var disk = new RamDisk(OriginalStyleImage(8 << 20), 512, false);
            EclipseFsVolume v = Mount(disk);
            ulong dir = v.CreateDirectory(1, "many", 0x1ED);
            for (int i = 0; i < 300; i++)
            {
                ulong f = v.CreateFile(dir, "f" + i, 0x1A4);
                byte[] data = Encoding.UTF8.GetBytes("file number " + i);
                v.Write(f, 0, data, 0, data.Length);
            }
            Assert.True(v.Superblock.TotalInodes >= 305);
            EclipseFsVolume again = Mount(disk, writable: false);
            var tree = Tree(again);
            Assert.Equal(Show(tree), Show(new OriginalFormatReader(disk.Data).Tree()));
            uint f150 = again.ResolvePath("/many/f150");
            Assert.Equal("file number 150", Encoding.UTF8.GetString(ReadAll(again, f150)));
        }
    }
}
