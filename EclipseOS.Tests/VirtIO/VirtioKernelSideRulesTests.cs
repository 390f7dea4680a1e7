using System;
using System.Collections.Generic;
using EclipseOS.Drivers.VirtIO;
using EclipseOS.Tests.Storage;
using Xunit;

namespace EclipseOS.Tests.VirtIO
{
    /// <summary>
    /// The driver is compiled by IL2CPU into the kernel: its compiled assembly must reference no
    /// LINQ, threads, tasks, reflection, files or host clock, and hold no compiler-made closure
    /// or iterator classes (lambdas, <c>yield</c>) — read here from the assembly's metadata.
    /// </summary>
    public sealed class VirtioKernelSideRulesTests
    {
        private static readonly string[] ForbiddenNamespaces = { "System.Linq", "System.Threading.Tasks", "System.IO" };

        private static readonly string[] ForbiddenTypes =
        {
            "System.Threading.Thread", "System.Threading.Monitor", "System.Diagnostics.Stopwatch", "System.DateTime",
            "System.Environment", "System.Type", "System.Activator",
        };

        [Fact]
        public void DriverAssemblyUsesOnlyWhatIl2CpuCompiles()
        {
            CompiledTypeReferences compiled = CompiledTypeReferences.Of(typeof(VirtioBlockDriver).Assembly);
            var offending = new List<string>();
            var seen = new List<string>();
            foreach ((string ns, string full) in compiled.References)
            {
                seen.Add(full);
                bool reflection = ns.StartsWith("System.Reflection", StringComparison.Ordinal) && !full.EndsWith("Attribute", StringComparison.Ordinal);
                if (reflection || Array.Exists(ForbiddenNamespaces, n => ns == n || ns.StartsWith(n + ".", StringComparison.Ordinal)) || Array.IndexOf(ForbiddenTypes, full) >= 0)
                    offending.Add(full);
            }
            foreach (string name in compiled.DefinedTypeNames)
            {
                if (name.StartsWith("<>c", StringComparison.Ordinal) || name.Contains("d__", StringComparison.Ordinal))
                    offending.Add("compiler-generated " + name);
            }
            Assert.Empty(offending);
            Assert.Contains("System.Collections.Generic.List`1", seen); // the scan does see real references
        }
    }
}
