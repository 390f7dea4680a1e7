using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using EclipseOS.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EclipseOS.Tests.Il2Cpu
{
    /// <summary>Compiles a C# snippet against this runtime's assemblies and runs the IL2CPU analyzers on it.</summary>
    internal static class AnalyzerHarness
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> References = new Lazy<ImmutableArray<MetadataReference>>(() =>
        {
            string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
            return trusted.Split(Path.PathSeparator)
                .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) == "netstandard.dll")
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToImmutableArray();
        });

        /// <summary>The IDs of the analyzer diagnostics for <paramref name="source"/>, in source order; the snippet must otherwise compile.</summary>
        public static List<string> Diagnose(string source)
        {
            CSharpCompilation compilation = CSharpCompilation.Create("Snippet",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12)) },
                References.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
            Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            if (errors.Length > 0)
                throw new InvalidOperationException("the snippet does not compile: " + string.Join("; ", errors.Select(e => e.ToString())));
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new Int64ArithmeticAnalyzer(), new StructLayoutAnalyzer(), new InterfaceMappingAnalyzer(), new ExceptionAnalyzer(), new FinallyAnalyzer());
            ImmutableArray<Diagnostic> found = compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            return found.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.Id).ToList();
        }
    }
}
