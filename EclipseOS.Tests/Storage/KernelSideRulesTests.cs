using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using EclipseOS.Storage;
using Xunit;

namespace EclipseOS.Tests.Storage
{
    /// <summary>
    /// The storage library runs inside the Cosmos kernel: IL2CPU cannot compile LINQ, threads,
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
        public void StorageAssemblyReferencesNothingIl2CpuCannotCompile()
        {
            using var stream = File.OpenRead(typeof(BlockDeviceManager).Assembly.Location);
            using var pe = new PEReader(stream);
            MetadataReader metadata = pe.GetMetadataReader();
            var offending = new List<string>();
            foreach (TypeReferenceHandle handle in metadata.TypeReferences)
            {
                TypeReference type = metadata.GetTypeReference(handle);
                string ns = metadata.GetString(type.Namespace);
                string full = ns + "." + metadata.GetString(type.Name);
                bool reflection = ns.StartsWith("System.Reflection") && !full.EndsWith("Attribute");
                if (reflection || System.Array.Exists(ForbiddenNamespaces, n => ns.StartsWith(n)) || System.Array.IndexOf(ForbiddenTypes, full) >= 0)
                    offending.Add(full);
            }
            Assert.Empty(offending);
            Assert.Contains("System.Collections.Generic.List`1", TypeNames(metadata)); // the scan does see real references
        }

        private static List<string> TypeNames(MetadataReader metadata)
        {
            var names = new List<string>();
            foreach (TypeReferenceHandle handle in metadata.TypeReferences)
            {
                TypeReference type = metadata.GetTypeReference(handle);
                names.Add(metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name));
            }
            return names;
        }
    }
}
