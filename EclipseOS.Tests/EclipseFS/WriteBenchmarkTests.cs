using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using EclipseOS.Cli.Setup;
using Xunit;

namespace EclipseOS.Tests.EclipseFS
{
    /// <summary>
    /// <c>eclipse bench eclipsefs-write</c> with small sizes, in its own process as a user runs
    /// it (RAM disk and QEMU's virtio-blk): the table prints, and its figures are sane
    /// measurements — not what they are, which is the benchmark's to report.
    /// </summary>
    public sealed class WriteBenchmarkTests
    {
        [Fact]
        public void BenchEclipseFsWrite_PrintsTheTable_WithSaneRatiosAndCounts()
        {
            using var scratch = new TempDirectory();
            var output = new StringBuilder();
            int exit = ChildProcess.Run("dotnet",
                new[] { Path.Combine(AppContext.BaseDirectory, "eclipse.dll"), "bench", "eclipsefs-write", "--file-size", "2M", "--creates", "12", "--files", "300", "--ops", "40", "--work", scratch.Path },
                null, TimeSpan.FromMinutes(4), line => output.AppendLine(line));
            string text = output.ToString();
            Assert.True(exit == 0, text);
            Assert.Contains("EclipseFS read-write: RAM disk and virtio, one run", text);
            Assert.DoesNotContain("FLUSH COUNTS DIFFER", text);

            // Sequential write ÷ read: a time ratio, positive and finite on both devices.
            foreach (double ratio in Numbers(text, "2.0 MiB file, 1 MiB writes: write time ÷ read time"))
                Assert.True(ratio > 0 && ratio < 1000, "write ÷ read " + ratio + "\n" + text);
            // Its floor (the device's time while writing plus the content CRC, over the read) is
            // measured in the same rounds, and the engine's share of the write is a percentage.
            foreach (double ratio in Numbers(text, "2.0 MiB file: floor: (time in the device writing + content CRC) ÷ read time"))
                Assert.True(ratio > 0 && ratio < 1000, "floor " + ratio + "\n" + text);
            foreach (double percent in Numbers(text, "2.0 MiB file: the engine's own share of the write time"))
                Assert.True(percent >= 0 && percent <= 100, "engine share " + percent + "\n" + text);
            // The device gets every byte of the file at least once, and little more for a 2 MiB file.
            foreach (double ratio in Numbers(text, "2.0 MiB file: device bytes written ÷ file bytes"))
                Assert.True(ratio >= 1 && ratio < 10, "bytes ratio " + ratio + "\n" + text);

            // Every operation is durable when it returns: at least one write and one flush each.
            foreach (string row in new[] { "2.0 MiB file: device writes / flushes per 1 MiB write", "create + write 100 B: device writes / flushes",
                                           "mkdir: device writes / flushes", "rename in its directory: device writes / flushes", "unlink: device writes / flushes" })
            {
                List<double> counts = Numbers(text, row);
                Assert.True(counts.Count == 4, row + "\n" + text);
                Assert.True(counts[0] >= 1 && counts[1] >= 1 && counts[2] >= 1 && counts[3] >= 1, row + ": " + string.Join(", ", counts) + "\n" + text);
                // The requests do not depend on the device: RAM and virtio count the same.
                Assert.Equal(counts[0], counts[2]);
                Assert.Equal(counts[1], counts[3]);
            }

            foreach (double ratio in Numbers(text, "creates/s ÷ mkfs files/s (12 files)"))
                Assert.True(ratio > 0 && ratio < 1000, "creates ÷ mkfs " + ratio + "\n" + text);
            foreach (string history in new[] { "as mkfs made it", "after 4 ops", "after 40 ops", "after 40 ops, power cut" })
                foreach (double ms in Numbers(text, "mount + stat, 300 files, " + history))
                    Assert.True(ms > 0 && ms < 60_000, "mount " + history + ": " + ms + " ms\n" + text);
            foreach (double ratio in Numbers(text, "fastest mount time after 40 ÷ after 4 ops"))
                Assert.True(ratio > 0 && ratio < 1000, "mount growth " + ratio + "\n" + text);
            Assert.Matches(@"(met|NOT met)", text);
            Assert.Contains("The history on the 300-file volume", text);
        }

        /// <summary>The numbers in the RAM and virtio cells of the table row labelled <paramref name="label"/>.</summary>
        private static List<double> Numbers(string text, string label)
        {
            Match row = Regex.Match(text, Regex.Escape(label) + @"\s*[│|]([^│|\n]*)[│|]([^│|\n]*)[│|]");
            Assert.True(row.Success, "no table row \"" + label + "\" in\n" + text);
            var numbers = new List<double>();
            foreach (Group cell in new[] { row.Groups[1], row.Groups[2] })
                foreach (Match n in Regex.Matches(cell.Value, @"\d+(\.\d+)?"))
                    numbers.Add(double.Parse(n.Value, CultureInfo.InvariantCulture));
            Assert.True(numbers.Count >= 2, "row \"" + label + "\" holds no numbers: " + row.Value);
            return numbers;
        }
    }
}
