using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EclipseOS.Analyzers
{
    /// <summary>
    /// EOS011: a finally block, written or made by the compiler (<c>using</c>, <c>lock</c>, a
    /// <c>foreach</c> whose enumerator is disposable). In the booted kernel an exception thrown
    /// inside a try that has a finally hung the kernel in the caller (a probe), and a failed
    /// AHCI read returned as if it had succeeded with the buffer untouched.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FinallyAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Il2CpuRules.FinallyBlock);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(c => Report(c, "finally"), SyntaxKind.FinallyClause);
            context.RegisterSyntaxNodeAction(c => Report(c, "using"), SyntaxKind.UsingStatement);
            context.RegisterSyntaxNodeAction(c => Report(c, "lock"), SyntaxKind.LockStatement);
            context.RegisterSyntaxNodeAction(AnalyzeLocalDeclaration, SyntaxKind.LocalDeclarationStatement);
            context.RegisterSyntaxNodeAction(AnalyzeForEach, SyntaxKind.ForEachStatement, SyntaxKind.ForEachVariableStatement);
        }

        private static void Report(SyntaxNodeAnalysisContext context, string what) =>
            context.ReportDiagnostic(Diagnostic.Create(Il2CpuRules.FinallyBlock, context.Node.GetFirstToken().GetLocation(), what));

        private static void AnalyzeLocalDeclaration(SyntaxNodeAnalysisContext context)
        {
            if (((LocalDeclarationStatementSyntax)context.Node).UsingKeyword.IsKind(SyntaxKind.UsingKeyword))
                Report(context, "using");
        }

        private static void AnalyzeForEach(SyntaxNodeAnalysisContext context)
        {
            var loop = (CommonForEachStatementSyntax)context.Node;
            // Arrays and strings are walked by index; any other enumerator the compiler disposes in a finally.
            ITypeSymbol? collection = context.SemanticModel.GetTypeInfo(loop.Expression, context.CancellationToken).Type;
            if (collection is IArrayTypeSymbol || collection?.SpecialType == SpecialType.System_String)
                return;
            ForEachStatementInfo info = context.SemanticModel.GetForEachStatementInfo(loop);
            if (info.DisposeMethod != null || (info.GetEnumeratorMethod?.ReturnType is ITypeSymbol enumerator && enumerator.AllInterfaces.Length > 0 && Implements(enumerator, "System.IDisposable")))
                Report(context, "foreach over a disposable enumerator");
        }

        private static bool Implements(ITypeSymbol type, string name)
        {
            foreach (INamedTypeSymbol contract in type.AllInterfaces)
            {
                if (contract.ToDisplayString() == name)
                    return true;
            }
            return false;
        }
    }
}
