using System;
using System.Collections.Generic;
using System.CommandLine;
using EclipseOS.Cli.EclipseFs;
using EclipseOS.Cli.ImageEditing;

namespace EclipseOS.Cli.Verbs
{
    /// <summary>
    /// <c>eclipse mkdir [-p] IMG PATH…</c>: creates directories in an EclipseFS image (mode 755).
    /// Each directory is one engine operation; with <c>-p</c> the missing parents are made too,
    /// and taken away again when a later one fails, so a PATH is made whole or not at all.
    /// </summary>
    public sealed class MkdirVerb : ICliVerb
    {
        private const uint DirectoryMode = 0x1ED; // 0755

        /// <inheritdoc />
        public Command Build()
        {
            var img = new Argument<string>("IMG") { Description = "Filesystem or disk image" };
            var paths = new Argument<string[]>("PATH") { Description = "Directories to create in the image", Arity = ArgumentArity.OneOrMore };
            var parents = new Option<bool>("-p", "--parents") { Description = "Make missing parent directories; a directory that exists is no error" };
            var cmd = new Command("mkdir", "Create directories in an EclipseFS image (bare or GPT/MBR disk)");
            cmd.Arguments.Add(img);
            cmd.Arguments.Add(paths);
            cmd.Options.Add(parents);
            cmd.SetAction(parse => VerbSupport.Run(() =>
            {
                string imageName = parse.GetValue(img)!;
                using EclipseFsImage image = EclipseFsImage.OpenForChanges(imageName);
                var tree = new ImageTree(image, imageName);
                var done = new DoneList("made");
                return VerbSupport.Operation(() =>
                {
                    foreach (string text in parse.GetValue(paths)!)
                    {
                        ImagePath path = ImagePath.Parse(text);
                        if (parse.GetValue(parents))
                            MakeWithParents(tree, path);
                        else
                            Make(tree, path);
                        done.Add(tree.Show(path));
                    }
                    image.Volume.Sync();
                    return 0;
                }, done);
            }));
            return cmd;
        }

        private static void Make(ImageTree tree, ImagePath path)
        {
            if (path.IsRoot)
                throw new ImageOperationException(tree.Show(path) + ": exists");
            uint parent = tree.ParentOf(path);
            if (tree.Volume.LookupChild(parent, path.Name) != 0)
                throw new ImageOperationException(tree.Show(path) + ": exists");
            tree.CreateDirectory(parent, path.Name, DirectoryMode, path);
        }

        private static void MakeWithParents(ImageTree tree, ImagePath path)
        {
            var made = new List<(uint Parent, string Name, ImagePath Path)>();
            try
            {
                uint inode = EclipseFS.Format.EclipseFsLayout.RootInode;
                ImagePath at = ImagePath.Parse("/");
                foreach (string name in path.Parts)
                {
                    ImagePath next = at.Child(name);
                    uint child = tree.Volume.LookupChild(inode, name);
                    if (child == 0)
                    {
                        child = tree.CreateDirectory(inode, name, DirectoryMode, next);
                        made.Add((inode, name, next));
                    }
                    else if (!tree.Node(child).IsDirectory)
                        throw new ImageOperationException(tree.Show(next) + ": exists and is not a directory");
                    inode = child;
                    at = next;
                }
            }
            catch (Exception e) when (made.Count > 0 && ImageOperationException.IsOperationError(e))
            {
                // Undo the parents this PATH made, deepest first; say what could not be undone.
                for (int i = made.Count - 1; i >= 0; i--)
                {
                    try
                    {
                        tree.RemoveDirectory(made[i].Parent, made[i].Name, made[i].Path);
                    }
                    catch (Exception undo) when (ImageOperationException.IsOperationError(undo))
                    {
                        throw new ImageOperationException(e.Message + "; " + tree.Show(made[i].Path) + " and the directories above it that this command made are left (" + undo.Message + ")", e);
                    }
                }
                throw;
            }
        }
    }
}
