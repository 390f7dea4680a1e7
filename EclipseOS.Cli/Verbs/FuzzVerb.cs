using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using EclipseOS.EclipseFS.Tools.Fuzzing;

namespace EclipseOS.Cli.Verbs
{
    /// <summary>
    /// <c>eclipse fuzz eclipsefs [--seconds N] [--seed S] [--corpus DIR]</c>: mutation fuzzing of
    /// the EclipseFS reader and fsck over the corpus in EclipseOS.Tests/EclipseFS/Corpus.
    /// </summary>
    public sealed class FuzzVerb : ICliVerb
    {
        /// <inheritdoc />
        public Command Build()
        {
            var fuzz = new Command("fuzz", "Fuzz a parser with mutated inputs; prints executions and findings");
            var seconds = new Option<double>("--seconds") { Description = "How long to run", DefaultValueFactory = _ => 60 };
            var seed = new Option<int>("--seed") { Description = "Random seed (a run is reproducible given seed and execution count)", DefaultValueFactory = _ => Environment.TickCount };
            var corpus = new Option<string?>("--corpus") { Description = "Directory of valid images (default: EclipseOS.Tests/EclipseFS/Corpus)" };
            var eclipsefs = new Command("eclipsefs", "Mutate EclipseFS images and run the reader (mount, walk, read) and fsck on each; any exception other than a clear EclipseFS error, a run over 5 s or a large allocation is a finding");
            eclipsefs.Options.Add(seconds);
            eclipsefs.Options.Add(seed);
            eclipsefs.Options.Add(corpus);
            eclipsefs.SetAction(parse =>
            {
                string dir = parse.GetValue(corpus) ?? Path.Combine(Environment.GetEnvironmentVariable("ECLIPSE_ROOT") ?? ".", "EclipseOS.Tests", "EclipseFS", "Corpus");
                if (!Directory.Exists(dir))
                {
                    Console.Error.WriteLine("eclipse: corpus directory " + dir + " not found");
                    return 2;
                }
                var images = new List<byte[]>();
                foreach (string f in Directory.GetFiles(dir, "*.img"))
                    images.Add(File.ReadAllBytes(f));
                int s = parse.GetValue(seed);
                Console.WriteLine("fuzzing eclipsefs: " + images.Count + " corpus images from " + dir + ", seed " + s + ", " + parse.GetValue(seconds) + " s");
                FuzzReport report = new EclipseFsFuzzer(images, s).Run(parse.GetValue(seconds), long.MaxValue,
                    r => { if ((r.Executions & 0xFFFF) == 0) Console.WriteLine("  " + r.Executions + " executions, " + r.Findings.Count + " findings"); });
                Console.WriteLine("executions: " + report.Executions + ", rejected by the reader: " + report.Rejected + ", fsck found problems: " + report.FsckProblems +
                    ", findings: " + report.Findings.Count);
                foreach (string f in report.Findings)
                    Console.WriteLine("FINDING: " + f);
                return report.Findings.Count == 0 ? 0 : 1;
            });
            fuzz.Subcommands.Add(eclipsefs);
            return fuzz;
        }
    }
}
