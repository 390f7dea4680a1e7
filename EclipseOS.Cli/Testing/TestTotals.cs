namespace EclipseOS.Cli.Testing
{
    /// <summary>How many tests passed, failed and were skipped in a run.</summary>
    /// <param name="Passed">Tests that passed.</param>
    /// <param name="Failed">Tests that failed, errored, timed out or were aborted.</param>
    /// <param name="Skipped">Tests that did not run (skipped, or not executed).</param>
    public readonly record struct TestTotals(int Passed, int Failed, int Skipped)
    {
        /// <summary>Tests that ran.</summary>
        public int Executed => Passed + Failed;

        /// <summary>Both runs together.</summary>
        public static TestTotals operator +(TestTotals a, TestTotals b) => new(a.Passed + b.Passed, a.Failed + b.Failed, a.Skipped + b.Skipped);

        /// <summary>
        /// The closing line of <c>eclipse test</c>, e.g. <c>12 passed, 0 failed</c>, with
        /// <c>, 2 skipped</c> only when some were skipped.
        /// </summary>
        public override string ToString()
        {
            string line = Passed + " passed, " + Failed + " failed";
            return Skipped > 0 ? line + ", " + Skipped + " skipped" : line;
        }
    }
}
