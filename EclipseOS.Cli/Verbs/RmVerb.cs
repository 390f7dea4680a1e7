using System;
using System.Collections.Generic;
using System.CommandLine;
using EclipseOS.Cli.EclipseFs;
using EclipseOS.Cli.ImageEditing;
using EclipseOS.EclipseFS;

namespace EclipseOS.Cli.Verbs
{
    /// <summary>
    /// <c>eclipse rm [-r] IMG PATH…</c>: removes files, symlinks and (with <c>-r</c>) directories
    /// from an EclipseFS image. A file, a symlink or an empty directory goes in one engine
    /// operation. A directory with contents is first renamed to a hidden name in one operation —
    /// PATH is gone at once — and then emptied node by node; if that is interrupted, the error
    /// names the hidden directory that is left.
    /// </summary>
    public sealed class RmVerb : ICliVerb
    {
        /// <inheritdoc />
        public Command Build()
        {
            var img = new Argument<string>("IMG") { Description = "Filesystem or disk image" };
            var paths = new Argument<string[]>("PATH") { Description = "Files, symlinks or directories in the image", Arity = ArgumentArity.OneOrMore };
            var recursive = new Option<bool>("-r", "--recursive") { Description = "Remove directories and everything in them" };
            var cmd = new Command("rm", "Remove files and directories (-r) from an EclipseFS image (bare or GPT/MBR disk)");
            cmd.Arguments.Add(img);
            cmd.Arguments.Add(paths);
            cmd.Options.Add(recursive);
            cmd.SetAction(parse => VerbSupport.Run(() =>
            {
                string imageName = parse.GetValue(img)!;
                using EclipseFsImage image = EclipseFsImage.OpenForChanges(imageName);
                var tree = new ImageTree(image, imageName);
                var done = new DoneList("removed");
                bool r = parse.GetValue(recursive);
                return VerbSupport.Operation(() =>
                {
                    // Every PATH is checked before anything is removed, and looked up again when
                    // its turn comes: an earlier one may have removed it (rm -r /a /a/b).
                    var targets = new List<ImagePath>();
                    foreach (string text in parse.GetValue(paths)!)
                    {
                        ImagePath path = ImagePath.Parse(text);
                        Check(tree, path, r);
                        targets.Add(path);
                    }
                    VerbSupport.WithProgress("rm", progress =>
                    {
                        ulong total = 0, removed = 0;
                        if (progress != null)
                            foreach (ImagePath path in targets)
                                total += tree.Measure(tree.Get(path)).Nodes;
                        Action? advance = progress == null ? null : () => progress(++removed, total);
                        foreach (ImagePath path in targets)
                        {
                            Remove(tree, path, Check(tree, path, r), advance);
                            done.Add(tree.Show(path));
                        }
                        return 0;
                    });
                    image.Volume.Sync();
                    return 0;
                }, done);
            }));
            return cmd;
        }

        /// <summary>The inode at <paramref name="path"/>, when rm may remove it.</summary>
        private static uint Check(ImageTree tree, ImagePath path, bool recursive)
        {
            if (path.IsRoot)
                throw new ImageOperationException(tree.Show(path) + ": the root directory cannot be removed");
            uint inode = tree.Get(path);
            if (tree.Node(inode).IsDirectory && !recursive)
                throw new ImageOperationException(tree.Show(path) + ": is a directory (use rm -r)");
            return inode;
        }

        private static void Remove(ImageTree tree, ImagePath path, uint inode, Action? advance)
        {
            uint parent = tree.Get(path.Parent);
            EclipseFsNode node = tree.Node(inode);
            if (!node.IsDirectory)
            {
                tree.Unlink(parent, path.Name, path);
                advance?.Invoke();
                return;
            }
            if (node.EntryCount == 0)
            {
                tree.RemoveDirectory(parent, path.Name, path);
                advance?.Invoke();
                return;
            }
            string hidden = tree.TemporaryName(parent, "rm");
            ImagePath hiddenPath = path.Parent.Child(hidden);
            tree.Rename(parent, path.Name, parent, hidden, path);
            try
            {
                tree.RemoveTree(parent, hidden, hiddenPath, advance);
            }
            catch (Exception e) when (ImageOperationException.IsOperationError(e))
            {
                throw new ImageOperationException(tree.Show(path) + " is gone, but removing what it held failed: " + e.Message + "; the rest is in " +
                    tree.Show(hiddenPath) + " (eclipse rm -r IMG " + hiddenPath + " removes it)", e);
            }
        }
    }
}
