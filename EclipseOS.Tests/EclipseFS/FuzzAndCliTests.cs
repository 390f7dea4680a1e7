using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsCheck;
using EclipseOS.EclipseFS.Tools.Fuzzing;
using Xunit;

namespace EclipseOS.Tests.EclipseFS
{
    public class FuzzAndCliTests
    {
        [Fact]
        public void CsCheckSeededFuzzingFindsNothing()
        {
            var corpus = new List<byte[]>
            {
                CorruptionTests.Corpus("writer-tree.img"),
                CorruptionTests.Corpus("original-writer.img"),
                CorruptionTests.Corpus("writer-wide-dir.img"),
            };
            long executions = 0;
            Gen.Int.Sample(seed =>
            {
                FuzzReport r = new EclipseFsFuzzer(corpus, seed).Run(60, 100, null);
                executions += r.Executions;
                Assert.True(r.Findings.Count == 0, string.Join("\n", r.Findings));
                Assert.True(r.Rejected > 0);
            }, iter: 15, threads: 1);
            Assert.Equal(1500, executions);
        }

        [Fact]
        public void CliVerbsWorkOnBareAndGptImagesWithExitCodes()
        {
            using var tmp = new TempDirectory();
            string src = tmp.Combine("src");
            Directory.CreateDirectory(Path.Combine(src, "etc"));
            File.WriteAllText(Path.Combine(src, "etc", "motd"), "welcome\n");
            string bare = tmp.Combine("bare.img"), disk = tmp.Combine("disk.img");
            Assert.Equal(0, EclipseOS.Cli.Program.Main(new[] { "mkfs", src, "-o", bare }));
            Assert.Equal(0, EclipseOS.Cli.Program.Main(new[] { "mkfs", src, "-o", disk, "--gpt", "--size", "600M" }));
            Assert.Equal(600L << 20, new FileInfo(disk).Length);
            foreach (string img in new[] { bare, disk })
            {
                Assert.Equal(0, EclipseOS.Cli.Program.Main(new[] { "fsck", img }));
                Assert.Equal(0, EclipseOS.Cli.Program.Main(new[] { "ls", "-l", "-R", img }));
                Assert.Equal(0, EclipseOS.Cli.Program.Main(new[] { "stat", img, "/etc/motd" }));
                Assert.Equal(0, EclipseOS.Cli.Program.Main(new[] { "info", img }));
                Assert.Equal(2, EclipseOS.Cli.Program.Main(new[] { "stat", img, "/etc/missing" }));
                string outDir = tmp.Combine("out-" + Path.GetFileName(img));
                Assert.Equal(0, EclipseOS.Cli.Program.Main(new[] { "extract", img, outDir }));
                Assert.Equal("welcome\n", File.ReadAllText(Path.Combine(outDir, "etc", "motd")));
            }
            byte[] b = File.ReadAllBytes(bare);
            int at = b.AsSpan().IndexOf("welcome"u8);
            b[at] ^= 1;
            File.WriteAllBytes(bare, b);
            Assert.Equal(1, EclipseOS.Cli.Program.Main(new[] { "fsck", bare }));
            File.WriteAllBytes(bare, new byte[8192]);
            Assert.Equal(2, EclipseOS.Cli.Program.Main(new[] { "fsck", bare }));
            Assert.Equal(2, EclipseOS.Cli.Program.Main(new[] { "mkfs", tmp.Combine("nope"), "-o", tmp.Combine("x.img") }));
        }
    }
}
