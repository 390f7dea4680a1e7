using System;
using System.IO;
using Xunit;

namespace EclipseOS.Tests.Storage
{
    /// <summary>
    /// Disk images partitioned once per test run by the real tools, shared by the storage tests:
    /// a GPT by sgdisk (512-byte sectors), a GPT by fdisk with 4096-byte sectors, an MBR with
    /// primary, extended and logical partitions by sfdisk, and one with 4096-byte sectors by fdisk.
    /// </summary>
    public sealed class ToolImages : IDisposable
    {
        public ToolImages()
        {
            Directory = Path.Combine(Path.GetTempPath(), "eclipse-storage-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(Directory);

            Gpt512 = PartitionTool.NewImage(Directory, "gpt512.img", 8 << 20);
            PartitionTool.Run("sgdisk", "-n 1:2048:+1M -t 1:8300 -c 1:\"root fs\" -n 2:0:+2M -t 2:ef00 -c 2:ESP -n 3:0:+1M -t 3:8200 -n 5:0:0 -t 5:0700 -c 5:\"data 5\" " + Gpt512);

            Gpt4096 = PartitionTool.NewImage(Directory, "gpt4096.img", 32 << 20);
            // fdisk's dialogue: new GPT label, two partitions with types, then names in expert mode.
            PartitionTool.Run("fdisk", "-b 4096 " + Gpt4096,
                "g\nn\n1\n256\n+2M\nt\n0FC63DAF-8483-4772-8E79-3D69D8477DE4\nn\n2\n\n+4M\nt\n2\nC12A7328-F81F-11D2-BA4B-00A0C93EC93B\nx\nn\n1\nroot four\nn\n2\nESP\nr\nw\n");

            Mbr4096 = PartitionTool.NewImage(Directory, "mbr4096.img", 32 << 20);
            // fdisk's dialogue: DOS label, primary 1, extended 2, logical 5 (type 82) and 6.
            PartitionTool.Run("fdisk", "-b 4096 " + Mbr4096, "o\nn\np\n1\n256\n+2M\nn\ne\n2\n\n+12M\nn\nl\n\n+2M\nt\n5\n82\nn\nl\n\n+2M\nw\n");

            Mbr = PartitionTool.NewImage(Directory, "mbr.img", 16 << 20);
            PartitionTool.Run("sfdisk", "-q " + Mbr,
                "label: dos\nunit: sectors\nstart=2048, size=4096, type=83, bootable\nstart=6144, size=2048, type=7\nstart=8192, size=20480, type=5\n"
                + "start=10240, size=4096, type=83\nstart=16384, size=2048, type=82\nstart=20480, size=8192, type=c\n");
        }

        public string Directory { get; }

        public string Gpt512 { get; }

        public string Gpt4096 { get; }

        public string Mbr { get; }

        public string Mbr4096 { get; }

        public byte[] Bytes(string image) => File.ReadAllBytes(image);

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }

    [CollectionDefinition(Name)]
    public sealed class ToolImagesCollection : ICollectionFixture<ToolImages>
    {
        public const string Name = "partitioned images";
    }
}
