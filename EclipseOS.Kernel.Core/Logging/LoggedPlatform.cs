using System.Collections.Generic;
using EclipseOS.Hal;
using EclipseOS.Hal.Dma;
using EclipseOS.Hal.Pci;

namespace EclipseOS.Kernel.Core.Logging
{
    /// <summary>
    /// A platform whose log is the kernel's: drivers write to <see cref="IPlatform.Log"/>, and
    /// through this wrapper their lines land in the <c>dmesg</c> ring as well as on the
    /// underlying platform's console or serial port. Everything else is passed through.
    /// </summary>
    public sealed class LoggedPlatform : IPlatform
    {
        private readonly IPlatform _inner;

        /// <summary>Wraps <paramref name="inner"/>, logging to <paramref name="log"/>.</summary>
        public LoggedPlatform(IPlatform inner, KernelLog log)
        {
            _inner = inner;
            KernelLog = log;
        }

        /// <summary>The kernel log every line goes to.</summary>
        public KernelLog KernelLog { get; }

        /// <inheritdoc />
        public string Name => _inner.Name;

        /// <inheritdoc />
        public IPortIO Ports => _inner.Ports;

        /// <inheritdoc />
        public IPhysicalMemory Memory => _inner.Memory;

        /// <inheritdoc />
        public IDma Dma => _inner.Dma;

        /// <inheritdoc />
        public IPciConfigSpace Pci => _inner.Pci;

        /// <inheritdoc />
        public IInterrupts Interrupts => _inner.Interrupts;

        /// <inheritdoc />
        public IClock Clock => _inner.Clock;

        /// <inheritdoc />
        public ILog Log => KernelLog;

        /// <inheritdoc />
        public IReadOnlyList<PlatformDevice> PlatformDevices => _inner.PlatformDevices;

        /// <inheritdoc />
        public void MemoryBarrier()
        {
            _inner.MemoryBarrier();
        }
    }
}
