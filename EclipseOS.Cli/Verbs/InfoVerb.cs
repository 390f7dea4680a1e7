using System;
using System.CommandLine;
using EclipseOS.Cli.EclipseFs;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Format;
using EclipseOS.Storage;

namespace EclipseOS.Cli.Verbs
{
    /// <summary><c>eclipse info IMG</c>: where the filesystem is and what its header says.</summary>
    public sealed class InfoVerb : ICliVerb
    {
        /// <inheritdoc />
        public Command Build()
        {
            var img = new Argument<string>("IMG") { Description = "Filesystem or disk image" };
            var cmd = new Command("info", "Show where the EclipseFS filesystem is in an image and its header");
            cmd.Arguments.Add(img);
            cmd.SetAction(parse => VerbSupport.Run(() =>
            {
                using EclipseFsImage image = EclipseFsImage.Open(parse.GetValue(img)!);
                EclipseFsVolume v = image.Volume;
                Superblock sb = v.Superblock;
                EclipseFsNode root = v.GetNode(EclipseFsLayout.RootInode);
                Console.WriteLine("Device:        " + image.Device.Name + " (" + image.Device.BlockCount + " blocks of " + image.Device.BlockSize + " bytes, " +
                    ByteSize.Format(v.DeviceBytes) + ")");
                Console.WriteLine("Format:        EclipseFS " + (sb.Version >> 16) + "." + (sb.Version & 0xFFFF));
                Console.WriteLine("Inodes:        " + sb.TotalInodes);
                Console.WriteLine("Inode table:   " + sb.InodeTableSize + " bytes at byte " + sb.InodeTableOffset);
                Console.WriteLine("Records from:  byte " + sb.RecordAreaOffset);
                Console.WriteLine("Header CRC-32: " + (sb.HeaderChecksum == 0 ? "not set (original writer)" : "0x" + sb.HeaderChecksum.ToString("X8") + " ok"));
                Console.WriteLine("Created:       " + (sb.CreationTime == 0 ? "not set" : VerbSupport.Time(sb.CreationTime)));
                Console.WriteLine("Last check:    " + (sb.LastCheck == 0 ? "never" : VerbSupport.Time(sb.LastCheck)));
                Console.WriteLine("Flags:         0x" + sb.Flags.ToString("X8"));
                Console.WriteLine("Root:          " + root.EntryCount + " entries" + (root.HasRecordCrc ? ", records carry CRC-32C tags" : ", no integrity tags"));
                return 0;
            }));
            return cmd;
        }
    }
}
