using System;
using System.IO;
using System.Linq;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Tools.Extraction;
using Xunit;

namespace EclipseOS.Tests.EclipseFS
{
    /// <summary>Hostile images must not write a single file outside the target.</summary>
    public class ExtractTests
    {
        private static void AssertRefusedAndContained(RawImage img, string expected)
        {
            using var tmp = new TempDirectory();
            string target = tmp.Combine("a", "b", "target");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            byte[] bytes = img.Build();
            // The reader itself refuses some names (at mount, as the root's entries are checked);
            // the extractor refuses the rest.
            Exception e = Assert.ThrowsAny<Exception>(() =>
                new EclipseFsExtractor(EclipseFsVolume.Mount(new MemoryBlockDevice(bytes, 512)), null).Extract(target));
            Assert.True(e is ExtractException || e is EclipseFsException, e.ToString());
            Assert.Contains(expected, e.Message);
            // Nothing anywhere in the scratch tree except the target directory and what is under it.
            foreach (string p in EntriesNotFollowingSymlinks(tmp.Path))
                Assert.True(p == tmp.Combine("a") || p == tmp.Combine("a", "b") || p.StartsWith(target, StringComparison.Ordinal), "written outside: " + p);
            Assert.False(File.Exists("/tmp/eclipsefs-escape"));
        }

        /// <summary>
        /// Every entry below <paramref name="directory"/>, not descending into symlinks: .NET's
        /// recursive enumeration follows them, and an extracted link to /tmp (refused images make
        /// one before the refusal) would walk all of /tmp — forever once a killed run has left
        /// such a link behind in it.
        /// </summary>
        private static System.Collections.Generic.IEnumerable<string> EntriesNotFollowingSymlinks(string directory)
        {
            foreach (string p in Directory.EnumerateFileSystemEntries(directory))
            {
                yield return p;
                if (Directory.Exists(p) && new FileInfo(p).LinkTarget == null)
                    foreach (string below in EntriesNotFollowingSymlinks(p))
                        yield return below;
            }
        }

        [Theory]
        [InlineData("..", "name")]
        [InlineData("../../../../../../../../tmp/eclipsefs-escape", "name")]
        [InlineData("/tmp/eclipsefs-escape", "name")]
        [InlineData("x\0y", "name")]
        [InlineData(".", "name")]
        [InlineData("", "name")]
        [InlineData("..\\..\\eclipsefs-escape", "separator")]
        [InlineData("bell\u0007", "control")]
        public void HostileNamesAreRefused(string name, string expected)
        {
            var img = new RawImage();
            img.Dir(("ok", 2), (name, 3));
            img.File(new byte[] { 1 });
            img.File(new byte[] { 2 });
            AssertRefusedAndContained(img, expected);
        }

        [Theory]
        [InlineData("same", "same")]
        [InlineData("Readme", "README")]
        public void CollidingNamesAreRefused(string first, string second)
        {
            var img = new RawImage();
            img.Dir((first, 2), (second, 3));
            img.File(new byte[] { 1 });
            img.Symlink("/etc/passwd");
            AssertRefusedAndContained(img, "collides");
        }

        [Fact]
        public void ASymlinkThenAFileOfTheSameNameCannotWriteThroughTheLink()
        {
            var img = new RawImage();
            img.Dir(("link", 2), ("LINK", 3));
            img.Symlink("/tmp");
            img.Dir(("eclipsefs-escape", 4));
            img.File(new byte[] { 9 });
            AssertRefusedAndContained(img, "collides");
        }

        [Theory]
        [InlineData("")]
        [InlineData("a\0b")]
        public void SymlinksWithEmptyOrNulTargetsAreRefused(string target)
        {
            var img = new RawImage();
            img.Dir(("l", 2));
            img.Symlink(target);
            AssertRefusedAndContained(img, "symlink");
        }

        [Fact]
        public void DirectoryCyclesStopExtraction()
        {
            var img = new RawImage();
            img.Dir(("sub", 2));
            img.Dir(("again", 1));
            AssertRefusedAndContained(img, "second time");
        }

        [Fact]
        public void ANonEmptyTargetIsRefused()
        {
            using var tmp = new TempDirectory();
            File.WriteAllText(tmp.Combine("existing"), "x");
            var v = EclipseFsVolume.Mount(new MemoryBlockDevice(HandBuiltImageTests.OriginalStyle(), 512));
            var e = Assert.Throws<ExtractException>(() => new EclipseFsExtractor(v, null).Extract(tmp.Path));
            Assert.Contains("empty", e.Message);
            Assert.Single(Directory.EnumerateFileSystemEntries(tmp.Path));
        }

        [Fact]
        public void SymlinksAreCreatedNotFollowedAndBadContentIsDeleted()
        {
            using var tmp = new TempDirectory();
            var v = EclipseFsVolume.Mount(new MemoryBlockDevice(HandBuiltImageTests.OriginalStyle(), 512), new EclipseFsOptions { VerifyContentOnRead = false });
            ExtractResult r = new EclipseFsExtractor(v, null).Extract(tmp.Combine("t"));
            Assert.Equal(2, r.Directories); // the target and zeta
            Assert.Equal(4, r.Files);
            Assert.Equal(1, r.Symlinks);
            Assert.Equal("zeta/inner.txt", new FileInfo(tmp.Combine("t", "link")).LinkTarget);
            Assert.Equal(HandBuiltImageTests.Big, File.ReadAllBytes(tmp.Combine("t", "big.bin")));
            Assert.Equal(new[] { "big.bin", "empty", "hello.txt", "link", "zeta" },
                Directory.GetFileSystemEntries(tmp.Combine("t")).Select(Path.GetFileName).OrderBy(x => x, StringComparer.Ordinal));
        }
    }
}
