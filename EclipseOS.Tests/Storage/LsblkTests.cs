using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using EclipseOS.Cli.Verbs;
using Xunit;

namespace EclipseOS.Tests.Storage
{
    [Collection(ToolImagesCollection.Name)]
    public class LsblkTests
    {
        private readonly ToolImages _images;

        public LsblkTests(ToolImages images)
        {
            _images = images;
        }

        private static (int Code, List<string[]> Rows, string Error) Lsblk(int blockSize, params string[] images)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int code = LsblkVerb.Run(images, blockSize, table: false, verbose: false, output, error);
            var rows = new List<string[]>();
            foreach (string line in output.ToString().Split('\n', System.StringSplitOptions.RemoveEmptyEntries))
                rows.Add(Regex.Split(line.Trim(), @"\s{1,}"));
            return (code, rows, error.ToString());
        }

        [Fact]
        public void ListsImagesAsVirtioDisksWithTheToolsPartitions()
        {
            var (code, rows, error) = Lsblk(512, _images.Gpt512, _images.Mbr);
            Assert.Equal(0, code);
            Assert.Equal("", error);
            Assert.Equal(new[] { "NAME", "SIZE", "BSIZE", "RO", "TYPE", "PTTYPE", "START", "PARTTYPE", "LABEL" }, rows[0]);
            Assert.Equal(new[] { "vda", "8M", "512", "1", "disk", "gpt", _images.Gpt512 }, rows[1]);
            var (_, gpt) = PartitionTool.Sgdisk(_images.Gpt512);
            for (int i = 0; i < gpt.Count; i++)
            {
                Assert.Equal("vda" + gpt[i].Number, rows[2 + i][0]);
                Assert.Equal(new[] { "512", "1", "part", "gpt", gpt[i].Start.ToString() }, rows[2 + i][2..7]);
            }
            Assert.Equal(new[] { "vda1", "1M", "512", "1", "part", "gpt", "2048", "Linux", "filesystem", "root", "fs" }, rows[2]);
            int mbrRow = 2 + gpt.Count;
            Assert.Equal(new[] { "vdb", "16M", "512", "1", "disk", "dos", _images.Mbr }, rows[mbrRow]);
            List<ToolPartition> mbr = PartitionTool.SfdiskDump(_images.Mbr).FindAll(p => p.Type != "5");
            for (int i = 0; i < mbr.Count; i++)
                Assert.Equal(new[] { "vdb" + mbr[i].Number, "part", "dos", mbr[i].Start.ToString() }, new[] { rows[mbrRow + 1 + i][0], rows[mbrRow + 1 + i][4], rows[mbrRow + 1 + i][5], rows[mbrRow + 1 + i][6] });
            Assert.Equal(mbrRow + 1 + mbr.Count, rows.Count);
        }

        [Fact]
        public void FourKiBImagesNeedTheirBlockSizeAndSaySoOtherwise()
        {
            var (code, rows, error) = Lsblk(4096, _images.Gpt4096);
            Assert.Equal(0, code);
            Assert.Equal(new[] { "vda1", "2M", "4096", "1", "part", "gpt", "256", "Linux", "filesystem", "root", "four" }, rows[2]);

            (code, rows, error) = Lsblk(512, _images.Gpt4096);
            Assert.Equal(0, code);
            Assert.Equal(2, rows.Count); // the disk, no partitions
            Assert.Contains("lsblk: vda: partition table unusable: vda: block 1: no usable GPT: primary header at LBA 1: signature is not \"EFI PART\"", error);
        }

        [Fact]
        public void MissingImageIsAClearError()
        {
            var (code, rows, error) = Lsblk(512, Path.Combine(_images.Directory, "missing.img"));
            Assert.Equal(2, code);
            Assert.Empty(rows);
            Assert.StartsWith("lsblk: disk image not found: ", error);
        }
    }
}
