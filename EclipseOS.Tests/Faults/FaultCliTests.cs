using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using EclipseOS.Cli.Boot;
using EclipseOS.Cli.Verbs;
using EclipseOS.Platform.Qtest.Options;
using Xunit;

namespace EclipseOS.Tests.Faults
{
    /// <summary>
    /// <c>dd --inject-error</c> and <c>boot --inject-error</c> on every bus as a user runs them:
    /// exit 1 and a message naming the device and the sector, the copy around it correct; and
    /// <c>dd --write</c> shows QEMU's own flush counter grown.
    /// </summary>
    public sealed class FaultCliTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "eclipse-fault-cli-" + Guid.NewGuid().ToString("N"));
        private readonly string _image;
        private readonly byte[] _bytes = new byte[4096 * 512];

        public FaultCliTests()
        {
            Directory.CreateDirectory(_folder);
            _image = Path.Combine(_folder, "disk.img");
            new Random(17).NextBytes(_bytes);
            File.WriteAllBytes(_image, _bytes);
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        [Theory]
        [InlineData("virtio", "vda")]
        [InlineData("ide", "hda")]
        [InlineData("ahci", "sda")]
        [InlineData("nvme", "nvme0n1")]
        public void DdReadsAroundAnInjectedErrorAndNamesIt(string bus, string device)
        {
            string output = Path.Combine(_folder, "out.bin");
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = DdVerb.Run(new DdVerb.DdRequest { Disk = _image, Bus = bus, Skip = 0, Count = 3000, Output = output, InjectErrors = new[] { "read:2000:2" } }, stdout, stderr, false);
            Assert.Equal(1, code);
            Assert.Matches("^dd: " + device + ": block 2000: ", stderr.ToString());

            code = DdVerb.Run(new DdVerb.DdRequest { Disk = _image, Bus = bus, Skip = 2002, Count = 2000, Output = output, InjectErrors = new[] { "read:2000:2" } }, stdout, stderr, false);
            Assert.Equal(0, code);
            Assert.True(File.ReadAllBytes(output).AsSpan().SequenceEqual(_bytes.AsSpan(2002 * 512, 2000 * 512)), bus + ": the sectors after the bad ones differ");
        }

        [Theory]
        [InlineData("virtio")]
        [InlineData("ide")]
        [InlineData("ahci")]
        public void DdWriteShowsQemusFlushCounterGrown(string bus)
        {
            string input = Path.Combine(_folder, "in.bin");
            var data = new byte[64 * 512];
            new Random(3).NextBytes(data);
            File.WriteAllBytes(input, data);
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            Assert.Equal(0, DdVerb.Run(new DdVerb.DdRequest { Disk = _image, Bus = bus, Write = input, Seek = 10 }, stdout, stderr, false));
            Match counters = Regex.Match(stdout.ToString(), @"QEMU drive \S+: \d+ reads, (\d+) writes, (\d+) flushes");
            Assert.True(counters.Success, stdout.ToString());
            Assert.True(int.Parse(counters.Groups[1].Value) > 0, "no write counted: " + stdout);
            Assert.True(int.Parse(counters.Groups[2].Value) > 0, "no flush counted: " + stdout);
            Assert.True(File.ReadAllBytes(_image).AsSpan(10 * 512, data.Length).SequenceEqual(data));
        }

        [Theory]
        [InlineData(BootBus.Virtio, "vda")]
        [InlineData(BootBus.Ahci, "sda")]
        [InlineData(BootBus.Nvme, "nvme0n1")]
        public void BootWithAnInjectedErrorReportsItInTheShell_AndReadsOn(BootBus bus, string device)
        {
            var options = new HostedKernelOptions { Bus = bus, Machine = QemuMachine.Q35 };
            options.Disks.Add(_image);
            options.InjectErrors.Add(InjectedError.Parse("read:100"));
            var output = new TextWriterOutput(null, keep: true);
            var session = new BootSession(() => HostedKernel.Start(options, output), output);
            int code = session.RunCommands(new[] { "hexdump " + device + " 100", "hexdump " + device + " 101" });
            Assert.Equal(1, code);
            string text = string.Join("\n", output.Lines);
            Assert.Contains("hexdump: " + device + ": block 100: ", text);
            Assert.Contains((101 * 512).ToString("x8") + "  " + _bytes[101 * 512].ToString("x2") + " " + _bytes[101 * 512 + 1].ToString("x2"), text);
        }
    }
}
