using System.Collections.Generic;
using EclipseOS.Hal;
using EclipseOS.Hal.Dma;
using EclipseOS.Hal.Pci;
using EclipseOS.Platform.Qtest;

namespace EclipseOS.Tests.Nvme
{
    /// <summary>
    /// A qtest machine seen through two faults QEMU itself does not produce: shared buffers at
    /// odd device addresses (as a Cosmos kernel's byte arrays at odd offsets are), and a
    /// controller fatal status (CSTS.CFS) read once from a register when armed. Everything
    /// else goes to QEMU's real devices.
    /// </summary>
    public sealed class FaultyQtestPlatform : IPlatform
    {
        private readonly QtestPlatform _inner;
        private readonly FaultyMemory _memory;
        private readonly OddAddressDma _dma;

        public FaultyQtestPlatform(QtestPlatform inner)
        {
            _inner = inner;
            _memory = new FaultyMemory(inner.Memory);
            _dma = new OddAddressDma(inner.Dma);
        }

        /// <summary>The next read of the 32-bit register at this address has bit 1 (CSTS.CFS) set.</summary>
        public void InjectFatalStatusAt(ulong address) => _memory.FatalAt = address;

        /// <summary>Buffers shared so far at an odd address.</summary>
        public int OddShares => _dma.OddShares;

        public string Name => "faulty " + _inner.Name;
        public IPortIO Ports => _inner.Ports;
        public IPhysicalMemory Memory => _memory;
        public IDma Dma => _dma;
        public IPciConfigSpace Pci => _inner.Pci;
        public IInterrupts Interrupts => _inner.Interrupts;
        public IClock Clock => _inner.Clock;
        public ILog Log => _inner.Log;
        public IReadOnlyList<PlatformDevice> PlatformDevices => _inner.PlatformDevices;
        public void MemoryBarrier() => _inner.MemoryBarrier();

        private sealed class FaultyMemory : IPhysicalMemory
        {
            private readonly IPhysicalMemory _inner;

            public FaultyMemory(IPhysicalMemory inner) => _inner = inner;

            public ulong? FatalAt { get; set; }

            public uint Read32(ulong address)
            {
                uint value = _inner.Read32(address);
                if (FatalAt != address)
                    return value;
                FatalAt = null;
                return value | 2;
            }

            public byte Read8(ulong address) => _inner.Read8(address);
            public ushort Read16(ulong address) => _inner.Read16(address);
            public ulong Read64(ulong address) => _inner.Read64(address);
            public void Write8(ulong address, byte value) => _inner.Write8(address, value);
            public void Write16(ulong address, ushort value) => _inner.Write16(address, value);
            public void Write32(ulong address, uint value) => _inner.Write32(address, value);
            public void Write64(ulong address, ulong value) => _inner.Write64(address, value);
            public void Read(ulong address, byte[] buffer, int offset, int count) => _inner.Read(address, buffer, offset, count);
            public void Write(ulong address, byte[] buffer, int offset, int count) => _inner.Write(address, buffer, offset, count);
        }

        /// <summary>Shares each buffer one byte past a 64-byte boundary of guest RAM, so its device address is odd.</summary>
        private sealed class OddAddressDma : IDma
        {
            private readonly IDma _inner;
            private readonly Dictionary<ulong, IDmaBuffer> _shared = new Dictionary<ulong, IDmaBuffer>();

            public OddAddressDma(IDma inner) => _inner = inner;

            public int OddShares { get; private set; }

            public IDmaBuffer Allocate(int size, int alignment) => _inner.Allocate(size, alignment);

            public ulong Share(byte[] buffer, int offset, int length, DmaDirection direction)
            {
                IDmaBuffer region = _inner.Allocate(length + 1, 64);
                region.Write(1, buffer, offset, length);
                ulong address = region.PhysicalAddress + 1;
                _shared.Add(address, region);
                OddShares++;
                return address;
            }

            public void Unshare(ulong deviceAddress, byte[] buffer, int offset, int length, DmaDirection direction)
            {
                IDmaBuffer region = _shared[deviceAddress];
                _shared.Remove(deviceAddress);
                if (direction != DmaDirection.DriverToDevice)
                    region.Read(1, buffer, offset, length);
                region.Free();
            }
        }
    }
}
