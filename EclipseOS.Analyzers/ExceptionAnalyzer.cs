using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EclipseOS.Analyzers
{
    /// <summary>
    /// Exceptions in IL2CPU's code, both found in the booted kernel: EOS009, an exception filter
    /// (<c>catch … when</c>) — IL2CPU refuses some methods with one and compiles others into a
    /// jump to 0x1; EOS010, a delegate called inside a try block that catches — an exception thrown
    /// by a method called through a delegate never reaches its caller, so the catch is dead and
    /// the failure silently becomes a success (a failed read returned stale data).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ExceptionAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Il2CpuRules.ExceptionFilter, Il2CpuRules.DelegateCallInTry);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(AnalyzeFilter, SyntaxKind.CatchFilterClause);
            context.RegisterSyntaxNodeAction(AnalyzeInvocation, SyntaxKind.InvocationExpression);
        }

        private static void AnalyzeFilter(SyntaxNodeAnalysisContext context) =>
            context.ReportDiagnostic(Diagnostic.Create(Il2CpuRules.ExceptionFilter, context.Node.GetLocation()));

        private static void AnalyzeInvocation(SyntaxNodeAnalysisContext context)
        {
            var invocation = (InvocationExpressionSyntax)context.Node;
            if (!(context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is IMethodSymbol method)
                || method.MethodKind != MethodKind.DelegateInvoke)
                return;
            // Only the try block of a try statement that catches: a delegate called elsewhere (an
            // interrupt handler, a callback that must not throw) is not expected to report failure.
            for (SyntaxNode? node = invocation.Parent; node != null && !(node is MemberDeclarationSyntax) && !(node is LocalFunctionStatementSyntax) && !(node is AnonymousFunctionExpressionSyntax); node = node.Parent)
            {
                if (node is BlockSyntax block && block.Parent is TryStatementSyntax attempt && attempt.Block == block && attempt.Catches.Count > 0)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Il2CpuRules.DelegateCallInTry, invocation.GetLocation(), invocation.Expression.ToString()));
                    return;
                }
            }
        }
    }
}
