using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using EclipseOS.Cli.Verbs;
using Xunit;

namespace EclipseOS.Tests.Qtest
{
    /// <summary><c>eclipse lspci</c>'s plain output on real QEMU boards.</summary>
    public sealed class LspciTests
    {
        private static readonly Regex Line = new Regex(
            "^(?<addr>[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]) (?<id>[0-9a-f]{4}:[0-9a-f]{4}) class=(?<class>[0-9a-f]{2}:[0-9a-f]{2}) \"(?<name>[^\"]+)\" irq=(?<irq>none|\\d+)(?<bars>( BAR[0-5]=(io|mem32|mem64)(-pref)?:0x[0-9a-f]+\\+0x[0-9a-f]+)*)$");

        [Theory]
        [InlineData("pc", "virtio", "1af4:1001", "8086:1237")]
        [InlineData("q35", "virtio-modern", "1af4:1042", "8086:29c0")]
        public void Lists_the_host_bridge_and_the_disk_with_assigned_bars(string machine, string bus, string diskId, string hostId)
        {
            using var disk = new DiskImage(16, 4);
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = LspciVerb.Run(machine, new[] { disk.Path }, bus, table: false, output, error);
            Assert.True(exit == 0, error.ToString());
            string[] lines = output.ToString().Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
            Assert.All(lines, l => Assert.Matches(Line, l.TrimEnd('\r')));
            Match host = lines.Select(l => Line.Match(l.TrimEnd('\r'))).Single(m => m.Groups["addr"].Value == "00:00.0");
            Assert.Equal(hostId, host.Groups["id"].Value);
            Assert.Equal("Host bridge", host.Groups["name"].Value);
            Match blk = lines.Select(l => Line.Match(l.TrimEnd('\r'))).Single(m => m.Groups["id"].Value == diskId);
            Assert.Equal("01:00", blk.Groups["class"].Value);
            Assert.Matches("^(10|11)$", blk.Groups["irq"].Value);
            Assert.Contains("BAR4=mem64-pref:0x", blk.Groups["bars"].Value);
        }

        [Fact]
        public void A_missing_image_is_a_clear_error()
        {
            var error = new StringWriter();
            int exit = LspciVerb.Run("pc", new[] { "/nonexistent/disk.img" }, "virtio", table: false, new StringWriter(), error);
            Assert.Equal(2, exit);
            Assert.Contains("/nonexistent/disk.img", error.ToString());
        }
    }
}
