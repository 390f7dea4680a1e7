using System.CommandLine;

namespace EclipseOS.Cli
{
    /// <summary>
    /// One verb of the <c>eclipse</c> tool. Each verb lives in its own file under Verbs/ and is
    /// found by <see cref="Program"/> at start-up, so adding a verb touches no shared file.
    /// </summary>
    public interface ICliVerb
    {
        /// <summary>Builds the verb's command, with its options and action.</summary>
        Command Build();
    }
}
