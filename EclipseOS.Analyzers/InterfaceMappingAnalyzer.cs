using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EclipseOS.Analyzers
{
    /// <summary>
    /// EOS007: a class that implements an interface member with a member inherited from a base
    /// class that does not itself implement the interface. IL2CPU queues interface targets only
    /// when they are declared by the scanned type (ILScanner, "Virtual Downscan"), so the member
    /// is missing from the class's interface table and the call spins in
    /// <c>VTablesImpl.GetMethodAddressForInterfaceType</c> ("Not FOUND") for ever.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class InterfaceMappingAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Il2CpuRules.InheritedInterfaceImplementation);

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
            if (type.TypeKind != TypeKind.Class)
                return;
            foreach (INamedTypeSymbol contract in type.AllInterfaces)
            {
                foreach (ISymbol member in contract.GetMembers())
                {
                    if (member.IsStatic || !(member is IMethodSymbol || member is IPropertySymbol || member is IEventSymbol))
                        continue;
                    // Accessors are reported through their property or event.
                    if (member is IMethodSymbol method && method.AssociatedSymbol != null)
                        continue;
                    ISymbol? implementation = type.FindImplementationForInterfaceMember(member);
                    INamedTypeSymbol? owner = implementation?.ContainingType;
                    if (owner == null || owner.TypeKind != TypeKind.Class || SymbolEqualityComparer.Default.Equals(owner, type))
                        continue;
                    if (owner.AllInterfaces.Contains(contract, SymbolEqualityComparer.Default))
                        continue;
                    context.ReportDiagnostic(Diagnostic.Create(Il2CpuRules.InheritedInterfaceImplementation, type.Locations[0],
                        type.Name, contract.Name, member.Name, owner.Name));
                }
            }
        }
    }
}
