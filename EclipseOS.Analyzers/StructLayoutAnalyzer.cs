using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EclipseOS.Analyzers
{
    /// <summary>
    /// EOS006: structs whose size, as IL2CPU lays them out, is 4n+3 bytes. IL2CPU's <c>ldfld</c>
    /// of such a struct loads the last three bytes as a dword shifted right by 8, dropping the
    /// first and taking one byte beyond (IL2CPU source, IL/Ldfld.cs, "case 3").
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class StructLayoutAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Il2CpuRules.ThreeByteRemainderStruct);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
        }

        private static void AnalyzeType(SymbolAnalysisContext context)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            if (type.TypeKind != TypeKind.Struct)
                return;
            uint size = Il2CpuLayout.SizeOf(type);
            if (size % 4 == 3)
                context.ReportDiagnostic(Diagnostic.Create(Il2CpuRules.ThreeByteRemainderStruct, type.Locations[0], type.Name, size));
        }
    }

    /// <summary>Type sizes as IL2CPU computes them (ILOp.SizeOfType and GetStorageSize): 32-bit pointers, default packing 4.</summary>
    public static class Il2CpuLayout
    {
        private const uint DefaultPack = 4;

        /// <summary>The size IL2CPU gives a value of <paramref name="type"/>.</summary>
        public static uint SizeOf(ITypeSymbol type)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean:
                case SpecialType.System_Byte:
                case SpecialType.System_SByte:
                    return 1;
                case SpecialType.System_Char:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                    return 2;
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Single:
                case SpecialType.System_IntPtr:
                case SpecialType.System_UIntPtr:
                    return 4;
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Double:
                case SpecialType.System_DateTime:
                    return 8;
                case SpecialType.System_Decimal:
                    return 16;
            }
            if (type.TypeKind == TypeKind.Pointer || type.TypeKind == TypeKind.FunctionPointer)
                return 4;
            if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol enumType && enumType.EnumUnderlyingType != null)
                return SizeOf(enumType.EnumUnderlyingType);
            if (type.IsReferenceType)
                return 8; // IL2CPU's SizeOfType gives every reference 8 bytes.
            if (type.TypeKind == TypeKind.Struct && type is INamedTypeSymbol structType)
                return StorageSize(structType);
            return 4;
        }

        private static uint StorageSize(INamedTypeSymbol type)
        {
            (bool explicitLayout, uint pack, uint declaredSize) = Layout(type);
            uint end = 0;
            uint maxField = 0;
            uint offset = 0;
            foreach (ISymbol member in type.GetMembers())
            {
                if (!(member is IFieldSymbol field) || field.IsStatic || field.IsConst)
                    continue;
                uint size = SizeOf(field.Type);
                maxField = Math.Max(maxField, size);
                if (explicitLayout)
                {
                    end = Math.Max(end, FieldOffset(field) + size);
                    continue;
                }
                // GetValueTypeFieldsInfo: fields in declaration order, each aligned to min(type alignment, its size).
                uint typeAlignment = Math.Min(pack, MaxFieldSize(type));
                offset = Align(offset, Math.Min(typeAlignment, size));
                offset += size;
                end = offset;
            }
            if (maxField == 0)
                return Math.Max(declaredSize, 1);
            return Math.Max(declaredSize, Align(end, Math.Min(maxField, pack)));
        }

        private static uint MaxFieldSize(INamedTypeSymbol type)
        {
            uint max = 0;
            foreach (ISymbol member in type.GetMembers())
            {
                if (member is IFieldSymbol field && !field.IsStatic && !field.IsConst)
                    max = Math.Max(max, SizeOf(field.Type));
            }
            return max;
        }

        private static (bool Explicit, uint Pack, uint Size) Layout(INamedTypeSymbol type)
        {
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() != "System.Runtime.InteropServices.StructLayoutAttribute")
                    continue;
                bool explicitLayout = attribute.ConstructorArguments.Length > 0 && Convert.ToInt32(attribute.ConstructorArguments[0].Value) == 2;
                uint pack = DefaultPack;
                uint size = 0;
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "Pack" && named.Value.Value is int p && p > 0)
                        pack = (uint)p;
                    if (named.Key == "Size" && named.Value.Value is int s && s > 0)
                        size = (uint)s;
                }
                return (explicitLayout, pack, size);
            }
            return (false, DefaultPack, 0);
        }

        private static uint FieldOffset(IFieldSymbol field)
        {
            foreach (AttributeData attribute in field.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == "System.Runtime.InteropServices.FieldOffsetAttribute"
                    && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int offset)
                    return (uint)offset;
            }
            return 0;
        }

        private static uint Align(uint value, uint alignment) => alignment <= 1 ? value : (value + alignment - 1) / alignment * alignment;
    }
}
