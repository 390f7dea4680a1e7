using System.Collections.Generic;
using Xunit;

namespace EclipseOS.Tests.Il2Cpu
{
    /// <summary>
    /// The IL2CPU analyzers (EclipseOS.Analyzers) on snippets: each construct the booted kernel
    /// showed IL2CPU compiling wrongly is reported, and the way around it is not.
    /// </summary>
    public sealed class Il2CpuAnalyzerTests
    {
        private static List<string> Diagnose(string body) => AnalyzerHarness.Diagnose("public static class C { " + body + " }");

        [Theory]
        [InlineData("static bool F(long a, long b) => a < b;")]
        [InlineData("static bool F(long a, long b) => a >= b;")]
        [InlineData("static bool F(long a) => a > 0;")]
        [InlineData("static void F(long a) { if (a <= 5) { } }")]
        [InlineData("static bool F(long a) => a is > 3;")]
        public void SignedInt64OrderingIsReported(string code) => Assert.Equal(new[] { "EOS001" }, Diagnose(code));

        [Theory]
        [InlineData("static bool F(ulong a, ulong b) => a < b;")]
        [InlineData("static bool F(long a, long b) => a == b;")]
        [InlineData("static bool F(int a, int b) => a < b;")]
        [InlineData("static long F(long a, long b) => a + b * 3 - 1;")]
        public void UnsignedAndEqualityComparisonsPass(string code) => Assert.Empty(Diagnose(code));

        [Theory]
        [InlineData("static long F(long a) => a / 10;")]
        [InlineData("static long F(long a) => a % 10;")]
        [InlineData("static void F(ref long a) { a /= 3; }")]
        public void SignedInt64DivisionIsReported(string code) => Assert.Equal(new[] { "EOS002" }, Diagnose(code));

        [Theory]
        [InlineData("static long F(long a, int n) => a >> n;")]
        [InlineData("static long F(long a) => a >> 40;")]
        public void SignedInt64ShiftByVariableOrMoreThan31IsReported(string code) => Assert.Equal(new[] { "EOS003" }, Diagnose(code));

        [Theory]
        [InlineData("static long F(long a) => a >> 4;")]
        [InlineData("static ulong F(ulong a, int n) => a >> n;")]
        public void SafeShiftsPass(string code) => Assert.Empty(Diagnose(code));

        [Theory]
        [InlineData("static ulong F(ulong a, ulong b) => a / b;")]
        [InlineData("static ulong F(ulong a, ulong b) => a % b;")]
        [InlineData("static ulong F(ulong a) => a / 0x100000000UL;")]
        public void WideUnsignedDivisorIsReported(string code) => Assert.Equal(new[] { "EOS004" }, Diagnose(code));

        [Theory]
        [InlineData("static ulong F(ulong a, uint b) => a / b;")]
        [InlineData("static ulong F(ulong a, int b) => a / (ulong)b;")]
        [InlineData("static ulong F(ulong a) => a % 4096;")]
        [InlineData("static ulong F(ulong a, ushort b) => a / b;")]
        public void DivisorsBelow2To32Pass(string code) => Assert.Empty(Diagnose(code));

        [Theory]
        [InlineData("static string F(long a) => \"n=\" + a;")]
        [InlineData("static string F(long a) => a.ToString();")]
        [InlineData("static string F(long a) => $\"{a}\";")]
        [InlineData("static void F(ref string s, long a) { s += a; }")]
        public void LongToTextIsReported(string code) => Assert.Equal(new[] { "EOS005" }, Diagnose(code));

        [Theory]
        [InlineData("static string F(ulong a, int b) => \"n=\" + a + b;")]
        [InlineData("static string F(uint a) => $\"{a}\";")]
        public void OtherNumbersToTextPass(string code) => Assert.Empty(Diagnose(code));

        [Fact]
        public void InterpolationFormatIsReported() => Assert.Equal(new[] { "EOS008" }, Diagnose("static string F(uint a) => $\"{a:x8}\";"));

        [Theory]
        [InlineData("struct S { byte A, B, C; }", "EOS006")]                 // 3 bytes
        [InlineData("struct S { byte A, B, C, D, E, F, G; }", "EOS006")]     // 7 bytes
        [InlineData("struct S { ushort A; byte B; }", "")]                   // aligned to 2: 4 bytes
        [InlineData("struct S { byte A, B; }", "")]                          // 2
        [InlineData("struct S { byte A, B, C, D, E; }", "")]                 // 5
        [InlineData("struct S { ushort A, B, C; }", "")]                     // 6
        [InlineData("struct S { ulong A; uint B; bool C; }", "")]            // 13 aligned to 4: 16
        public void StructsOf4nPlus3BytesAreReported(string declaration, string expected)
        {
            List<string> found = AnalyzerHarness.Diagnose("#pragma warning disable CS0169\n" + declaration);
            Assert.Equal(expected.Length == 0 ? new string[0] : new[] { expected }, found);
        }

        [Fact]
        public void InterfaceImplementedByAnInheritedMemberIsReported()
        {
            const string code = @"
public interface IDevice { string Description { get; } int Size { get; } }
public abstract class Base { public string Description => ""d""; }
public sealed class Disk : Base, IDevice { public int Size => 1; }";
            Assert.Equal(new[] { "EOS007" }, AnalyzerHarness.Diagnose(code));
        }

        [Fact]
        public void InterfaceDeclaredOnTheBaseThatImplementsItPasses()
        {
            const string code = @"
public interface IDevice { string Description { get; } int Size { get; } }
public abstract class Base : IDevice { public string Description => ""d""; public abstract int Size { get; } }
public sealed class Disk : Base { public override int Size => 1; }
public sealed class Other : System.IDisposable { public void Dispose() { } }";
            Assert.Empty(AnalyzerHarness.Diagnose(code));
        }

        [Fact]
        public void AnExceptionFilterFails()
        {
            const string code = @"
public static class C
{
    public static int Read(System.Func<int> read, bool retry)
    {
        try { return read(); }
        catch (System.InvalidOperationException) when (retry) { return 0; }
    }
}";
            Assert.Contains("EOS009", AnalyzerHarness.Diagnose(code));
        }

        [Fact]
        public void ADelegateCalledInATryThatCatchesFails_ElsewhereItPasses()
        {
            const string inTry = @"
public delegate void Transfer(int block);
public static class C
{
    public static bool Run(Transfer transfer)
    {
        try { transfer(1); return true; }
        catch (System.InvalidOperationException) { return false; }
    }
}";
            Assert.Equal(new[] { "EOS010" }, AnalyzerHarness.Diagnose(inTry));
            const string elsewhere = @"
public delegate void Handler(int line);
public interface ITransfer { void Run(int block); }
public static class C
{
    public static bool Run(ITransfer transfer, Handler handler)
    {
        handler(3);
        try { transfer.Run(1); return true; }
        catch (System.InvalidOperationException) { handler(4); return false; }
    }
}";
            Assert.Empty(AnalyzerHarness.Diagnose(elsewhere));
        }

        [Theory]
        [InlineData("try { sum = 1; } finally { sum = 2; }")]
        [InlineData("using (s) { sum++; }")]
        [InlineData("lock (Gate) { sum++; }")]
        [InlineData("foreach (int i in list) sum += i;")]
        public void FinallyBlocksWrittenOrMadeByTheCompilerFail(string statement)
        {
            Assert.Contains("EOS011", AnalyzerHarness.Diagnose(FinallySnippet(statement)));
        }

        [Fact]
        public void AForeachOverAnArrayPasses()
        {
            Assert.Empty(AnalyzerHarness.Diagnose(FinallySnippet("foreach (int i in array) sum += i; for (int i = 0; i < list.Count; i++) sum += list[i];")));
        }

        private static string FinallySnippet(string statement) => @"
public static class C
{
    static readonly object Gate = new object();
    public static int Run(System.Collections.Generic.List<int> list, int[] array, System.IO.Stream s)
    {
        int sum = 0;
        " + statement + @"
        return sum;
    }
}";
    }
}
