using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using EclipseOS.Cli.Setup;
using Xunit;

namespace EclipseOS.Tests.Il2Cpu
{
    /// <summary>
    /// The wiring: a net6.0 (kernel-side) project anywhere in the repository runs the IL2CPU
    /// analyzers and the banned-API list (Directory.Build.targets), so each construct the guest
    /// showed IL2CPU or Cosmos getting wrong fails a plain <c>dotnet build</c> on the host.
    /// </summary>
    public sealed class KernelSideBuildTests : IDisposable
    {
        private readonly string _project = Path.Combine(RepositoryRoot.Find(), "out", "tests", "kernel-side-probe-" + Guid.NewGuid().ToString("N"));

        public KernelSideBuildTests()
        {
            Directory.CreateDirectory(_project);
            File.WriteAllText(Path.Combine(_project, "Probe.csproj"),
                "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>$(KernelTargetFramework)</TargetFramework>" +
                "<GenerateDocumentationFile>false</GenerateDocumentationFile></PropertyGroup>" +
                "<ItemGroup><ProjectReference Include=\"" + Path.Combine(RepositoryRoot.Find(), "EclipseOS.Hal", "EclipseOS.Hal.csproj") + "\" /></ItemGroup></Project>");
        }

        public void Dispose() => Directory.Delete(_project, recursive: true);

        private (int Exit, string Output) Build(string body)
        {
            File.WriteAllText(Path.Combine(_project, "Probe.cs"), "using System.Collections.Generic;\nnamespace Probe { public static class P {\n" + body + "\n} }\n");
            var output = new StringBuilder();
            int exit = ChildProcess.Run("dotnet", new[] { "build", Path.Combine(_project, "Probe.csproj"), "-nologo", "-v", "q", "-nodeReuse:false" },
                _project, TimeSpan.FromMinutes(4), line => output.AppendLine(line));
            return (exit, output.ToString());
        }

        [Fact]
        public void EveryRuleFailsTheBuildOfAKernelSideProject()
        {
            (int exit, string output) = Build(@"
public static bool Compare(long a, long b) => a < b;
public static long Divide(long a) => a / 10;
public static long Shift(long a, int n) => a >> n;
public static ulong Wide(ulong a, ulong b) => a / b;
public static string Text(long a) => ""n="" + a;
public static string Formatted(uint a) => $""{a:x8}"";
public static void Sort(List<string> names) => names.Sort(string.CompareOrdinal);
public static string Hex(int a) => a.ToString(""x"");
public static long Max(long a, long b) => System.Math.Max(a, b);
public static byte[] Copy(byte[] a) => (byte[])a.Clone();
public static int Cleaned(int a) { try { return a; } finally { a = 0; } }
public static int Filtered(System.Func<int> f, bool b) { try { return f(); } catch (System.Exception) when (b) { return 0; } }
public struct ThreeBytes { public byte A, B, C; }
public interface IDevice { string Description { get; } }
public abstract class Base { public string Description => ""d""; }
public sealed class Disk : Base, IDevice { }");
            Assert.NotEqual(0, exit);
            foreach (string id in new[] { "EOS001", "EOS002", "EOS003", "EOS004", "EOS005", "EOS006", "EOS007", "EOS008", "EOS009", "EOS010", "EOS011" })
                Assert.Contains("error " + id, output);
            Assert.Contains("'List<T>.Sort(Comparison<T>)' is banned", output);
            Assert.Contains("'int.ToString(string?)' is banned", output);
            Assert.Contains("'Math.Max(long, long)' is banned", output);
            Assert.Contains("'Array.Clone()' is banned", output);
        }

        [Fact]
        public void TheWaysAroundBuild()
        {
            (int exit, string output) = Build(@"
public static bool Compare(long a, long b) => EclipseOS.Hal.SignedInt64.Less(a, b);
public static ulong Divide(ulong a) => a / 10;
public static ulong Narrow(ulong a, uint b) => a / b;
public static string Text(long a) => ""n="" + EclipseOS.Hal.SignedInt64.Format(a);
public static string Hex(int a) => EclipseOS.Hal.Text.Hex.Lower((uint)a, 8);
public struct FourBytes { public byte A, B, C, D; }");
            Assert.True(exit == 0, output);
        }
    }
}
