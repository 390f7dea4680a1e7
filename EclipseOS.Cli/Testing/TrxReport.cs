using System;
using System.IO;
using System.Xml;
using System.Xml.Linq;

namespace EclipseOS.Cli.Testing
{
    /// <summary>
    /// What a Visual Studio test results file (.trx, written by <c>dotnet test --logger trx</c>)
    /// says about a run: the totals counted from the individual results, and whether the run as a
    /// whole completed (a crashed or hung test host leaves a file with the results it reported, if
    /// any, and the test platform's "The active test run was aborted" among the run's messages).
    /// </summary>
    public sealed class TrxReport
    {
        private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

        // The test platform's wording, unchanged across VSTest versions, for a run cut short.
        private const string AbortedMessage = "test run was aborted";

        private TrxReport(TestTotals totals, string outcome, bool aborted)
        {
            Totals = totals;
            Outcome = outcome;
            RunAborted = aborted;
        }

        /// <summary>Passed, failed and skipped tests.</summary>
        public TestTotals Totals { get; }

        /// <summary>The run's overall outcome as the file states it (<c>Completed</c>, <c>Failed</c>, …).</summary>
        public string Outcome { get; }

        /// <summary>Whether the run was cut short (a test host crashed, or was stopped as hung).</summary>
        public bool RunAborted { get; }

        /// <summary>Reads <paramref name="path"/>; a file that is not a .trx gives a <see cref="FormatException"/> naming it.</summary>
        public static TrxReport Load(string path)
        {
            XDocument document;
            try
            {
                document = XDocument.Load(path);
            }
            catch (XmlException e)
            {
                throw new FormatException(path + " is not a readable test results file: " + e.Message, e);
            }
            XElement? summary = document.Root?.Element(Trx + "ResultSummary");
            if (document.Root?.Name != Trx + "TestRun" || summary == null)
                throw new FormatException(path + " is not a .trx test results file (no TestRun/ResultSummary)");

            int passed = 0, failed = 0, skipped = 0;
            foreach (XElement result in document.Root.Descendants(Trx + "UnitTestResult"))
            {
                switch ((string?)result.Attribute("outcome"))
                {
                    case "Passed":
                        passed++;
                        break;
                    case "Failed":
                    case "Error":
                    case "Timeout":
                    case "Aborted":
                        failed++;
                        break;
                    default:
                        // NotExecuted (xunit's Skip), Inconclusive, …: did not run to a verdict.
                        skipped++;
                        break;
                }
            }
            // Run messages with outcome Error are also written for each failing test ("[FAIL]");
            // only the platform's abort message means the run itself did not complete.
            bool aborted = false;
            foreach (XElement info in summary.Descendants(Trx + "RunInfo"))
            {
                if ((string?)info.Attribute("outcome") == "Error" && ((string?)info.Element(Trx + "Text") ?? "").Contains(AbortedMessage, StringComparison.Ordinal))
                    aborted = true;
            }
            return new TrxReport(new TestTotals(passed, failed, skipped), (string?)summary.Attribute("outcome") ?? "", aborted);
        }
    }
}
