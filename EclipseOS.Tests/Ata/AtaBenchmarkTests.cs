using System.IO;
using System.Text.RegularExpressions;
using EclipseOS.Cli.Benchmarks;
using Xunit;

namespace EclipseOS.Tests.Ata
{
    /// <summary><c>eclipse bench ata</c> on a small run: every row printed, the figures within the issue's targets.</summary>
    public sealed class AtaBenchmarkTests
    {
        [Fact]
        public void BenchAta_PrintsPioDmaAndVirtioRows_WithinTheTargets()
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int code = AtaBenchmark.Run(null, 2, 1, output, error);
            Assert.True(code == 0, error.ToString());
            string text = output.ToString();
            foreach (string row in new[] { "ATA PIO  read", "ATA PIO  write", "ATA DMA  read", "ATA DMA  write", "VirtIO   read", "VirtIO   write" })
                Assert.Contains(row, text);
            Assert.Contains("PIO:DMA:VirtIO time", text);
            MatchCollection rows = Regex.Matches(text, @"ATA (PIO|DMA)\s+(read|write)\s+\d+\s+[\d.]+\s+([\d.]+)");
            Assert.Equal(4, rows.Count);
            foreach (Match m in rows)
            {
                double perMiB = double.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (m.Groups[1].Value == "DMA") Assert.True(perMiB <= 40, m.Value);
                else Assert.InRange(perMiB, 524288, 524288 + 2048 + 64);
            }
        }
    }
}
