using System;
using System.IO;
using System.Threading;
using EclipseOS.Cli.Cosmos;
using EclipseOS.Cli.Setup;
using Xunit;

namespace EclipseOS.Tests.Guest
{
    /// <summary>
    /// The real kernel ISO the guest tests boot, built once per test run: <c>eclipse test</c>
    /// builds it first and names it in <c>ECLIPSE_GUEST_ISO</c>; a test run started otherwise
    /// builds it here. Without a Cosmos user kit the guest tests skip with one reason — except
    /// under CI (<c>CI=true</c>), where a missing kit fails them.
    /// </summary>
    internal static class GuestKernel
    {
        /// <summary>The variable <c>eclipse test</c> passes the built ISO in.</summary>
        public const string IsoVariable = EclipseOS.Cli.Testing.SuiteRun.GuestIsoVariable;

        /// <summary>The one reason every guest test skips for where no kit is installed.</summary>
        public const string NoKitReason = "no Cosmos user kit is installed, so the real kernel cannot be built (install it: ../shared/cosmos-kit/install.sh)";

        private static readonly Lazy<(string? Iso, string Problem)> Built = new Lazy<(string?, string)>(Build, LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>The ISO; skips the calling test (fails it under CI) when it cannot be built for want of a kit, fails it when the build fails.</summary>
        public static string Iso
        {
            get
            {
                (string? iso, string problem) = Built.Value;
                if (iso != null)
                    return iso;
                bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
                if (problem == NoKitReason && !ci)
                    Skip.If(true, NoKitReason);
                throw new InvalidOperationException(problem);
            }
        }

        private static (string?, string) Build()
        {
            string? given = Environment.GetEnvironmentVariable(IsoVariable);
            if (!string.IsNullOrEmpty(given))
                return File.Exists(given) ? (given, "") : (null, IsoVariable + " names " + given + ", which does not exist");
            string root = RepositoryRoot.Find();
            if (CosmosKit.Discover(root).Layer != CosmosLayer.Full)
                return (null, NoKitReason);
            var output = new StringWriter();
            string? iso = KernelIso.Build(root, output);
            return iso != null ? (iso, "") : (null, "the kernel ISO did not build:" + Environment.NewLine + output);
        }
    }
}
