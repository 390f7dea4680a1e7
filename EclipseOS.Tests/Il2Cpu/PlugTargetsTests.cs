using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using EclipseOS.Cli.Cosmos;
using EclipseOS.Cli.Setup;
using Xunit;

namespace EclipseOS.Tests.Il2Cpu
{
    /// <summary>
    /// Our IL2CPU plugs (EclipseOS.Cosmos.Plugs: File.Move's FileSystem.MoveFile) must match a
    /// method of the CoreLib IL2CPU compiles — the Windows build of .NET 6 the kit ships. A plug
    /// whose target is not found is only a warning in IL2CPU's log ("Invalid plug method"); the
    /// runtime's own method is compiled instead, which for MoveFile is Windows' MoveFileEx.
    /// Read from the compiled plug assembly and the kit's CoreLib, without a boot.
    /// </summary>
    public sealed class PlugTargetsTests
    {
        [SkippableFact]
        public void EveryPlugMethodOfOursHasItsTargetInTheKitsCoreLib()
        {
            string root = RepositoryRoot.Find();
            string? plugs = Newest(Path.Combine(root, "EclipseOS.Cosmos.Plugs", "bin"), "EclipseOS.Cosmos.Plugs.dll");
            Skip.If(plugs == null, "EclipseOS.Cosmos.Plugs has not been compiled here: no Cosmos packages were found");
            CosmosKit kit = CosmosKit.Discover(root);
            string coreLib = Path.Combine(Path.GetDirectoryName(kit.PackagesDirectory) ?? "", "Build", "IL2CPU", "System.Private.CoreLib.dll");
            Skip.If(kit.Layer != CosmosLayer.Full || !File.Exists(coreLib), "no Cosmos user kit is installed, so the CoreLib IL2CPU compiles is not here");

            List<(string Target, string Method, string[] Parameters)> ours = PlugMethods(plugs!);
            Assert.Contains(ours, p => p.Target == "System.IO.FileSystem" && p.Method == "MoveFile");
            Dictionary<string, List<string[]>> available = StaticMethods(coreLib, ours.Select(p => p.Target).ToHashSet());
            foreach (var (target, method, parameters) in ours)
            {
                string key = target + "." + method;
                Assert.True(available.TryGetValue(key, out List<string[]>? overloads) && overloads.Any(o => o.SequenceEqual(parameters)),
                    "plug " + key + "(" + string.Join(", ", parameters) + ") matches no static method of the kit's CoreLib; it has: "
                    + (overloads == null ? "none of that name" : string.Join("; ", overloads.Select(o => "(" + string.Join(", ", o) + ")"))));
            }
        }

        /// <summary>Every public static method of every [Plug("Type, Assembly")] class: target type, name, parameter types.</summary>
        private static List<(string, string, string[])> PlugMethods(string assembly)
        {
            var result = new List<(string, string, string[])>();
            using var pe = new PEReader(File.OpenRead(assembly));
            MetadataReader metadata = pe.GetMetadataReader();
            foreach (TypeDefinitionHandle handle in metadata.TypeDefinitions)
            {
                TypeDefinition type = metadata.GetTypeDefinition(handle);
                string? target = PlugTarget(metadata, type);
                if (target == null)
                    continue;
                foreach (MethodDefinitionHandle m in type.GetMethods())
                {
                    MethodDefinition method = metadata.GetMethodDefinition(m);
                    if ((method.Attributes & MethodAttributes.Static) == 0 || (method.Attributes & MethodAttributes.Public) == 0)
                        continue;
                    MethodSignature<string> signature = method.DecodeSignature(new TypeNames(), null);
                    result.Add((target, metadata.GetString(method.Name), signature.ParameterTypes.ToArray()));
                }
            }
            return result;
        }

        /// <summary>The target type of a <c>[Plug("Namespace.Type, Assembly")]</c> on <paramref name="type"/>, or null when it has none.</summary>
        private static string? PlugTarget(MetadataReader metadata, TypeDefinition type)
        {
            foreach (CustomAttributeHandle handle in type.GetCustomAttributes())
            {
                CustomAttribute attribute = metadata.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind != HandleKind.MemberReference)
                    continue;
                MemberReference constructor = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                // IL2CPU.API names the attribute class Plug (IL2CPU.API.Attribs.Plug), not PlugAttribute.
                if (constructor.Parent.Kind != HandleKind.TypeReference)
                    continue;
                TypeReference attributeType = metadata.GetTypeReference((TypeReferenceHandle)constructor.Parent);
                if (metadata.GetString(attributeType.Namespace) != "IL2CPU.API.Attribs" || metadata.GetString(attributeType.Name) != "Plug")
                    continue;
                // The blob: prolog 0x0001, then the constructor's string argument (compressed length, UTF-8).
                BlobReader blob = metadata.GetBlobReader(attribute.Value);
                Assert.Equal(1, blob.ReadUInt16());
                string? name = blob.ReadSerializedString();
                Assert.True(name != null, "a [Plug] without a target name; this guard reads only [Plug(\"Type, Assembly\")]");
                return name!.Split(',')[0].Trim();
            }
            return null;
        }

        /// <summary>The static methods of the types named in <paramref name="types"/>, by "Type.Method", each overload's parameter types.</summary>
        private static Dictionary<string, List<string[]>> StaticMethods(string assembly, HashSet<string> types)
        {
            var result = new Dictionary<string, List<string[]>>();
            using var pe = new PEReader(File.OpenRead(assembly));
            MetadataReader metadata = pe.GetMetadataReader();
            foreach (TypeDefinitionHandle handle in metadata.TypeDefinitions)
            {
                TypeDefinition type = metadata.GetTypeDefinition(handle);
                string name = metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name);
                if (!types.Contains(name))
                    continue;
                foreach (MethodDefinitionHandle m in type.GetMethods())
                {
                    MethodDefinition method = metadata.GetMethodDefinition(m);
                    if ((method.Attributes & MethodAttributes.Static) == 0)
                        continue;
                    string key = name + "." + metadata.GetString(method.Name);
                    if (!result.TryGetValue(key, out List<string[]>? overloads))
                        result[key] = overloads = new List<string[]>();
                    overloads.Add(method.DecodeSignature(new TypeNames(), null).ParameterTypes.ToArray());
                }
            }
            return result;
        }

        private static string? Newest(string folder, string file)
        {
            if (!Directory.Exists(folder))
                return null;
            return Directory.GetFiles(folder, file, SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
        }

        /// <summary>Type names as "System.String", "System.Boolean", "T[]", "T&amp;" — enough to compare signatures.</summary>
        private sealed class TypeNames : ISignatureTypeProvider<string, object?>
        {
            public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "System." + typeCode;
            public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
            {
                TypeDefinition type = reader.GetTypeDefinition(handle);
                return reader.GetString(type.Namespace) + "." + reader.GetString(type.Name);
            }
            public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
            {
                TypeReference type = reader.GetTypeReference(handle);
                return reader.GetString(type.Namespace) + "." + reader.GetString(type.Name);
            }
            public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
                reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
            public string GetSZArrayType(string elementType) => elementType + "[]";
            public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";
            public string GetByReferenceType(string elementType) => elementType + "&";
            public string GetPointerType(string elementType) => elementType + "*";
            public string GetPinnedType(string elementType) => elementType;
            public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType + "<" + string.Join(",", typeArguments) + ">";
            public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;
            public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;
            public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
            public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";
        }
    }
}
