using System;
using System.CommandLine;
using System.Collections.Generic;
using System.IO;
using EclipseOS.Cli.Cosmos;
using EclipseOS.Cli.Setup;
using EclipseOS.Cli.Testing;

namespace EclipseOS.Cli.Verbs
{
    /// <summary>
    /// <c>eclipse test [--filter EXPR]</c>: installs the tools the tests run (QEMU, sgdisk, sfdisk,
    /// xorriso, tar) when missing, compiles the Cosmos layer against the Cosmos packages found,
    /// runs the whole suite and ends with <c>N passed, N failed</c> alone on the last line.
    /// </summary>
    public sealed class TestVerb : ICliVerb
    {
        // The suite is meant to take under 10 minutes; a run far beyond that is stuck somewhere
        // the per-test hang detection did not see (a build, the test host's start).
        private static readonly TimeSpan SuiteTimeout = TimeSpan.FromMinutes(40);

        /// <inheritdoc />
        public Command Build()
        {
            var filter = new Option<string?>("--filter")
            {
                Description = "Run only the tests matching this dotnet test filter (e.g. FullyQualifiedName~Gpt); the Cosmos layer compile is skipped",
            };
            var command = new Command("test", "Install what the tests need, compile the Cosmos layer, run the whole suite; the last line is 'N passed, N failed'");
            command.Options.Add(filter);
            command.SetAction(parseResult => Run(parseResult.GetValue(filter)));
            return command;
        }

        private static int Run(string? filter)
        {
            string root = RepositoryRoot.Find();
            if (!Prerequisites.Ensure(ExternalTool.ForTests, Console.Out))
                return 2;

            if (string.IsNullOrEmpty(filter))
            {
                Console.WriteLine("Compiling the Cosmos layer (EclipseOS.Kernel)...");
                int kernel = CosmosKit.Build(root, compileOnly: true, Console.WriteLine);
                if (kernel != 0)
                {
                    Console.WriteLine("The Cosmos layer does not compile (dotnet build exit code " + kernel + "; errors above): no tests were run.");
                    return kernel;
                }
            }

            string results = Path.Combine(root, "out", "test-results");
            // Results of an earlier run must never be read as this run's.
            if (Directory.Exists(results))
                Directory.Delete(results, recursive: true);
            Directory.CreateDirectory(results);

            int exit;
            try
            {
                exit = ChildProcess.Run("dotnet", SuiteRun.DotnetTestArguments(root, results, filter), root, SuiteTimeout, Console.WriteLine);
            }
            catch (TimeoutException e)
            {
                Console.WriteLine(e.Message);
                exit = 1;
            }

            var reports = new List<TrxReport>();
            foreach (string trx in Directory.GetFiles(results, "*.trx", SearchOption.AllDirectories))
                reports.Add(TrxReport.Load(trx));
            SuiteVerdict verdict = SuiteRun.Judge(exit, reports);
            foreach (string line in verdict.Lines)
                Console.WriteLine(line);
            return verdict.ExitCode;
        }
    }
}
