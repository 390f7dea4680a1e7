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

            var environment = new Dictionary<string, string>();
            if (string.IsNullOrEmpty(filter))
            {
                int kernel = PrepareKernel(root, environment);
                if (kernel != 0)
                    return kernel;
            }

            string results = Path.Combine(root, "out", "test-results");
            // Results of an earlier run must never be read as this run's.
            if (Directory.Exists(results))
                Directory.Delete(results, recursive: true);
            Directory.CreateDirectory(results);

            int exit;
            try
            {
                exit = ChildProcess.Run("dotnet", SuiteRun.DotnetTestArguments(root, results, filter), root, SuiteTimeout, Console.WriteLine, environment);
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

        /// <summary>
        /// With the Cosmos user kit, builds the kernel ISO once for the guest tests (they boot it
        /// in QEMU) and names it to them in <c>ECLIPSE_GUEST_ISO</c>; with only the reference
        /// packages, compiles the Cosmos layer against them; without either, says the guest tests
        /// will skip. Returns non-zero when the kernel does not build.
        /// </summary>
        private static int PrepareKernel(string root, Dictionary<string, string> environment)
        {
            CosmosKit kit = CosmosKit.Discover(root);
            Console.WriteLine(kit.Describe());
            if (kit.Layer == CosmosLayer.Full)
            {
                string? iso = KernelIso.Build(root, Console.Out);
                if (iso == null)
                {
                    Console.WriteLine("The kernel ISO did not build (errors above): no tests were run.");
                    return 1;
                }
                Console.WriteLine("Guest tests boot " + iso);
                environment[SuiteRun.GuestIsoVariable] = iso;
                return 0;
            }
            if (kit.Layer == CosmosLayer.Reference)
            {
                Console.WriteLine("Compiling the Cosmos layer (EclipseOS.Kernel)...");
                int kernel = CosmosKit.Build(root, compileOnly: true, Console.WriteLine);
                if (kernel != 0)
                {
                    Console.WriteLine("The Cosmos layer does not compile (dotnet build exit code " + kernel + "; errors above): no tests were run.");
                    return kernel;
                }
            }
            Console.WriteLine("No Cosmos user kit: the guest tests (the real kernel in QEMU) will skip" +
                (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) ? ", which fails them under CI." : "."));
            return 0;
        }
    }
}
