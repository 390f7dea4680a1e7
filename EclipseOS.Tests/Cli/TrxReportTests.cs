using System;
using System.IO;
using EclipseOS.Cli.Testing;
using Xunit;

namespace EclipseOS.Tests.Cli
{
    /// <summary>
    /// The .trx files under TrxFiles/ were written by real `dotnet test --logger trx` runs of a
    /// tiny xunit project (same xunit and test SDK versions as this suite): mixed.trx has 4
    /// passing tests (one a two-row theory), 1 failing, 1 skipped; passing.trx is the passing
    /// subset; aborted.trx is a run whose test host called Environment.FailFast.
    /// </summary>
    public class TrxReportTests
    {
        private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Cli", "TrxFiles", name);

        [Fact]
        public void CountsPassedFailedAndSkippedFromTheIndividualResults()
        {
            TrxReport report = TrxReport.Load(Fixture("mixed.trx"));
            Assert.Equal(new TestTotals(4, 1, 1), report.Totals);
            Assert.Equal("Failed", report.Outcome);
            Assert.False(report.RunAborted);
        }

        [Fact]
        public void AllPassingRunCompletes()
        {
            TrxReport report = TrxReport.Load(Fixture("passing.trx"));
            Assert.Equal(new TestTotals(4, 0, 0), report.Totals);
            Assert.Equal("Completed", report.Outcome);
            Assert.False(report.RunAborted);
        }

        [Fact]
        public void CrashedTestHostAbortsTheRun()
        {
            TrxReport report = TrxReport.Load(Fixture("aborted.trx"));
            Assert.True(report.RunAborted);
            Assert.Equal(0, report.Totals.Executed);
        }

        [Fact]
        public void AFileThatIsNotATrxIsAClearError()
        {
            string path = Path.Combine(Path.GetTempPath(), "eclipse-not-a-trx-" + Guid.NewGuid().ToString("N") + ".trx");
            File.WriteAllText(path, "<Project><PropertyGroup /></Project>");
            try
            {
                var error = Assert.Throws<FormatException>(() => TrxReport.Load(path));
                Assert.Contains(path, error.Message);
                File.WriteAllText(path, "not xml at all");
                error = Assert.Throws<FormatException>(() => TrxReport.Load(path));
                Assert.Contains(path, error.Message);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
