using System;
using System.Collections.Generic;
using EclipseOS.Kernel.Core;
using EclipseOS.Tests.Storage;
using Xunit;

namespace EclipseOS.Tests.Kernel
{
    /// <summary>
    /// The kernel core is compiled by IL2CPU inside the Cosmos kernel: its assembly must not
    /// reference LINQ, threads, tasks, reflection, files, streams or the host clock. This reads
    /// the compiled assembly's type references, so a slip fails here rather than in a kernel build.
    /// </summary>
    public sealed class KernelCoreRulesTests
    {
        private static readonly string[] ForbiddenNamespaces = { "System.Linq", "System.Threading", "System.Reflection", "System.IO" };

        private static readonly string[] ForbiddenTypes =
        {
            "System.Diagnostics.Stopwatch", "System.DateTime", "System.DateTimeOffset", "System.Environment", "System.Type", "System.Activator",
        };

        [Fact]
        public void KernelCoreReferencesNothingIl2CpuCannotCompile()
        {
            var offending = new List<string>();
            var all = new List<string>();
            foreach ((string ns, string full) in CompiledTypeReferences.Of(typeof(KernelContext).Assembly).References)
            {
                all.Add(full);
                bool attribute = full.EndsWith("Attribute", StringComparison.Ordinal);
                if ((!attribute && Array.Exists(ForbiddenNamespaces, n => ns == n || ns.StartsWith(n + ".", StringComparison.Ordinal)))
                    || Array.IndexOf(ForbiddenTypes, full) >= 0)
                    offending.Add(full);
            }
            Assert.Empty(offending);
            Assert.Contains("System.Collections.Generic.List`1", all); // the scan does see real references
        }
    }
}
