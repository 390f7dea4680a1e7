using System;
using System.CommandLine;
using EclipseOS.Cli.EclipseFs;
using EclipseOS.EclipseFS.Fsck;
using EclipseOS.EclipseFS.Tools.Hashing;
using EclipseOS.Storage;
using EclipseOS.Storage.Host;

namespace EclipseOS.Cli.Verbs
{
    /// <summary><c>eclipse fsck IMG</c>: checks everything; exit 0 when clean, 1 with problems, 2 when the image cannot be opened.</summary>
    public sealed class FsckVerb : ICliVerb
    {
        /// <inheritdoc />
        public Command Build()
        {
            var img = new Argument<string>("IMG") { Description = "Filesystem or disk image" };
            var cmd = new Command("fsck", "Check an EclipseFS image and list every problem with its location (exit 0 clean, 1 problems, 2 unreadable)");
            cmd.Arguments.Add(img);
            cmd.SetAction(parse => VerbSupport.Run(() =>
            {
                (FileBlockDevice file, IBlockDevice device) = EclipseFsImage.Locate(parse.GetValue(img)!);
                using (file)
                {
                    var checker = new EclipseFsChecker(EclipseFsImage.Options(false));
                    FsckReport report = VerbSupport.WithProgress("fsck", progress =>
                        checker.Check(device, progress == null ? null : new ProgressAdapter(progress)));
                    foreach (FsckProblem p in report.Problems)
                        Console.WriteLine(p.ToString());
                    Console.WriteLine(device.Name + ": " + report.InodesChecked + " inodes, " + report.DirectoriesReached + " directories reached, " +
                        report.RecordCrcsChecked + " record CRCs and " + report.ContentCrcsChecked + " content CRCs (" + ByteSize.Format(report.ContentBytesChecked) +
                        ") checked: " + (report.IsClean ? "clean" : report.Problems.Count + " problem(s)"));
                    return report.IsClean ? 0 : 1;
                }
            }));
            return cmd;
        }

        private sealed class ProgressAdapter : IFsckProgress
        {
            private readonly Action<ulong, ulong> _report;
            public ProgressAdapter(Action<ulong, ulong> report) => _report = report;
            public void Report(ulong done, ulong total) => _report(done, total);
        }
    }
}
