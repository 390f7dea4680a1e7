using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using EclipseOS.Cli.Testing;
using Xunit;

namespace EclipseOS.Tests.Cli
{
    public class SuiteRunTests
    {
        // What CI reads: the totals alone on the last line.
        private static readonly Regex ClosingLine = new(@"^\d+ passed, \d+ failed(, \d+ skipped)?$");

        private static TrxReport Fixture(string name) => TrxReport.Load(Path.Combine(AppContext.BaseDirectory, "Cli", "TrxFiles", name));

        [Theory]
        [InlineData(0, 0, 0, "0 passed, 0 failed")]
        [InlineData(12, 0, 0, "12 passed, 0 failed")]
        [InlineData(12, 3, 0, "12 passed, 3 failed")]
        [InlineData(12, 3, 2, "12 passed, 3 failed, 2 skipped")]
        public void TotalsLineAddsSkippedOnlyWhenSomeWere(int passed, int failed, int skipped, string expected)
        {
            Assert.Equal(expected, new TestTotals(passed, failed, skipped).ToString());
        }

        [Fact]
        public void PassingRunExitsZeroWithTotalsLast()
        {
            SuiteVerdict verdict = SuiteRun.Judge(0, new[] { Fixture("passing.trx") });
            Assert.Equal(0, verdict.ExitCode);
            Assert.Equal("4 passed, 0 failed", verdict.Lines[^1]);
            Assert.Single(verdict.Lines);
        }

        [Fact]
        public void FailingRunExitsNonZeroWithSkippedCounted()
        {
            SuiteVerdict verdict = SuiteRun.Judge(1, new[] { Fixture("mixed.trx") });
            Assert.NotEqual(0, verdict.ExitCode);
            Assert.Equal("4 passed, 1 failed, 1 skipped", verdict.Lines[^1]);
        }

        [Fact]
        public void TotalsOfSeveralResultFilesAddUp()
        {
            SuiteVerdict verdict = SuiteRun.Judge(1, new[] { Fixture("mixed.trx"), Fixture("passing.trx") });
            Assert.Equal("8 passed, 1 failed, 1 skipped", verdict.Lines[^1]);
        }

        [Fact]
        public void BuildErrorNeverReportsZeroPassedZeroFailed()
        {
            SuiteVerdict verdict = SuiteRun.Judge(1, Array.Empty<TrxReport>());
            Assert.NotEqual(0, verdict.ExitCode);
            Assert.Null(verdict.Totals);
            Assert.DoesNotMatch(ClosingLine, verdict.Lines[^1]);
            Assert.Contains("build failed", verdict.Lines[^1]);
        }

        [Fact]
        public void CrashedHostFailsEvenWithoutFailingTests()
        {
            SuiteVerdict verdict = SuiteRun.Judge(1, new[] { Fixture("aborted.trx") });
            Assert.NotEqual(0, verdict.ExitCode);
            Assert.Contains(verdict.Lines, l => l.Contains("did not complete"));
            Assert.Matches(ClosingLine, verdict.Lines[^1]);
        }

        [Fact]
        public void DotnetTestDisagreeingWithCleanResultsFails()
        {
            // dotnet test exited non-zero although every recorded test passed: something outside
            // the results went wrong, and the run must not be reported green.
            SuiteVerdict verdict = SuiteRun.Judge(1, new[] { Fixture("passing.trx") });
            Assert.NotEqual(0, verdict.ExitCode);
            Assert.Equal("4 passed, 0 failed", verdict.Lines[^1]);
        }

        [Fact]
        public void RunWhereNoTestRanFails()
        {
            SuiteVerdict verdict = SuiteRun.Judge(0, new[] { Fixture("aborted.trx") });
            Assert.NotEqual(0, verdict.ExitCode);
            Assert.Contains("No test ran.", verdict.Lines);
        }

        [Fact]
        public void DotnetTestArgumentsCarryTrxLoggerResultsFolderAndFilter()
        {
            List<string> arguments = SuiteRun.DotnetTestArguments("/repo", "/repo/out/test-results", "FullyQualifiedName~Gpt");
            Assert.Equal("test", arguments[0]);
            Assert.Equal(Path.Combine("/repo", SuiteRun.TestProject), arguments[1]);
            Assert.Equal("/repo/out/test-results", arguments[arguments.IndexOf("--results-directory") + 1]);
            Assert.Contains("trx;LogFileName=eclipse-tests.trx", arguments);
            Assert.Equal("FullyQualifiedName~Gpt", arguments[arguments.IndexOf("--filter") + 1]);
            Assert.DoesNotContain("--filter", SuiteRun.DotnetTestArguments("/repo", "/r", null));
        }
    }
}
