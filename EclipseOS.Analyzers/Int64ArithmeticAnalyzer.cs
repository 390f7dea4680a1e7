using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EclipseOS.Analyzers
{
    /// <summary>
    /// Finds the 64-bit integer operations IL2CPU compiles wrongly on its 32-bit target (EOS001 to
    /// EOS005) and format strings in interpolated strings (EOS008). Addition, subtraction,
    /// multiplication, equality, unsigned comparisons and shifts are compiled correctly and pass.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class Int64ArithmeticAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(
            Il2CpuRules.SignedInt64Comparison, Il2CpuRules.SignedInt64Division, Il2CpuRules.SignedInt64ShiftRight,
            Il2CpuRules.WideUnsignedDivisor, Il2CpuRules.Int64ToText, Il2CpuRules.InterpolationFormat);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(AnalyzeBinary, OperationKind.Binary);
            context.RegisterOperationAction(AnalyzeCompound, OperationKind.CompoundAssignment);
            context.RegisterOperationAction(AnalyzeRelationalPattern, OperationKind.RelationalPattern);
            context.RegisterOperationAction(AnalyzeInterpolation, OperationKind.Interpolation);
            context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
        }

        private static void AnalyzeBinary(OperationAnalysisContext context)
        {
            var operation = (IBinaryOperation)context.Operation;
            if (operation.OperatorMethod != null)
                return;
            if (operation.OperatorKind == BinaryOperatorKind.Add && operation.Type?.SpecialType == SpecialType.System_String)
            {
                // "text" + aLong calls Int64.ToString.
                if (IsInt64(Unconverted(operation.LeftOperand)) || IsInt64(Unconverted(operation.RightOperand)))
                    Report(context, Il2CpuRules.Int64ToText, operation);
                return;
            }
            Check(context, operation, operation.OperatorKind, operation.LeftOperand, operation.RightOperand);
        }

        private static void AnalyzeCompound(OperationAnalysisContext context)
        {
            var operation = (ICompoundAssignmentOperation)context.Operation;
            if (operation.OperatorMethod != null)
                return;
            if (operation.OperatorKind == BinaryOperatorKind.Add && operation.Target.Type?.SpecialType == SpecialType.System_String)
            {
                if (IsInt64(Unconverted(operation.Value)))
                    Report(context, Il2CpuRules.Int64ToText, operation);
                return;
            }
            Check(context, operation, operation.OperatorKind, operation.Target, operation.Value);
        }

        private static void Check(OperationAnalysisContext context, IOperation operation, BinaryOperatorKind kind, IOperation left, IOperation right)
        {
            SpecialType type = left.Type?.SpecialType ?? SpecialType.None;
            switch (kind)
            {
                case BinaryOperatorKind.LessThan:
                case BinaryOperatorKind.LessThanOrEqual:
                case BinaryOperatorKind.GreaterThan:
                case BinaryOperatorKind.GreaterThanOrEqual:
                    if (type == SpecialType.System_Int64 && right.Type?.SpecialType == SpecialType.System_Int64)
                        Report(context, Il2CpuRules.SignedInt64Comparison, operation);
                    break;
                case BinaryOperatorKind.Divide:
                case BinaryOperatorKind.Remainder:
                    if (type == SpecialType.System_Int64)
                        Report(context, Il2CpuRules.SignedInt64Division, operation);
                    else if (type == SpecialType.System_UInt64 && !FitsInUInt32(right))
                        Report(context, Il2CpuRules.WideUnsignedDivisor, operation);
                    break;
                case BinaryOperatorKind.RightShift:
                    if (type == SpecialType.System_Int64 && !IsConstantBelow32(right))
                        Report(context, Il2CpuRules.SignedInt64ShiftRight, operation);
                    break;
            }
        }

        private static void AnalyzeRelationalPattern(OperationAnalysisContext context)
        {
            var pattern = (IRelationalPatternOperation)context.Operation;
            if (pattern.InputType.SpecialType == SpecialType.System_Int64)
                Report(context, Il2CpuRules.SignedInt64Comparison, pattern);
        }

        private static void AnalyzeInterpolation(OperationAnalysisContext context)
        {
            var interpolation = (IInterpolationOperation)context.Operation;
            if (interpolation.FormatString != null)
                Report(context, Il2CpuRules.InterpolationFormat, interpolation);
            else if (IsInt64(Unconverted(interpolation.Expression)))
                Report(context, Il2CpuRules.Int64ToText, interpolation);
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            if (method.Name == "ToString" && method.ContainingType.SpecialType == SpecialType.System_Int64)
                Report(context, Il2CpuRules.Int64ToText, invocation);
        }

        private static bool IsInt64(IOperation operation) => operation.Type?.SpecialType == SpecialType.System_Int64;

        /// <summary>The operand as written: implicit conversions (to object, to string) removed.</summary>
        private static IOperation Unconverted(IOperation operation)
        {
            while (operation is IConversionOperation conversion && conversion.IsImplicit)
                operation = conversion.Operand;
            return operation;
        }

        /// <summary>Whether the divisor is a constant below 2^32 or, under its conversions, a value of 32 bits or fewer.</summary>
        private static bool FitsInUInt32(IOperation divisor)
        {
            IOperation current = divisor;
            while (true)
            {
                if (current.ConstantValue.HasValue && current.ConstantValue.Value is object constant)
                    return ConstantBelow(constant, 1UL << 32);
                switch (current.Type?.SpecialType)
                {
                    // A 32-bit or narrower value widened to 64 bits: below 2^32, or (a negative
                    // int) a divisor that is wrong in .NET too.
                    case SpecialType.System_Byte:
                    case SpecialType.System_SByte:
                    case SpecialType.System_Int16:
                    case SpecialType.System_UInt16:
                    case SpecialType.System_Int32:
                    case SpecialType.System_UInt32:
                    case SpecialType.System_Char:
                        return true;
                }
                if (current is IConversionOperation conversion)
                    current = conversion.Operand;
                else
                    return false;
            }
        }

        private static bool IsConstantBelow32(IOperation count) =>
            count.ConstantValue.HasValue && count.ConstantValue.Value is object constant && ConstantBelow(constant, 32);

        private static bool ConstantBelow(object constant, ulong limit)
        {
            switch (constant)
            {
                case int i: return i >= 0 && (ulong)i < limit;
                case uint u: return u < limit;
                case long l: return l >= 0 && (ulong)l < limit;
                case ulong ul: return ul < limit;
                case ushort us: return us < limit;
                case byte b: return b < limit;
                default: return false;
            }
        }

        private static void Report(OperationAnalysisContext context, DiagnosticDescriptor rule, IOperation operation) =>
            context.ReportDiagnostic(Diagnostic.Create(rule, operation.Syntax.GetLocation(), operation.Syntax.ToString()));
    }
}
