using System;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using EclipseOS.Cli.Setup;
using Xunit;

namespace EclipseOS.Tests.Il2Cpu
{
    /// <summary>
    /// Nothing may escape the Cosmos kernel class's overrides: Cosmos's last-resort handler
    /// formats the exception with ToString, which IL2CPU's interface tables cannot dispatch, and
    /// the kernel hangs silently there (the q35 boot did). Read from the compiled Cosmos layer:
    /// each override's whole body is one try with a catch of System.Exception.
    /// </summary>
    public sealed class KernelEntryPointTests
    {
        private static readonly string[] Overrides = { "OnBoot", "BeforeRun", "Run" };

        [SkippableFact]
        public void EveryOverrideOfTheKernelCatchesEverything()
        {
            string? dll = CompiledKernel();
            Skip.If(dll == null, "the Cosmos layer (EclipseOS.Kernel) has not been compiled here: no Cosmos packages were found");
            using var pe = new PEReader(File.OpenRead(dll!));
            MetadataReader metadata = pe.GetMetadataReader();
            TypeDefinition kernel = metadata.TypeDefinitions.Select(metadata.GetTypeDefinition)
                .Single(t => metadata.GetString(t.Name) == "Kernel" && metadata.GetString(t.Namespace) == "EclipseOS.Kernel.Cosmos");
            foreach (string name in Overrides)
            {
                MethodDefinition method = kernel.GetMethods().Select(metadata.GetMethodDefinition).Single(m => metadata.GetString(m.Name) == name);
                MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
                int length = body.GetILBytes()!.Length;
                bool guarded = body.ExceptionRegions.Any(region =>
                    region.Kind == ExceptionRegionKind.Catch
                    && CatchTypeName(metadata, region.CatchType) == "System.Exception"
                    && region.TryOffset <= 2
                    && region.HandlerOffset + region.HandlerLength >= length - 2);
                Assert.True(guarded, "Kernel." + name + " is not one try/catch (Exception) around its whole body");
            }
        }

        private static string CatchTypeName(MetadataReader metadata, EntityHandle handle)
        {
            if (handle.Kind != HandleKind.TypeReference)
                return "";
            TypeReference reference = metadata.GetTypeReference((TypeReferenceHandle)handle);
            return metadata.GetString(reference.Namespace) + "." + metadata.GetString(reference.Name);
        }

        /// <summary>The newest EclipseOS.Kernel.dll built from this repository (full kit build or compile-only), or null.</summary>
        private static string? CompiledKernel()
        {
            string bin = Path.Combine(RepositoryRoot.Find(), "EclipseOS.Kernel", "bin");
            if (!Directory.Exists(bin))
                return null;
            return Directory.GetFiles(bin, "EclipseOS.Kernel.dll", SearchOption.AllDirectories)
                .Where(path => !path.Contains(Path.DirectorySeparatorChar + "publish" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault();
        }
    }
}
