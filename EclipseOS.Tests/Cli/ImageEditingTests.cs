using System.IO;
using EclipseOS.Tests.EclipseFS;
using Xunit;
using static EclipseOS.Tests.Cli.EditedImages;

namespace EclipseOS.Tests.Cli
{
    /// <summary>
    /// <c>eclipse cp</c>, <c>mkdir</c>, <c>rm</c> and <c>mv</c> on a bare image and on a whole GPT
    /// disk image, each run as a user runs it (a child process). The image is judged by a
    /// read-only mount and by the independent original-format reader, which must read the same
    /// tree, and that tree must equal a host directory changed the same way.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public class ImageEditingTests
    {
        /// <summary>The tree images are made from: a file, a private file, a script, a symlink, a 750 directory.</summary>
        private static string Source(TempDirectory tmp)
        {
            string src = tmp.Combine("src");
            Directory.CreateDirectory(Path.Combine(src, "etc"));
            Directory.CreateDirectory(Path.Combine(src, "bin"));
            File.WriteAllText(Path.Combine(src, "etc", "motd"), "welcome\n");
            File.WriteAllText(Path.Combine(src, "etc", "secret"), "hush\n");
            File.SetUnixFileMode(Path.Combine(src, "etc", "secret"), (UnixFileMode)0x180);
            File.WriteAllText(Path.Combine(src, "bin", "hello"), "#!/bin/sh\necho hello\n");
            File.SetUnixFileMode(Path.Combine(src, "bin", "hello"), (UnixFileMode)0x1ED);
            File.SetUnixFileMode(Path.Combine(src, "bin"), (UnixFileMode)0x1E8);
            File.CreateSymbolicLink(Path.Combine(src, "motd"), "etc/motd");
            return src;
        }

        /// <summary>A model of the image: a copy of the source tree that the test changes as the verbs change the image.</summary>
        private static string Model(TempDirectory tmp, string src)
        {
            string model = tmp.Combine("model");
            CopyHostTree(src, model);
            return model;
        }

        [Theory]
        [InlineData(Bare)]
        [InlineData(Gpt)]
        public void Files_of_0_1_and_5MiB_copied_in_and_out_come_back_byte_for_byte(string layout)
        {
            using var tmp = new TempDirectory();
            string src = Source(tmp);
            string model = Model(tmp, src);
            string img = Make(tmp, src, layout);
            string files = tmp.Combine("files");
            Directory.CreateDirectory(files);
            var sizes = new[] { ("empty", 0), ("one", 1), ("five", 5 << 20) };
            foreach (var (name, size) in sizes)
                File.WriteAllBytes(Path.Combine(files, name), Bytes(size, size));
            File.SetUnixFileMode(Path.Combine(files, "one"), (UnixFileMode)0x1C0);

            string said = Ok("cp", Path.Combine(files, "empty"), Path.Combine(files, "one"), Path.Combine(files, "five"), img + ":/etc");
            Assert.Equal(img + ":/etc: 3 files, 0 directories, 0 symlinks, 5M copied in\n", said);
            foreach (var (name, _) in sizes)
                CopyHostTree(Path.Combine(files, name), Path.Combine(model, "etc", name));
            Assert.Equal(HostTree(model), Tree(img));

            string back = tmp.Combine("back");
            Directory.CreateDirectory(back);
            foreach (var (name, size) in sizes)
            {
                Ok("cp", img + ":/etc/" + name, back);
                Assert.Equal(File.ReadAllBytes(Path.Combine(files, name)), File.ReadAllBytes(Path.Combine(back, name)));
                Assert.Equal(File.GetUnixFileMode(Path.Combine(files, name)), File.GetUnixFileMode(Path.Combine(back, name)));
            }
            // A file copied as a new name, and one replacing an existing file.
            Ok("cp", Path.Combine(files, "five"), img + ":/renamed");
            Ok("cp", Path.Combine(files, "one"), img + ":/etc/motd");
            CopyHostTree(Path.Combine(files, "five"), Path.Combine(model, "renamed"));
            CopyHostTree(Path.Combine(files, "one"), Path.Combine(model, "etc", "motd"));
            Assert.Equal(HostTree(model), Tree(img));
            Ok("cp", img + ":/renamed", Path.Combine(back, "five"));
            Assert.Equal(File.ReadAllBytes(Path.Combine(files, "five")), File.ReadAllBytes(Path.Combine(back, "five")));
        }

        [Theory]
        [InlineData(Bare)]
        [InlineData(Gpt)]
        public void A_directory_tree_with_modes_and_symlinks_is_copied_in_merged_and_copied_out(string layout)
        {
            using var tmp = new TempDirectory();
            string src = Source(tmp);
            string model = Model(tmp, src);
            string img = Make(tmp, src, layout);
            string tree = tmp.Combine("project");
            Directory.CreateDirectory(Path.Combine(tree, "docs", "empty"));
            File.WriteAllBytes(Path.Combine(tree, "docs", "big.bin"), Bytes(3 << 20, 7));
            File.WriteAllText(Path.Combine(tree, "run.sh"), "#!/bin/sh\n");
            File.SetUnixFileMode(Path.Combine(tree, "run.sh"), (UnixFileMode)0x1ED);
            File.SetUnixFileMode(Path.Combine(tree, "docs"), (UnixFileMode)0x1C0);
            File.CreateSymbolicLink(Path.Combine(tree, "docs", "up"), "../run.sh");
            File.CreateSymbolicLink(Path.Combine(tree, "dangling"), "/no/such/target");

            Ok("cp", "-r", tree, img + ":/");
            CopyHostTree(tree, Path.Combine(model, "project"));
            Assert.Equal(HostTree(model), Tree(img));

            // Copied again into the same place, it merges: changed files are replaced, new ones added.
            File.WriteAllText(Path.Combine(tree, "run.sh"), "#!/bin/sh\necho changed\n");
            File.WriteAllText(Path.Combine(tree, "docs", "new.txt"), "new\n");
            Ok("cp", "-r", tree, img + ":/");
            CopyHostTree(tree, Path.Combine(model, "project"));
            Assert.Equal(HostTree(model), Tree(img));

            // A tree copied to a new name, then out again: the host copy equals the original.
            Ok("cp", "-r", tree, img + ":/etc/copy");
            CopyHostTree(tree, Path.Combine(model, "etc", "copy"));
            Assert.Equal(HostTree(model), Tree(img));
            string back = tmp.Combine("back");
            Assert.Equal(back + ": 3 files, 3 directories, 2 symlinks, 3M copied out\n", Ok("cp", "-r", img + ":/etc/copy", back));
            Assert.Equal(HostTree(tree), HostTree(back));
        }

        [Theory]
        [InlineData(Bare)]
        [InlineData(Gpt)]
        public void Mkdir_rm_and_mv_change_the_tree_as_they_change_a_host_directory(string layout)
        {
            using var tmp = new TempDirectory();
            string src = Source(tmp);
            string model = Model(tmp, src);
            string img = Make(tmp, src, layout);

            Ok("mkdir", img, "/srv", "/etc/conf.d");
            MakeHostDirectory(Path.Combine(model, "srv"));
            MakeHostDirectory(Path.Combine(model, "etc", "conf.d"));
            Ok("mkdir", "-p", img, "/var/lib/app/data", "/srv");
            MakeHostDirectory(Path.Combine(model, "var"));
            MakeHostDirectory(Path.Combine(model, "var", "lib"));
            MakeHostDirectory(Path.Combine(model, "var", "lib", "app"));
            MakeHostDirectory(Path.Combine(model, "var", "lib", "app", "data"));
            Assert.Equal(HostTree(model), Tree(img));

            // Rename in place, move into a directory, replace a file, move a directory tree.
            Ok("mv", img, "/etc/secret", "/etc/hidden");
            File.Move(Path.Combine(model, "etc", "secret"), Path.Combine(model, "etc", "hidden"));
            Ok("mv", img, "/bin/hello", "/srv");
            File.Move(Path.Combine(model, "bin", "hello"), Path.Combine(model, "srv", "hello"));
            Ok("mv", img, "/etc/hidden", "/etc/motd");
            File.Move(Path.Combine(model, "etc", "hidden"), Path.Combine(model, "etc", "motd"), overwrite: true);
            Ok("mv", img, "/var/lib", "/srv/");
            Directory.Move(Path.Combine(model, "var", "lib"), Path.Combine(model, "srv", "lib"));
            Assert.Equal(HostTree(model), Tree(img));

            // Remove a file, a symlink, an empty directory and a whole tree.
            Ok("rm", img, "/etc/motd", "/motd");
            File.Delete(Path.Combine(model, "etc", "motd"));
            File.Delete(Path.Combine(model, "motd"));
            Ok("rm", "-r", img, "/var", "/srv/lib");
            Directory.Delete(Path.Combine(model, "var"));
            Directory.Delete(Path.Combine(model, "srv", "lib"), recursive: true);
            Assert.Equal(HostTree(model), Tree(img));
            Assert.Equal("bin\netc\nsrv\n", Ok("ls", img));
        }

        [Theory]
        [InlineData(Bare)]
        [InlineData(Gpt)]
        public void Every_verb_leaves_an_image_that_fsck_finds_clean(string layout)
        {
            using var tmp = new TempDirectory();
            string src = Source(tmp);
            string img = Make(tmp, src, layout);
            File.WriteAllBytes(tmp.Combine("data.bin"), Bytes(2 << 20, 3));
            Ok("cp", tmp.Combine("data.bin"), img + ":/etc");
            Ok("cp", "-r", src, img + ":/copy");
            Ok("cp", tmp.Combine("data.bin"), img + ":/copy/etc/motd");
            Ok("mkdir", "-p", img, "/a/b/c");
            Ok("mv", img, "/copy", "/a/b");
            Ok("rm", "-r", img, "/a/b/copy/bin");
            Ok("rm", img, "/etc/data.bin");
            // Refused operations must not leave anything behind either.
            Assert.Equal(1, EclipseProcess.RunText("rm", img, "/a").Exit);
            Assert.Equal(1, EclipseProcess.RunText("mv", img, "/a", "/a/b/c").Exit);
            (int exit, string output, string error) = EclipseProcess.RunText("fsck", img);
            Assert.True(exit == 0, "fsck exited " + exit + ":\n" + output + error);
        }

        [Fact]
        public void The_sample_disk_built_from_rootfs_takes_every_verb()
        {
            using var tmp = new TempDirectory();
            string rootfs = Path.Combine(EclipseOS.Cli.Setup.RepositoryRoot.Find(), "rootfs");
            string img = tmp.Combine("sample.img");
            EclipseOS.Cli.Boot.SampleRootDisk.Ensure(rootfs, img, out _);
            string model = tmp.Combine("model");
            CopyHostTree(rootfs, model);
            Assert.Equal(HostTree(model), HostTreeOf(img, tmp));

            File.WriteAllBytes(tmp.Combine("kernel.bin"), Bytes(5 << 20, 11));
            Ok("mkdir", "-p", img, "/boot/extra");
            Ok("cp", tmp.Combine("kernel.bin"), img + ":/boot/extra");
            Ok("mv", img, "/boot/extra", "/boot/modules");
            Ok("rm", "-r", img, "/var");
            MakeHostDirectory(Path.Combine(model, "boot"));
            MakeHostDirectory(Path.Combine(model, "boot", "modules"));
            CopyHostTree(tmp.Combine("kernel.bin"), Path.Combine(model, "boot", "modules", "kernel.bin"));
            Directory.Delete(Path.Combine(model, "var"), recursive: true);
            Assert.Equal(HostTree(model), HostTreeOf(img, tmp));
            Ok("cp", img + ":/boot/modules/kernel.bin", tmp.Combine("back.bin"));
            Assert.Equal(File.ReadAllBytes(tmp.Combine("kernel.bin")), File.ReadAllBytes(tmp.Combine("back.bin")));
        }

        /// <summary>
        /// The tree of a large disk through a read-only mount, by copying it out (the sample disk's
        /// 1.5 GiB partition is too large to hand the original-format reader as one array).
        /// </summary>
        private static string HostTreeOf(string image, TempDirectory tmp)
        {
            string target = tmp.Combine("out-" + System.Guid.NewGuid().ToString("N"));
            Ok("cp", "-r", image + ":/", target);
            return HostTree(target);
        }
    }
}
