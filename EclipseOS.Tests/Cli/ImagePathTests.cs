using System.Collections.Generic;
using System.IO;
using EclipseOS.Tests.EclipseFS;
using Xunit;

namespace EclipseOS.Tests.Cli
{
    /// <summary>
    /// What the image verbs say when IMG is not an image file at all: a directory or a path that
    /// does not exist must be named as such, not as a permission problem or a .NET message.
    /// </summary>
    public class ImagePathTests
    {
        /// <summary>The verb's arguments with <paramref name="image"/> as IMG.</summary>
        private static string[] Arguments(string verb, string image, TempDirectory tmp) => verb switch
        {
            "cat" or "stat" => new[] { verb, image, "/etc/motd" },
            "extract" => new[] { verb, image, tmp.Combine("out") },
            _ => new[] { verb, image },
        };

        public static IEnumerable<object[]> Verbs() =>
            new[] { new object[] { "ls" }, new object[] { "cat" }, new object[] { "stat" }, new object[] { "info" }, new object[] { "fsck" }, new object[] { "extract" } };

        [Theory]
        [MemberData(nameof(Verbs))]
        public void ADirectoryGivenAsTheImageIsNamedAsADirectory(string verb)
        {
            using var tmp = new TempDirectory();
            string directory = tmp.Combine("some", "directory");
            Directory.CreateDirectory(directory);
            (int exit, string output, string error) = EclipseProcess.RunText(Arguments(verb, directory, tmp));
            Assert.Equal(2, exit);
            Assert.Equal("", output);
            Assert.Equal("eclipse: " + directory + " is a directory, not an EclipseFS image or disk image\n", error);
            Assert.False(Directory.Exists(tmp.Combine("out")));
        }

        [Theory]
        [MemberData(nameof(Verbs))]
        public void AMissingImageIsNamedAsMissing(string verb)
        {
            using var tmp = new TempDirectory();
            string missing = tmp.Combine("nope.img");
            (int exit, string output, string error) = EclipseProcess.RunText(Arguments(verb, missing, tmp));
            Assert.Equal(2, exit);
            Assert.Equal("", output);
            Assert.Equal("eclipse: " + missing + ": no such file\n", error);
            Assert.False(Directory.Exists(tmp.Combine("out")));
        }
    }
}
