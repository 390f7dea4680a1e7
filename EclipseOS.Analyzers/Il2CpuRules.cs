using Microsoft.CodeAnalysis;

namespace EclipseOS.Analyzers
{
    /// <summary>
    /// The diagnostics: one per C# construct that compiles cleanly for .NET but that IL2CPU (the
    /// Cosmos compiler) translates wrongly, each found by booting the kernel. docs/kernel.md,
    /// "What IL2CPU/Cosmos does differently", has the evidence and the way around each.
    /// </summary>
    public static class Il2CpuRules
    {
        private const string Category = "IL2CPU";
        private const string Guide = " (docs/kernel.md, \"What IL2CPU/Cosmos does differently\")";

        /// <summary>EOS001: a signed 64-bit ordering comparison.</summary>
        public static readonly DiagnosticDescriptor SignedInt64Comparison = new DiagnosticDescriptor(
            "EOS001", "Signed 64-bit comparison",
            "'{0}' compares signed 64-bit values: IL2CPU compares their low halves as signed numbers and gets the order wrong when they differ in bit 31; compare as ulong or through SignedInt64" + Guide,
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        /// <summary>EOS002: signed 64-bit division or remainder.</summary>
        public static readonly DiagnosticDescriptor SignedInt64Division = new DiagnosticDescriptor(
            "EOS002", "Signed 64-bit division",
            "'{0}' divides signed 64-bit values: IL2CPU's code faults (#DE) on a negative dividend and is approximate for divisors of 2^31 or more; divide non-negative values as ulong" + Guide,
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        /// <summary>EOS003: signed 64-bit right shift by a count that may be 32 or more.</summary>
        public static readonly DiagnosticDescriptor SignedInt64ShiftRight = new DiagnosticDescriptor(
            "EOS003", "Signed 64-bit right shift",
            "'{0}' shifts a signed 64-bit value right: IL2CPU fills with zeros instead of the sign for counts of 32 or more; shift a ulong, or by a constant below 32" + Guide,
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        /// <summary>EOS004: unsigned 64-bit division by a divisor not known to fit 32 bits.</summary>
        public static readonly DiagnosticDescriptor WideUnsignedDivisor = new DiagnosticDescriptor(
            "EOS004", "64-bit division by a 64-bit divisor",
            "'{0}' divides by a 64-bit divisor: IL2CPU is exact only for divisors below 2^32 (it shifts both operands and divides once otherwise); make the divisor a uint or a constant below 2^32" + Guide,
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        /// <summary>EOS005: a long turned into text.</summary>
        public static readonly DiagnosticDescriptor Int64ToText = new DiagnosticDescriptor(
            "EOS005", "long turned into text",
            "'{0}' turns a long into text: Cosmos's Int64.ToString loops on a signed 64-bit comparison (EOS001) and drops digits of some values (280375465082880 prints as 82880, long.MinValue as \"-\"); format a ulong, or through SignedInt64.Format" + Guide,
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        /// <summary>EOS006: a struct whose IL2CPU size leaves 3 bytes over a multiple of 4.</summary>
        public static readonly DiagnosticDescriptor ThreeByteRemainderStruct = new DiagnosticDescriptor(
            "EOS006", "Struct size of 4n+3 bytes",
            "Struct '{0}' is {1} bytes to IL2CPU: loading a struct of 4n+3 bytes from a field drops its first byte and reads one byte past it; pack the fields into 4n, 4n+1 or 4n+2 bytes" + Guide,
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        /// <summary>EOS007: an interface member implemented by an inherited member of a class that does not implement the interface.</summary>
        public static readonly DiagnosticDescriptor InheritedInterfaceImplementation = new DiagnosticDescriptor(
            "EOS007", "Interface implemented by an inherited member",
            "'{0}' implements {1}.{2} with a member of its base class {3}, which does not implement {1}: IL2CPU leaves it out of the interface table and the call hangs in VTablesImpl; declare {1} on {3}, or implement the member in '{0}'" + Guide,
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        /// <summary>EOS008: a format specifier in an interpolated string.</summary>
        public static readonly DiagnosticDescriptor InterpolationFormat = new DiagnosticDescriptor(
            "EOS008", "Format string in an interpolated string",
            "'{0}' formats with a format string: Cosmos's number plugs ignore lower-case \"x\" for int, short and sbyte and throw for ulong; format with EclipseOS.Hal.Text.Hex" + Guide,
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        /// <summary>EOS009: an exception filter (<c>catch … when</c>).</summary>
        public static readonly DiagnosticDescriptor ExceptionFilter = new DiagnosticDescriptor(
            "EOS009", "Exception filter",
            "'catch … when' is an exception filter: IL2CPU refuses some methods that have one (\"GenerateGroups --- Did not reach all instructions\") and compiles others into a jump to address 0x1 when the exception comes; catch the type and test inside the handler (rethrow with 'throw;')" + Guide,
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        /// <summary>EOS010: a delegate called inside a try block that catches.</summary>
        public static readonly DiagnosticDescriptor DelegateCallInTry = new DiagnosticDescriptor(
            "EOS010", "Delegate called where its exception is expected",
            "'{0}' calls a delegate inside a try block with a catch clause: in IL2CPU's code an exception thrown by a method called through a delegate never reaches the caller (the call returns as if it had succeeded), so the catch cannot see it; call an interface or a method instead" + Guide,
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        /// <summary>EOS011: a finally block, written or made by the compiler.</summary>
        public static readonly DiagnosticDescriptor FinallyBlock = new DiagnosticDescriptor(
            "EOS011", "finally block",
            "'{0}' makes a finally block: in IL2CPU's code an exception that passes through one hangs the kernel or is lost (the call returns as if it had succeeded); clean up in 'catch (Exception) {{ …; throw; }}' and after the try, walk lists by index" + Guide,
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    }
}
