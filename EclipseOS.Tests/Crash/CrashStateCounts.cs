namespace EclipseOS.Tests.Crash
{
    /// <summary>How many crash states a <see cref="CrashStates"/> yields, for a test's report.</summary>
    /// <param name="Prefixes">States where the writes reached the medium in log order.</param>
    /// <param name="Reordered">States where an epoch's writes reached it in part or out of order.</param>
    /// <param name="Epochs">Epochs (the writes between two flushes) that hold at least one block written.</param>
    /// <param name="CappedEpochs">Epochs that got fewer states than they would have without the caps.</param>
    /// <param name="PrefixesThinned">Whether the prefix cap left out some prefix states.</param>
    public readonly record struct CrashStateCounts(int Prefixes, int Reordered, int Epochs, int CappedEpochs, bool PrefixesThinned)
    {
        /// <summary>Prefix and reordered states together.</summary>
        public int Total => Prefixes + Reordered;

        /// <summary><c>12 prefix + 40 reordered crash states (3 epochs, 1 capped)</c>.</summary>
        public override string ToString() =>
            Prefixes + " prefix" + (PrefixesThinned ? " (thinned)" : "") + " + " + Reordered + " reordered crash states ("
            + Epochs + " epochs, " + CappedEpochs + " capped)";
    }
}
