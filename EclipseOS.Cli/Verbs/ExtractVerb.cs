using System;
using System.CommandLine;
using EclipseOS.Cli.EclipseFs;
using EclipseOS.EclipseFS.Tools.Extraction;
using EclipseOS.Storage;

namespace EclipseOS.Cli.Verbs
{
    /// <summary><c>eclipse extract IMG DIR</c>: writes the image's tree into DIR, refusing anything that would land outside it.</summary>
    public sealed class ExtractVerb : ICliVerb
    {
        /// <inheritdoc />
        public Command Build()
        {
            var img = new Argument<string>("IMG") { Description = "Filesystem or disk image" };
            var dir = new Argument<string>("DIR") { Description = "Target directory (must not exist or be empty)" };
            var cmd = new Command("extract", "Extract an EclipseFS image into a directory (hostile names are refused; nothing is written outside DIR)");
            cmd.Arguments.Add(img);
            cmd.Arguments.Add(dir);
            cmd.SetAction(parse => VerbSupport.Run(() =>
            {
                using EclipseFsImage image = EclipseFsImage.Open(parse.GetValue(img)!, verifyContentOnRead: false);
                ExtractResult r = VerbSupport.WithProgress("extract", progress =>
                {
                    // Content is most of the filesystem, so its size is a fair total for the bar.
                    ulong total = image.Volume.DeviceBytes;
                    var extractor = new EclipseFsExtractor(image.Volume, progress == null ? null : done => progress(done, Math.Max(done, total)));
                    return extractor.Extract(parse.GetValue(dir)!);
                });
                Console.WriteLine(parse.GetValue(dir) + ": " + r.Directories + " directories, " + r.Files + " files, " + r.Symlinks + " symlinks, " + ByteSize.Format(r.Bytes));
                return 0;
            }));
            return cmd;
        }
    }
}
