using System;
using System.IO;
using System.Linq;
using EclipseOS.Cli.Boot;
using EclipseOS.Kernel.Core.Boot;
using Xunit;

namespace EclipseOS.Tests.Kernel
{
    /// <summary>The fallback of <c>eclipse boot</c> without QEMU: a machine with nothing on any bus boots the simulated disk.</summary>
    public sealed class NoHardwareBootTests
    {
        [Fact]
        public void WithoutHardware_TheKernelBootsItsSimulatedDisk()
        {
            var log = new TextWriterOutput(null, keep: true);
            using HostedKernel kernel = HostedKernel.StartWithoutHardware(new BootOptions { SimulatedDiskTime = 1_700_000_000 }, log);
            Assert.Equal("ram0", kernel.Kernel.Root!.Device);
            Assert.Contains("[ATA] No drives found on the primary and secondary channels", log.Lines);
            Assert.Contains("[VirtIO] No real device found, using simulated disk", log.Lines);
            Assert.Contains("[FS] Filesystem mounted successfully", log.Lines);
        }

        [Fact]
        public void InteractiveSession_EchoesPipedCommands_AndHaltEndsIt()
        {
            var output = new TextWriterOutput(null, keep: true);
            var session = new BootSession(() => HostedKernel.StartWithoutHardware(new BootOptions(), output), output);
            var terminal = new StringWriter();
            Assert.Equal(0, session.RunInteractive(new StringReader("cd etc\nls\nhalt\nls\n"), terminal, echo: true));
            Assert.Equal("eclipse:/$ cd etc\neclipse:/etc$ ls\neclipse:/etc$ halt\n", terminal.ToString().Replace("\r\n", "\n"));
            Assert.Equal(new[] { "hostname", "motd", "[KERNEL] System halted" }, output.Lines.SkipWhile(l => !l.StartsWith("Type help", StringComparison.Ordinal)).Skip(1).ToArray());
        }
    }
}
