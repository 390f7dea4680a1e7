using System.Collections.Generic;
using EclipseOS.Hal;
using EclipseOS.Hal.Dma;
using EclipseOS.Hal.Pci;

namespace EclipseOS.Cli.Disks
{
    /// <summary>A platform whose driver log lines are collected (to explain a failure) instead of printed.</summary>
    public sealed class LogCapture : IPlatform, ILog
    {
        private readonly IPlatform _inner;
        private readonly List<string> _lines;

        /// <summary>Wraps <paramref name="inner"/>; log lines go to <paramref name="lines"/>.</summary>
        public LogCapture(IPlatform inner, List<string> lines)
        {
            _inner = inner;
            _lines = lines;
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
        public ILog Log => this;
        /// <inheritdoc />
        public IReadOnlyList<PlatformDevice> PlatformDevices => _inner.PlatformDevices;
        /// <inheritdoc />
        public void MemoryBarrier() => _inner.MemoryBarrier();
        /// <inheritdoc />
        public void WriteLine(string line) => _lines.Add(line);
    }
}
