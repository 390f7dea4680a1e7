using System;
using System.CommandLine;
using System.IO;
using EclipseOS.Cli.EclipseFs;
using EclipseOS.EclipseFS;

namespace EclipseOS.Cli.Verbs
{
    /// <summary><c>eclipse cat IMG PATH</c>: writes a file's raw bytes to stdout.</summary>
    public sealed class CatVerb : ICliVerb
    {
        /// <inheritdoc />
        public Command Build()
        {
            var img = new Argument<string>("IMG") { Description = "Filesystem or disk image" };
            var path = new Argument<string>("PATH") { Description = "File in the image" };
            var cmd = new Command("cat", "Write a file from an EclipseFS image to stdout, byte for byte");
            cmd.Arguments.Add(img);
            cmd.Arguments.Add(path);
            cmd.SetAction(parse => VerbSupport.Run(() =>
            {
                using EclipseFsImage image = EclipseFsImage.Open(parse.GetValue(img)!);
                EclipseFsVolume v = image.Volume;
                uint inode = v.ResolvePath(parse.GetValue(path)!);
                // The content CRC is checked before the first byte goes out (VerifyContentOnRead).
                using Stream stdout = Console.OpenStandardOutput();
                var buffer = new byte[1024 * 1024];
                ulong position = 0;
                int n;
                while ((n = v.Read(inode, position, buffer, 0, buffer.Length)) > 0)
                {
                    stdout.Write(buffer, 0, n);
                    position += (ulong)n;
                }
                return 0;
            }));
            return cmd;
        }
    }
}
