using System;
using System.CommandLine;
using System.Linq;

namespace EclipseOS.Cli.Verbs
{
    /// <summary><c>eclipse bench NAME</c>: runs a benchmark that prints ratios and counts measured in one run.</summary>
    public sealed class BenchVerb : ICliVerb
    {
        /// <inheritdoc />
        public Command Build()
        {
            var bench = new Command("bench", "Run a benchmark; it prints ratios and counts measured in one run (absolute times on shared machines mean little).");
            var benchmarks = typeof(BenchVerb).Assembly.GetTypes()
                .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
                .Select(t => ((IBenchmark)Activator.CreateInstance(t)!).Build())
                .OrderBy(c => c.Name, StringComparer.Ordinal);
            foreach (Command benchmark in benchmarks)
                bench.Subcommands.Add(benchmark);
            return bench;
        }
    }
}
