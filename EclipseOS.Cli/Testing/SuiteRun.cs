using System.Collections.Generic;
using System.IO;

namespace EclipseOS.Cli.Testing
{
    /// <summary>
    /// How <c>eclipse test</c> runs the suite and judges it: the <c>dotnet test</c> command line,
    /// and the verdict from its exit code and the .trx files it left.
    /// </summary>
    public static class SuiteRun
    {
        /// <summary>The variable that names the kernel ISO the guest tests boot (built once by <c>eclipse test</c>).</summary>
        public const string GuestIsoVariable = "ECLIPSE_GUEST_ISO";

        /// <summary>The test project, relative to the repository root.</summary>
        public const string TestProject = "EclipseOS.Tests/EclipseOS.Tests.csproj";

        /// <summary>
        /// Debug, the configuration <c>dotnet build</c>/<c>dotnet test</c> and IDEs use by default:
        /// the suite reuses what a developer already built instead of compiling everything a
        /// second time, and failures carry full stack traces. (Nothing in the suite measures speed;
        /// benchmarks run from <c>eclipse bench</c>.)
        /// </summary>
        public const string Configuration = "Debug";

        /// <summary>
        /// A single test running longer than this is taken as hung: the test host is stopped and
        /// the run reported as not complete. The whole suite is meant to take under 10 minutes.
        /// </summary>
        public const string HangTimeout = "5m";

        /// <summary>The arguments of <c>dotnet test</c> (after the program name).</summary>
        public static List<string> DotnetTestArguments(string repositoryRoot, string resultsDirectory, string? filter)
        {
            var arguments = new List<string>
            {
                "test", Path.Combine(repositoryRoot, TestProject),
                "-c", Configuration,
                "--nologo",
                "--results-directory", resultsDirectory,
                // Machine-readable results for the totals; the console logger streams one line per test.
                "--logger", "trx;LogFileName=eclipse-tests.trx",
                "--logger", "console;verbosity=normal",
                "--blame-hang-timeout", HangTimeout,
                "--blame-hang-dump-type", "none",
            };
            if (!string.IsNullOrEmpty(filter))
            {
                arguments.Add("--filter");
                arguments.Add(filter);
            }
            return arguments;
        }

        /// <summary>
        /// The verdict: exit code 0 only when tests ran, none failed, the run completed and
        /// dotnet test agreed; the last line is always the totals, or — when no results exist
        /// (a build error) — a line saying so, never "0 passed, 0 failed".
        /// </summary>
        public static SuiteVerdict Judge(int dotnetExitCode, IReadOnlyList<TrxReport> reports)
        {
            var lines = new List<string>();
            if (reports.Count == 0)
            {
                lines.Add("No test results: the build failed or the test host did not start (dotnet test exit code " + dotnetExitCode + "; see the output above).");
                return new SuiteVerdict(dotnetExitCode != 0 ? dotnetExitCode : 1, lines, null);
            }
            var totals = new TestTotals(0, 0, 0);
            bool aborted = false;
            foreach (TrxReport report in reports)
            {
                totals += report.Totals;
                aborted |= report.RunAborted;
            }
            bool incomplete = aborted || (dotnetExitCode != 0 && totals.Failed == 0);
            if (incomplete)
                lines.Add("The test run did not complete (a test host crashed, hung or was stopped; dotnet test exit code " + dotnetExitCode + "): see the output above.");
            if (totals.Executed == 0)
                lines.Add("No test ran.");
            lines.Add(totals.ToString());
            bool success = !incomplete && totals.Failed == 0 && totals.Executed > 0 && dotnetExitCode == 0;
            return new SuiteVerdict(success ? 0 : 1, lines, totals);
        }
    }

    /// <summary>The outcome of <c>eclipse test</c>.</summary>
    /// <param name="ExitCode">The process exit code: 0 only for a complete run with no failure.</param>
    /// <param name="Lines">What to print last; the final line is the totals when there are results.</param>
    /// <param name="Totals">The totals, or null when no results were written.</param>
    public sealed record SuiteVerdict(int ExitCode, IReadOnlyList<string> Lines, TestTotals? Totals);
}
