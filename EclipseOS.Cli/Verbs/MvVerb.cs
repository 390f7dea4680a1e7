using System.CommandLine;
using EclipseOS.Cli.EclipseFs;
using EclipseOS.Cli.ImageEditing;
using EclipseOS.EclipseFS;

namespace EclipseOS.Cli.Verbs
{
    /// <summary>
    /// <c>eclipse mv IMG FROM TO</c>: moves or renames inside an EclipseFS image in one engine
    /// operation. TO an existing directory: FROM moves into it. TO an existing file or symlink:
    /// it is replaced (a directory only replaces an empty directory).
    /// </summary>
    public sealed class MvVerb : ICliVerb
    {
        /// <inheritdoc />
        public Command Build()
        {
            var img = new Argument<string>("IMG") { Description = "Filesystem or disk image" };
            var from = new Argument<string>("FROM") { Description = "What to move" };
            var to = new Argument<string>("TO") { Description = "New path, or an existing directory to move into" };
            var cmd = new Command("mv", "Move or rename a file, symlink or directory inside an EclipseFS image (bare or GPT/MBR disk)");
            cmd.Arguments.Add(img);
            cmd.Arguments.Add(from);
            cmd.Arguments.Add(to);
            cmd.SetAction(parse => VerbSupport.Run(() =>
            {
                string imageName = parse.GetValue(img)!;
                using EclipseFsImage image = EclipseFsImage.OpenForChanges(imageName);
                var tree = new ImageTree(image, imageName);
                return VerbSupport.Operation(() =>
                {
                    Move(tree, ImagePath.Parse(parse.GetValue(from)!), ImagePath.Parse(parse.GetValue(to)!));
                    image.Volume.Sync();
                    return 0;
                });
            }));
            return cmd;
        }

        private static void Move(ImageTree tree, ImagePath from, ImagePath to)
        {
            if (from.IsRoot)
                throw new ImageOperationException(tree.Show(from) + ": the root directory cannot be moved");
            uint moving = tree.Get(from);
            uint fromDirectory = tree.Get(from.Parent);
            EclipseFsNode moved = tree.Node(moving);

            uint target = tree.Find(to);
            uint toDirectory;
            ImagePath destination;
            if (target != 0 && tree.Node(target).IsDirectory && target != moving)
            {
                toDirectory = target;
                destination = to.Child(from.Name);
            }
            else
            {
                if (target == 0 && to.TrailingSlash)
                    throw new ImageOperationException(tree.Show(to) + ": no such directory");
                toDirectory = tree.ParentOf(to);
                destination = to;
            }
            if (moved.IsDirectory && destination.IsWithin(from))
                throw new ImageOperationException(tree.Show(from) + ": a directory cannot be moved into itself (" + tree.Show(destination) + ")");

            uint existing = tree.Volume.LookupChild(toDirectory, destination.Name);
            if (existing == moving)
                throw new ImageOperationException(tree.Show(from) + " and " + tree.Show(destination) + " are the same");
            if (existing != 0)
            {
                EclipseFsNode replaced = tree.Node(existing);
                if (moved.IsDirectory && !replaced.IsDirectory)
                    throw new ImageOperationException(tree.Show(destination) + ": cannot replace a " + EclipseFS.Format.Text.TypeName(replaced.Type) + " with the directory " + tree.Show(from));
                if (!moved.IsDirectory && replaced.IsDirectory)
                    throw new ImageOperationException(tree.Show(destination) + ": is a directory (cannot replace it with the " + EclipseFS.Format.Text.TypeName(moved.Type) + " " + tree.Show(from) + ")");
                if (replaced.IsDirectory && replaced.EntryCount > 0)
                    throw new ImageOperationException(tree.Show(destination) + ": directory not empty");
            }
            tree.Rename(fromDirectory, from.Name, toDirectory, destination.Name, destination);
        }
    }
}
