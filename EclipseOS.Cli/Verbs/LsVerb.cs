using System;
using System.Collections.Generic;
using System.CommandLine;
using EclipseOS.Cli.EclipseFs;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Format;

namespace EclipseOS.Cli.Verbs
{
    /// <summary><c>eclipse ls [-l] [-R] IMG [PATH]</c>: lists a directory inside an EclipseFS image.</summary>
    public sealed class LsVerb : ICliVerb
    {
        /// <inheritdoc />
        public Command Build()
        {
            var img = new Argument<string>("IMG") { Description = "Filesystem or disk image" };
            var path = new Argument<string>("PATH") { Description = "Directory or file in the image", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "/" };
            var longFormat = new Option<bool>("-l") { Description = "Long format: mode, links, owner, group, size, mtime" };
            var recursive = new Option<bool>("-R") { Description = "List subdirectories too" };
            var cmd = new Command("ls", "List a directory in an EclipseFS image (bare or GPT/MBR disk)");
            cmd.Arguments.Add(img);
            cmd.Arguments.Add(path);
            cmd.Options.Add(longFormat);
            cmd.Options.Add(recursive);
            cmd.SetAction(parse => VerbSupport.Run(() =>
            {
                using EclipseFsImage image = EclipseFsImage.Open(parse.GetValue(img)!);
                EclipseFsVolume v = image.Volume;
                string start = parse.GetValue(path) ?? "/";
                uint inode = v.ResolvePath(start);
                bool l = parse.GetValue(longFormat);
                if (!v.GetNode(inode).IsDirectory)
                {
                    Console.WriteLine(Line(v, inode, start, l));
                    return 0;
                }
                var visited = new HashSet<uint>();
                var queue = new List<(uint Inode, string Path)> { (inode, start) };
                bool many = parse.GetValue(recursive);
                for (int i = 0; i < queue.Count; i++)
                {
                    (uint dir, string dirPath) = queue[i];
                    if (!visited.Add(dir))
                    {
                        Console.Error.WriteLine("eclipse: " + dirPath + ": directory inode " + dir + " already listed (a cycle in the image); not descending");
                        continue;
                    }
                    if (many)
                        Console.WriteLine((i > 0 ? "\n" : "") + dirPath + ":");
                    var entries = v.ReadDirectory(dir);
                    entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                    foreach (DirectoryEntry e in entries)
                    {
                        Console.WriteLine(Line(v, e.Inode, e.Name, l));
                        if (many && v.GetNode(e.Inode).IsDirectory)
                            queue.Add((e.Inode, dirPath.TrimEnd('/') + "/" + e.Name));
                    }
                }
                return 0;
            }));
            return cmd;
        }

        private static string Line(EclipseFsVolume v, uint inode, string name, bool longFormat)
        {
            if (!longFormat)
                return name;
            EclipseFsNode n = v.GetNode(inode);
            string line = VerbSupport.ModeString(n.Type, n.Mode) + " " + n.Nlink.ToString().PadLeft(3) + " " + n.Uid.ToString().PadLeft(5) + " " +
                          n.Gid.ToString().PadLeft(5) + " " + n.Size.ToString().PadLeft(12) + " " + VerbSupport.Time(n.Mtime) + " " + name;
            return n.Type == NodeType.Symlink ? line + " -> " + v.ReadLink(inode) : line;
        }
    }
}
