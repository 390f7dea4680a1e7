using System.Collections.Generic;
using EclipseOS.Kernel.Core.Boot;
using EclipseOS.Platform.Qtest.Options;

namespace EclipseOS.Cli.Boot
{
    /// <summary>What machine a hosted kernel boots on.</summary>
    public sealed class HostedKernelOptions
    {
        /// <summary>Disk images, attached in order.</summary>
        public List<string> Disks { get; } = new List<string>();

        /// <summary>Where the disks go.</summary>
        public BootBus Bus { get; set; } = BootBus.Virtio;

        /// <summary>Errors QEMU injects into the first disk (blkdebug; see <see cref="InjectedError"/>).</summary>
        public List<InjectedError> InjectErrors { get; } = new List<InjectedError>();

        /// <summary>Board: <c>pc</c> (legacy IDE) or <c>q35</c>.</summary>
        public QemuMachine Machine { get; set; } = QemuMachine.Pc;

        /// <summary>Guest RAM in MiB (DMA buffers live there).</summary>
        public int MemoryMiB { get; set; } = 128;

        /// <summary>Driver options, the simulated disk's timestamp and the wall clock (the host's) of changed files.</summary>
        public BootOptions Boot { get; set; } = new BootOptions { WallClock = new HostUnixClock() };
    }
}
