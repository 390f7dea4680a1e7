using System;
using System.CommandLine;
using EclipseOS.Cli.EclipseFs;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Format;

namespace EclipseOS.Cli.Verbs
{
    /// <summary><c>eclipse stat IMG PATH</c>: a node's metadata and where its record is.</summary>
    public sealed class StatVerb : ICliVerb
    {
        /// <inheritdoc />
        public Command Build()
        {
            var img = new Argument<string>("IMG") { Description = "Filesystem or disk image" };
            var path = new Argument<string>("PATH") { Description = "Path in the image" };
            var cmd = new Command("stat", "Show an EclipseFS node's metadata (symlinks are not followed)");
            cmd.Arguments.Add(img);
            cmd.Arguments.Add(path);
            cmd.SetAction(parse => VerbSupport.Run(() =>
            {
                using EclipseFsImage image = EclipseFsImage.Open(parse.GetValue(img)!);
                EclipseFsVolume v = image.Volume;
                string p = parse.GetValue(path)!;
                EclipseFsNode n = v.GetNode(v.ResolvePath(p));
                Console.WriteLine("  Path: " + p);
                Console.WriteLine("  Type: " + n.Type.ToString().ToLowerInvariant() + (n.Type == NodeType.Symlink ? " -> " + v.ReadLink(n.Inode) : ""));
                Console.WriteLine(" Inode: " + n.Inode);
                Console.WriteLine("  Size: " + n.Size + (n.IsDirectory ? "  Entries: " + n.EntryCount : ""));
                Console.WriteLine("  Mode: 0" + Convert.ToString(n.Mode, 8) + " (" + VerbSupport.ModeString(n.Type, n.Mode) + ")  Links: " + n.Nlink);
                Console.WriteLine("   Uid: " + n.Uid + "  Gid: " + n.Gid);
                Console.WriteLine("Access: " + VerbSupport.Time(n.Atime));
                Console.WriteLine("Modify: " + VerbSupport.Time(n.Mtime));
                Console.WriteLine("Change: " + VerbSupport.Time(n.Ctime));
                Console.WriteLine("Record: " + n.RecordSize + " bytes at byte " + n.RecordOffset + " of " + image.Device.Name +
                    (n.HasRecordCrc ? ", RECORD_CRC32C ok" : "") + (n.HasContentCrc ? ", CONTENT_CRC32C 0x" + n.ContentCrc.ToString("X8") : "") +
                    (n.UnknownTagCount > 0 ? ", " + n.UnknownTagCount + " unknown tag(s) skipped" : ""));
                return 0;
            }));
            return cmd;
        }
    }
}
