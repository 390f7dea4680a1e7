using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace EclipseOS.Tests.Storage
{
    /// <summary>One type a compiled assembly refers to: its namespace and its full name (<c>Namespace.Name</c>).</summary>
    public readonly record struct TypeReferenceName(string Namespace, string FullName);

    /// <summary>
    /// What the kernel-side rule tests (Storage, VirtIO, kernel core) read from a compiled
    /// assembly's metadata without loading it: the types it refers to and the names of the types
    /// it defines. Each test applies its own list of what IL2CPU cannot compile.
    /// </summary>
    public sealed class CompiledTypeReferences
    {
        private CompiledTypeReferences(List<TypeReferenceName> references, List<string> definedTypeNames)
        {
            References = references;
            DefinedTypeNames = definedTypeNames;
        }

        /// <summary>Every type reference, in metadata order.</summary>
        public IReadOnlyList<TypeReferenceName> References { get; }

        /// <summary>The simple name of every type the assembly defines (compiler-generated ones included).</summary>
        public IReadOnlyList<string> DefinedTypeNames { get; }

        /// <summary>Reads the metadata of the file <paramref name="assembly"/> was loaded from.</summary>
        public static CompiledTypeReferences Of(Assembly assembly)
        {
            using var stream = File.OpenRead(assembly.Location);
            using var pe = new PEReader(stream);
            MetadataReader metadata = pe.GetMetadataReader();
            var references = new List<TypeReferenceName>();
            foreach (TypeReferenceHandle handle in metadata.TypeReferences)
            {
                TypeReference type = metadata.GetTypeReference(handle);
                string ns = metadata.GetString(type.Namespace);
                references.Add(new TypeReferenceName(ns, ns + "." + metadata.GetString(type.Name)));
            }
            var defined = new List<string>();
            foreach (TypeDefinitionHandle handle in metadata.TypeDefinitions)
                defined.Add(metadata.GetString(metadata.GetTypeDefinition(handle).Name));
            return new CompiledTypeReferences(references, defined);
        }
    }
}
