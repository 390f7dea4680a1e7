using System;
using System.CommandLine;
using System.IO;
using EclipseOS.Cli.EclipseFs;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Fsck;
using EclipseOS.EclipseFS.Tools.Hashing;
using EclipseOS.Storage;
using EclipseOS.Storage.Host;

namespace EclipseOS.Cli.Verbs
{
    /// <summary>
    /// <c>eclipse fsck [--repair] IMG</c>: checks everything; exit 0 when clean, 1 with problems, 2
    /// when the image cannot be opened. <c>--repair</c> fixes what can be fixed safely on a
    /// journaled volume (<see cref="EclipseFsRepairer"/>), prints one line per fix, and exits 0 when
    /// nothing is left.
    /// </summary>
    public sealed class FsckVerb : ICliVerb
    {
        /// <inheritdoc />
        public Command Build()
        {
            var img = new Argument<string>("IMG") { Description = "Filesystem or disk image" };
            var repair = new Option<bool>("--repair")
            {
                Description = "Fix what can be fixed safely (journaled volumes: leaked or doubly used space, unreachable inodes into /lost+found, wrong NLINK) and say what was fixed; exit 0 when nothing is left",
            };
            var cmd = new Command("fsck", "Check an EclipseFS image and list every problem with its location (exit 0 clean, 1 problems, 2 unreadable)");
            cmd.Arguments.Add(img);
            cmd.Options.Add(repair);
            cmd.SetAction(parse => VerbSupport.Run(() => Run(parse.GetValue(img)!, parse.GetValue(repair), Console.Out)));
            return cmd;
        }

        /// <summary>Checks (and with <paramref name="repair"/> repairs) the image at <paramref name="path"/>, writing the report to <paramref name="output"/>; returns the exit code.</summary>
        public static int Run(string path, bool repair, TextWriter output)
        {
            (FileBlockDevice file, IBlockDevice device) = EclipseFsImage.Locate(path, writable: repair);
            using (file)
            {
                EclipseFsOptions options = EclipseFsImage.Options(false);
                if (!repair)
                {
                    var checker = new EclipseFsChecker(options);
                    FsckReport report = VerbSupport.WithProgress("fsck", progress =>
                        checker.Check(device, progress == null ? null : new ProgressAdapter(progress)));
                    Print(device, report, output);
                    return report.IsClean ? 0 : 1;
                }
                options.Clock = new SystemClock();
                var repairer = new EclipseFsRepairer(options);
                FsckRepairResult result = VerbSupport.WithProgress("fsck", progress =>
                    repairer.Repair(device, progress == null ? null : new ProgressAdapter(progress)));
                Print(device, result.Before, output);
                foreach (string fix in result.Fixes)
                    output.WriteLine("fixed: " + fix);
                foreach (string left in result.NotRepaired)
                    output.WriteLine("not repaired: " + left);
                if (!ReferenceEquals(result.After, result.Before))
                {
                    foreach (FsckProblem p in result.After.Problems)
                        output.WriteLine(p.ToString());
                    output.WriteLine("after repair: " + (result.IsClean ? "clean" : result.After.Problems.Count + " problem(s) left"));
                }
                return result.IsClean ? 0 : 1;
            }
        }

        private static void Print(IBlockDevice device, FsckReport report, TextWriter output)
        {
            foreach (FsckProblem p in report.Problems)
                output.WriteLine(p.ToString());
            foreach (string note in report.Notes)
                output.WriteLine("note: " + note);
            string journal = report.Journaled
                ? "journaled (" + report.ReplayedTransactions + " log transactions replayed in memory), " + report.FreeInodes + " free inodes, "
                : "";
            output.WriteLine(device.Name + ": " + journal + report.InodesChecked + " inodes, " + report.DirectoriesReached + " directories reached, " +
                report.RecordCrcsChecked + " record CRCs and " + report.ContentCrcsChecked + " content CRCs (" + ByteSize.Format(report.ContentBytesChecked) +
                ") checked: " + (report.IsClean ? "clean" : report.Problems.Count + " problem(s)"));
        }

        /// <summary>The host's time for the directories a repair changes.</summary>
        private sealed class SystemClock : IUnixClock
        {
            public ulong UnixSeconds => (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        }

        private sealed class ProgressAdapter : IFsckProgress
        {
            private readonly Action<ulong, ulong> _report;
            public ProgressAdapter(Action<ulong, ulong> report) => _report = report;
            public void Report(ulong done, ulong total) => _report(done, total);
        }
    }
}
