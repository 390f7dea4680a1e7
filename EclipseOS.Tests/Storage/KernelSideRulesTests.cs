using System.Collections.Generic;
using EclipseOS.Storage;
using Xunit;

namespace EclipseOS.Tests.Storage
{
    /// <summary>
    /// The storage library and the NVMe driver run inside the Cosmos kernel: IL2CPU cannot compile LINQ, threads,
    /// tasks, reflection, files or the host clock. This reads the compiled assembly's type
    /// references, so a stray <c>using System.Linq</c> fails here rather than in a kernel build.
    /// </summary>
    public class KernelSideRulesTests
    {
        private static readonly string[] ForbiddenNamespaces = { "System.Linq", "System.Threading.Tasks" };

        private static readonly string[] ForbiddenTypes =
        {
            "System.Threading.Thread", "System.Threading.Monitor", "System.Diagnostics.Stopwatch", "System.DateTime", "System.Environment",
            "System.IO.File", "System.IO.FileStream", "System.IO.Stream", "System.IO.Directory", "System.Type", "System.Activator",
        };

        [Fact]
        public void StorageAssemblyReferencesNothingIl2CpuCannotCompile() => AssertKernelSide(typeof(BlockDeviceManager).Assembly);

        [Fact]
        public void NvmeDriverAssemblyReferencesNothingIl2CpuCannotCompile() => AssertKernelSide(typeof(EclipseOS.Drivers.Nvme.NvmeDriver).Assembly);

        private static void AssertKernelSide(System.Reflection.Assembly assembly)
        {
            CompiledTypeReferences compiled = CompiledTypeReferences.Of(assembly);
            var offending = new List<string>();
            var all = new List<string>();
            foreach ((string ns, string full) in compiled.References)
            {
                all.Add(full);
                bool reflection = ns.StartsWith("System.Reflection") && !full.EndsWith("Attribute");
                if (reflection || System.Array.Exists(ForbiddenNamespaces, n => ns.StartsWith(n)) || System.Array.IndexOf(ForbiddenTypes, full) >= 0)
                    offending.Add(full);
            }
            Assert.Empty(offending);
            Assert.Contains("System.Collections.Generic.List`1", all); // the scan does see real references
        }
    }
}
