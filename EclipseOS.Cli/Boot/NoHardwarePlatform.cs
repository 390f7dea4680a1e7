using System;
using System.Collections.Generic;
using EclipseOS.Hal;
using EclipseOS.Hal.Dma;
using EclipseOS.Hal.Pci;
using EclipseOS.Platform.Qtest.Devices;

namespace EclipseOS.Cli.Boot
{
    /// <summary>
    /// The machine <c>eclipse boot</c> falls back to when QEMU is not there and cannot be
    /// installed: nothing on any bus. Ports read as a floating bus (0xFF), PCI has no
    /// functions, so both drivers find nothing and the kernel boots on its simulated disk.
    /// </summary>
    public sealed class NoHardwarePlatform : IPlatform
    {
        /// <summary>Creates the empty machine, logging to <paramref name="log"/>.</summary>
        public NoHardwarePlatform(ILog log)
        {
            Log = log;
            Clock = new StopwatchClock(null); // the host's clock; no qtest connection to flush
        }

        /// <inheritdoc />
        public string Name => "no hardware";

        /// <inheritdoc />
        public IPortIO Ports { get; } = new FloatingPorts();

        /// <inheritdoc />
        public IPhysicalMemory Memory { get; } = new NoMemory();

        /// <inheritdoc />
        public IDma Dma { get; } = new NoDma();

        /// <inheritdoc />
        public IPciConfigSpace Pci { get; } = new NoPciConfigSpace();

        /// <inheritdoc />
        public IInterrupts Interrupts { get; } = new NoInterrupts();

        /// <inheritdoc />
        public IClock Clock { get; }

        /// <inheritdoc />
        public ILog Log { get; }

        /// <inheritdoc />
        public IReadOnlyList<PlatformDevice> PlatformDevices { get; } = new List<PlatformDevice>();

        /// <inheritdoc />
        public void MemoryBarrier()
        {
        }

        private sealed class FloatingPorts : IPortIO
        {
            public byte Read8(ushort port) => 0xFF;

            public ushort Read16(ushort port) => 0xFFFF;

            public uint Read32(ushort port) => 0xFFFFFFFF;

            public void Write8(ushort port, byte value)
            {
                // Nothing decodes the cycle.
            }

            public void Write16(ushort port, ushort value)
            {
                // Nothing decodes the cycle.
            }

            public void Write32(ushort port, uint value)
            {
                // Nothing decodes the cycle.
            }

            public void ReadString16(ushort port, byte[] buffer, int offset, int wordCount)
            {
                for (int i = 0; i < wordCount * 2; i++)
                    buffer[offset + i] = 0xFF;
            }

            public void WriteString16(ushort port, byte[] buffer, int offset, int wordCount)
            {
                // Nothing decodes the cycle.
            }
        }

        /// <summary>No device exists to have registers, so any memory access is a driver bug worth a clear error.</summary>
        private sealed class NoMemory : IPhysicalMemory
        {
            private static InvalidOperationException None(ulong address) =>
                new InvalidOperationException("no hardware: nothing at physical address 0x" + address.ToString("x"));

            public byte Read8(ulong address) => throw None(address);

            public ushort Read16(ulong address) => throw None(address);

            public uint Read32(ulong address) => throw None(address);

            public ulong Read64(ulong address) => throw None(address);

            public void Write8(ulong address, byte value) => throw None(address);

            public void Write16(ulong address, ushort value) => throw None(address);

            public void Write32(ulong address, uint value) => throw None(address);

            public void Write64(ulong address, ulong value) => throw None(address);

            public void Read(ulong address, byte[] buffer, int offset, int count) => throw None(address);

            public void Write(ulong address, byte[] buffer, int offset, int count) => throw None(address);
        }

        private sealed class NoDma : IDma
        {
            public IDmaBuffer Allocate(int size, int alignment) => throw new InvalidOperationException("no hardware: no DMA memory");

            public ulong Share(byte[] buffer, int offset, int length, DmaDirection direction) => throw new InvalidOperationException("no hardware: no DMA memory");

            public void Unshare(ulong deviceAddress, byte[] buffer, int offset, int length, DmaDirection direction) => throw new InvalidOperationException("no hardware: no DMA memory");
        }

        private sealed class NoInterrupts : IInterrupts
        {
            public void Attach(int line, InterruptHandler handler)
            {
                // No device will ever raise the line.
            }

            public void Detach(int line, InterruptHandler handler)
            {
            }

            public bool Wait(int line, long timeoutMicroseconds) => false;

            public string Describe(int line) => "no interrupt controller (a platform without hardware)";
        }
    }
}
