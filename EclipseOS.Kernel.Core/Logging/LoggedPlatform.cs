using System.Collections.Generic;
using EclipseOS.Hal;
using EclipseOS.Hal.Dma;
using EclipseOS.Hal.Pci;

namespace EclipseOS.Kernel.Core.Logging
{
    /// <summary>
    /// A platform with its log replaced: drivers write to <see cref="IPlatform.Log"/>, and
    /// through this wrapper their lines go to the given log. The kernel passes its
    /// <see cref="KernelLog"/>, so driver lines land in the <c>dmesg</c> ring as well as on the
    /// underlying platform's console or serial port. Everything else is passed through.
    /// </summary>
    public sealed class LoggedPlatform : IPlatform
    {
        private readonly IPlatform _inner;
        private readonly ILog _log;

        /// <summary>Wraps <paramref name="inner"/>, logging to <paramref name="log"/>.</summary>
        public LoggedPlatform(IPlatform inner, ILog log)
        {
            _inner = inner;
            _log = log;
        }

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
        public ILog Log => _log;

        /// <inheritdoc />
        public IReadOnlyList<PlatformDevice> PlatformDevices => _inner.PlatformDevices;

        /// <inheritdoc />
        public void MemoryBarrier()
        {
            _inner.MemoryBarrier();
        }
    }
}
