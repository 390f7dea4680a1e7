using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using EclipseOS.Cli.EclipseFs;
using EclipseOS.Cli.ImageEditing;

namespace EclipseOS.Cli.Verbs
{
    /// <summary>
    /// <c>eclipse cp [-r] SRC… IMG:PATH</c> copies host files into an EclipseFS image;
    /// <c>eclipse cp [-r] IMG:PATH… DEST</c> copies out of one. Which side is the image is told by
    /// the IMG:PATH argument (IMG an existing file). See <see cref="CopyIn"/> and <see cref="CopyOut"/>.
    /// </summary>
    public sealed class CpVerb : ICliVerb
    {
        /// <inheritdoc />
        public Command Build()
        {
            var paths = new Argument<string[]>("PATH")
            {
                Description = "SRC… IMG:PATH to copy host files into an image, or IMG:PATH… DEST to copy out of one",
                Arity = new ArgumentArity(2, 100_000),
            };
            var recursive = new Option<bool>("-r", "-R", "--recursive") { Description = "Copy directories and everything in them" };
            var cmd = new Command("cp", "Copy files into an EclipseFS image (SRC… IMG:PATH) or out of one (IMG:PATH… DEST); bare or GPT/MBR disk images");
            cmd.Arguments.Add(paths);
            cmd.Options.Add(recursive);
            cmd.SetAction(parse => VerbSupport.Run(() =>
            {
                string[] all = parse.GetValue(paths)!;
                string last = all[all.Length - 1];
                var sources = new List<string>(all[..^1]);
                bool r = parse.GetValue(recursive);
                bool intoImage = ImagePath.NamesExistingImage(last);
                int fromImage = sources.FindAll(ImagePath.NamesExistingImage).Count;
                if (intoImage && fromImage > 0)
                    throw new ArgumentException("cp: copying from one image into an image is not supported; copy out to a host directory, then in");
                if (intoImage)
                    return CopyIn(sources, last, r);
                if (fromImage == sources.Count)
                    return CopyOut(sources, last, r);
                if (fromImage > 0)
                    throw new ArgumentException("cp: either every source is IMG:PATH (copy out) or none is (copy in)");
                // No argument names an existing image: say what is missing about the one meant.
                if (last.Contains(':'))
                    return CopyIn(sources, last, r);
                if (sources.TrueForAll(s => s.Contains(':')))
                    return CopyOut(sources, last, r);
                throw new ArgumentException("cp: one side must be IMG:PATH (SRC… IMG:PATH copies in, IMG:PATH… DEST copies out)");
            }));
            return cmd;
        }

        private static int CopyIn(List<string> sources, string target, bool recursive)
        {
            ImagePath.TrySplitImageArgument(target, out string imageName, out string pathText);
            using EclipseFsImage image = EclipseFsImage.OpenForChanges(imageName);
            var tree = new ImageTree(image, imageName);
            var done = new DoneList("copied");
            ImagePath path = ImagePath.Parse(pathText);
            return VerbSupport.Operation(() =>
            {
                CopyCounts counts = VerbSupport.WithProgress("cp", progress =>
                {
                    var copy = new CopyIn(tree, imageName, done, progress);
                    copy.Run(sources, path, recursive);
                    return copy.Counts;
                });
                image.Volume.Sync();
                Console.WriteLine(tree.Show(path) + ": " + counts + " copied in");
                return 0;
            }, done);
        }

        private static int CopyOut(List<string> sources, string destination, bool recursive)
        {
            string? imageName = null;
            var paths = new List<ImagePath>();
            foreach (string source in sources)
            {
                ImagePath.TrySplitImageArgument(source, out string image, out string pathText);
                if (imageName != null && Path.GetFullPath(image) != Path.GetFullPath(imageName))
                    throw new ArgumentException("cp: every IMG:PATH source must name the same image (" + imageName + ", " + image + ")");
                imageName = image;
                paths.Add(ImagePath.Parse(pathText));
            }
            // The extractor checks CONTENT_CRC32C while it streams, so reads need not check first.
            using EclipseFsImage opened = EclipseFsImage.Open(imageName!, verifyContentOnRead: false);
            var tree = new ImageTree(opened, imageName!);
            var done = new DoneList("copied");
            return VerbSupport.Operation(() =>
            {
                CopyCounts counts = VerbSupport.WithProgress("cp", progress =>
                {
                    var copy = new CopyOut(tree, done, progress);
                    copy.Run(paths, destination, recursive);
                    return copy.Counts;
                });
                Console.WriteLine(destination + ": " + counts + " copied out");
                return 0;
            }, done);
        }
    }
}
