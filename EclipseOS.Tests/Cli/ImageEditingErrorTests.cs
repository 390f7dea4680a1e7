using System.IO;
using EclipseOS.Cli.EclipseFs;
using EclipseOS.Tests.EclipseFS;
using Xunit;
using static EclipseOS.Tests.Cli.EditedImages;

namespace EclipseOS.Tests.Cli
{
    /// <summary>
    /// What the image-changing verbs say and leave behind when they cannot do what was asked:
    /// one line naming IMG:PATH and the problem, exit 1 for a refused operation and 2 for an image
    /// that cannot be opened, and an image either untouched or changed exactly by the operations
    /// that finished before the failure.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public class ImageEditingErrorTests
    {
        private static string Source(TempDirectory tmp)
        {
            string src = tmp.Combine("src");
            Directory.CreateDirectory(Path.Combine(src, "etc", "conf.d"));
            File.WriteAllText(Path.Combine(src, "etc", "motd"), "welcome\n");
            File.WriteAllText(Path.Combine(src, "etc", "conf.d", "a.conf"), "a=1\n");
            return src;
        }

        /// <summary>Runs the tool, expecting <paramref name="exit"/> and exactly <paramref name="error"/> on stderr, nothing on stdout.</summary>
        private static void Fails(int exit, string error, params string[] arguments)
        {
            (int actual, string output, string said) = EclipseProcess.RunText(arguments);
            Assert.Equal(error + "\n", said);
            Assert.Equal(exit, actual);
            Assert.Equal("", output);
        }

        [Theory]
        [InlineData(Bare)]
        [InlineData(Gpt)]
        public void Refused_operations_name_the_path_and_the_problem_and_change_nothing(string layout)
        {
            using var tmp = new TempDirectory();
            string src = Source(tmp);
            string img = Make(tmp, src, layout);
            File.WriteAllText(tmp.Combine("file"), "x");
            string before = Hash(img);

            Fails(1, "eclipse: " + img + ":/nope: no such file or directory", "rm", img, "/nope");
            Fails(1, "eclipse: " + img + ":/nope: no such file or directory", "cp", img + ":/nope", tmp.Combine("out"));
            Fails(1, "eclipse: " + img + ":/nope/x: no such file or directory (/nope does not exist)", "mkdir", img, "/nope/x");
            Fails(1, "eclipse: " + img + ":/nope/x: no such file or directory (/nope does not exist)", "cp", tmp.Combine("file"), img + ":/nope/x");
            Fails(1, "eclipse: " + img + ":/etc/motd/x: /etc/motd is a file, not a directory", "mkdir", img, "/etc/motd/x");
            Fails(1, "eclipse: " + img + ":/nope: no such file or directory", "mv", img, "/nope", "/etc");
            Fails(1, "eclipse: " + img + ":/etc: exists", "mkdir", img, "/etc");
            Fails(1, "eclipse: " + img + ":/etc: is a directory (use rm -r)", "rm", img, "/etc");
            Fails(1, "eclipse: " + img + ":/: the root directory cannot be removed", "rm", "-r", img, "/");
            Fails(1, "eclipse: " + img + ":/etc: a directory cannot be moved into itself (" + img + ":/etc/conf.d/etc)", "mv", img, "/etc", "/etc/conf.d");
            Fails(1, "eclipse: " + img + ":/etc: a directory cannot be moved into itself (" + img + ":/etc/conf.d/x)", "mv", img, "/etc", "/etc/conf.d/x");
            Fails(1, "eclipse: " + img + ":/etc/motd: cannot replace a file with the directory " + img + ":/etc/conf.d", "mv", img, "/etc/conf.d", "/etc/motd");
            Fails(1, "eclipse: " + img + ":/etc: is a directory (use cp -r)", "cp", img + ":/etc", tmp.Combine("out"));
            Fails(1, "eclipse: " + src + ": is a directory (use cp -r)", "cp", src, img + ":/");
            Fails(1, "eclipse: " + tmp.Combine("missing") + ": no such file or directory", "cp", tmp.Combine("file"), tmp.Combine("missing"), img + ":/");
            Fails(1, "eclipse: " + img + ":/etc/motd: not a directory (several sources are copied into an existing directory)", "cp", tmp.Combine("file"), tmp.Combine("file"), img + ":/etc/motd");
            Fails(1, "eclipse: /dev/null: is a character device; EclipseFS holds only files, directories and symlinks", "cp", "/dev/null", img + ":/");
            Fails(1, "eclipse: " + img + ": is the image being changed", "cp", img, img + ":/");
            Assert.Equal(before, Hash(img));
            Assert.False(File.Exists(tmp.Combine("out")));
        }

        [Fact]
        public void Images_that_cannot_be_opened_for_changes_exit_2()
        {
            using var tmp = new TempDirectory();
            string img = Make(tmp, Source(tmp), Bare);
            string before = Hash(img);

            Fails(2, "eclipse: " + tmp.Combine("none.img") + ": no such file", "mkdir", tmp.Combine("none.img"), "/x");
            Fails(2, "eclipse: " + tmp.Combine("none.img") + ": no such file", "cp", tmp.Combine("src", "etc", "motd"), tmp.Combine("none.img") + ":/x");
            Fails(2, "eclipse: " + tmp.Path + " is a directory, not an EclipseFS image or disk image", "rm", tmp.Path, "/etc/motd");

            File.SetUnixFileMode(img, (UnixFileMode)0x124);
            Fails(2, "eclipse: " + img + ": the image file is write-protected (no write permission bits); `chmod u+w " + img + "` to let eclipse change it",
                "mkdir", img, "/x");
            Fails(2, "eclipse: " + img + ": the image file is write-protected (no write permission bits); `chmod u+w " + img + "` to let eclipse change it",
                "cp", tmp.Combine("src", "etc", "motd"), img + ":/x");
            // Reading out of a write-protected image still works.
            Ok("cp", img + ":/etc/motd", tmp.Combine("motd"));
            Assert.Equal("welcome\n", File.ReadAllText(tmp.Combine("motd")));
            File.SetUnixFileMode(img, (UnixFileMode)0x1A4);

            // While one writer holds the image, another is refused instead of corrupting it.
            using (EclipseFsImage.OpenForChanges(img))
                Fails(2, "eclipse: " + img + ": the image file cannot be opened for writing: The process cannot access the file '" + img +
                    "' because it is being used by another process.", "mv", img, "/etc/motd", "/motd");
            Assert.Equal(before, Hash(img));
            Ok("mv", img, "/etc/motd", "/motd");
            Assert.Contains("/motd file", Tree(img));
        }

        [Fact]
        public void A_bare_image_made_without_size_has_no_room_and_the_message_names_mkfs_size()
        {
            using var tmp = new TempDirectory();
            string src = Source(tmp);
            string img = tmp.Combine("exact.img");
            Ok("mkfs", src, "-o", img);
            string before = Hash(img);
            File.WriteAllText(tmp.Combine("file"), "x");
            (int exit, string output, string error) = EclipseProcess.RunText("cp", tmp.Combine("file"), img + ":/etc");
            Assert.Equal(1, exit);
            Assert.Equal("", output);
            Assert.StartsWith("eclipse: " + img + ":/etc/file: no space left on device for the 131072-byte log a writable EclipseFS needs; " + img +
                " is a bare filesystem image of 8K and is never grown: make a larger one with `eclipse extract " + img + " DIR` and `eclipse mkfs DIR -o NEW.img --size SIZE`", error);
            Assert.Equal(before, Hash(img));
            Assert.Equal(8192, new FileInfo(img).Length);
        }

        [Fact]
        public void Running_out_of_space_keeps_what_finished_removes_the_unfinished_and_says_which_is_which()
        {
            using var tmp = new TempDirectory();
            string src = Source(tmp);
            string model = tmp.Combine("model");
            CopyHostTree(src, model);
            string img = Make(tmp, src, Bare, 1 << 20);
            Ok("mkdir", img, "/data");
            MakeHostDirectory(Path.Combine(model, "data"));
            ulong free = FreeBytes(img);

            // More than the free space is refused before anything is written.
            File.WriteAllBytes(tmp.Combine("huge"), Bytes((int)free + 1, 1));
            string before = Hash(img);
            (int exit, _, string error) = EclipseProcess.RunText("cp", tmp.Combine("huge"), img + ":/data");
            Assert.Equal(1, exit);
            Assert.StartsWith("eclipse: " + img + ":/data: no space left on device: the sources hold ", error);
            Assert.Contains(" (" + free + " bytes) free; " + img + " is a bare filesystem image of 1M and is never grown", error);
            Assert.Equal(before, Hash(img));

            // Two files that fit only without the room their records take: the first is copied,
            // the second fails in the engine and leaves nothing, not even its hidden name.
            int first = (int)(free / 2);
            File.WriteAllBytes(tmp.Combine("a"), Bytes(first, 2));
            File.WriteAllBytes(tmp.Combine("b"), Bytes((int)free - first, 3));
            (exit, _, error) = EclipseProcess.RunText("cp", tmp.Combine("a"), tmp.Combine("b"), img + ":/data");
            Assert.Equal(1, exit);
            Assert.StartsWith("eclipse: " + img + ":/data/b: no space left on device: ", error);
            Assert.EndsWith(" (copied before the failure: " + img + ":/data/a)\n", error);
            CopyHostTree(tmp.Combine("a"), Path.Combine(model, "data", "a"));
            Assert.Equal(HostTree(model), Tree(img));

            // A new directory that does not fit is not left half-copied.
            string tree = tmp.Combine("tree");
            Directory.CreateDirectory(Path.Combine(tree, "sub"));
            File.WriteAllText(Path.Combine(tree, "small"), "small\n");
            File.WriteAllBytes(Path.Combine(tree, "sub", "rest"), Bytes((int)FreeBytes(img) - 6, 4));
            (exit, _, error) = EclipseProcess.RunText("cp", "-r", tree, img + ":/");
            Assert.Equal(1, exit);
            Assert.StartsWith("eclipse: " + img + ":/tree/sub/rest: no space left on device: ", error);
            Assert.Equal(HostTree(model), Tree(img));

            // Removing makes room again.
            Ok("rm", img, "/data/a");
            Ok("cp", "-r", tree, img + ":/");
            File.Delete(Path.Combine(model, "data", "a"));
            CopyHostTree(tree, Path.Combine(model, "tree"));
            Assert.Equal(HostTree(model), Tree(img));
        }

        [Fact]
        public void Mkdir_p_takes_back_the_parents_it_made_when_a_later_name_fails()
        {
            using var tmp = new TempDirectory();
            string src = Source(tmp);
            string model = tmp.Combine("model");
            CopyHostTree(src, model);
            string img = Make(tmp, src, Bare);
            string tooLong = new string('n', 256);
            Fails(1, "eclipse: " + img + ":/new/deeper/" + tooLong + ": name of 256 bytes is longer than 255 (made before the failure: " + img + ":/ok)",
                "mkdir", "-p", img, "/ok", "/new/deeper/" + tooLong);
            MakeHostDirectory(Path.Combine(model, "ok"));
            Assert.Equal(HostTree(model), Tree(img));
        }

        [Fact]
        public void Rm_of_a_path_that_an_earlier_path_removed_says_so_and_what_it_removed()
        {
            using var tmp = new TempDirectory();
            string src = Source(tmp);
            string model = tmp.Combine("model");
            CopyHostTree(src, model);
            string img = Make(tmp, src, Bare);
            Fails(1, "eclipse: " + img + ":/etc/conf.d: no such file or directory (/etc does not exist) (removed before the failure: " + img + ":/etc)",
                "rm", "-r", img, "/etc", "/etc/conf.d");
            Directory.Delete(Path.Combine(model, "etc"), recursive: true);
            Assert.Equal(HostTree(model), Tree(img));
        }

        [Fact]
        public void Image_file_names_with_colons_and_image_paths_with_dots_are_understood()
        {
            using var tmp = new TempDirectory();
            string src = Source(tmp);
            string img = tmp.Combine("disk:v1.img");
            EclipseOS.EclipseFS.Tools.Writing.ImageBuilder.Build(src, img, false, 16 << 20, 1_700_000_000, null);
            File.WriteAllText(tmp.Combine("file"), "colon\n");
            Ok("cp", tmp.Combine("file"), img + ":/etc/./conf.d/../new:name");
            Assert.Equal("colon\n", Ok("cat", img, "/etc/new:name"));
        }
    }
}
