using System;
using System.Diagnostics;
using EclipseOS.Hal;
using EclipseOS.Kernel.Core;
using EclipseOS.Kernel.Core.Boot;
using EclipseOS.Kernel.Core.Logging;
using EclipseOS.Kernel.Core.Shell;
using EclipseOS.Platform.Qtest;
using EclipseOS.Platform.Qtest.Options;
using EclipseOS.Platform.Qtest.Protocol;

namespace EclipseOS.Cli.Boot
{
    /// <summary>
    /// The platform-neutral kernel core booted on the host: QEMU (CPU stopped, driven over
    /// qtest) supplies the real devices, the kernel's own drivers run here. Disposing it kills QEMU.
    /// </summary>
    public sealed class HostedKernel : IDisposable
    {
        private readonly IDisposable? _machine;

        private HostedKernel(IDisposable? machine, KernelContext kernel, HostPlatformControl control, TimeSpan bootTime)
        {
            _machine = machine;
            Kernel = kernel;
            Control = control;
            BootTime = bootTime;
        }

        /// <summary>The booted kernel.</summary>
        public KernelContext Kernel { get; }

        /// <summary>Records <c>reboot</c>/<c>halt</c>.</summary>
        public HostPlatformControl Control { get; }

        /// <summary>From starting QEMU to the end of the boot sequence (root mounted or given up).</summary>
        public TimeSpan BootTime { get; }

        /// <summary>A shell over this kernel printing to <paramref name="output"/>.</summary>
        public Shell NewShell(ITextOutput output) => new Shell(Kernel, output);

        /// <summary>
        /// Starts QEMU with the disks of <paramref name="options"/> and runs the boot sequence;
        /// every log line goes to <paramref name="console"/>.
        /// </summary>
        /// <exception cref="ArgumentException">The disks do not fit the bus or board.</exception>
        /// <exception cref="QtestException">QEMU refused the command line or died.</exception>
        public static HostedKernel Start(HostedKernelOptions options, ILog console)
        {
            var watch = Stopwatch.StartNew();
            QemuOptions qemu = QemuCommandLine.For(options);
            qemu.Log = console;
            var platform = new QtestPlatform(qemu);
            try
            {
                var control = new HostPlatformControl();
                var log = new KernelLog(console);
                KernelContext kernel = BootSequence.Run(platform, log, control, options.Boot);
                return new HostedKernel(platform, kernel, control, watch.Elapsed);
            }
            catch
            {
                platform.Dispose();
                throw;
            }
        }

        /// <summary>Boots on a machine with no hardware at all: the kernel's simulated disk.</summary>
        public static HostedKernel StartWithoutHardware(BootOptions options, ILog console)
        {
            var watch = Stopwatch.StartNew();
            var platform = new NoHardwarePlatform(console);
            var control = new HostPlatformControl();
            KernelContext kernel = BootSequence.Run(platform, new KernelLog(console), control, options);
            return new HostedKernel(null, kernel, control, watch.Elapsed);
        }

        /// <inheritdoc />
        public void Dispose() => _machine?.Dispose();
    }
}
