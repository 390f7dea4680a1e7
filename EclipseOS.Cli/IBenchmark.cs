using System.CommandLine;

namespace EclipseOS.Cli
{
    /// <summary>
    /// One subcommand of <c>eclipse bench</c> (qtest, virtio, ata, eclipsefs, boot …). Each lives
    /// in its own file under Benchmarks/ and is found by <see cref="Verbs.BenchVerb"/> at start-up.
    /// </summary>
    public interface IBenchmark
    {
        /// <summary>Builds the benchmark's subcommand, with its options and action.</summary>
        Command Build();
    }
}
