using System;
using System.Collections.Generic;
using EclipseOS.Hal.Pci;

namespace EclipseOS.Platform.Fake.Pci
{
    /// <summary>Configuration space of the fake machine's functions; an absent function reads all ones.</summary>
    public sealed class FakePciConfigSpace : IPciConfigSpace
    {
        private readonly FakePlatform _platform;
        private readonly Dictionary<PciAddress, FakePciFunction> _functions = new Dictionary<PciAddress, FakePciFunction>();

        internal FakePciConfigSpace(FakePlatform platform)
        {
            _platform = platform;
        }

        /// <summary>Functions present, in the order added.</summary>
        public IReadOnlyCollection<FakePciFunction> Functions => _functions.Values;

        /// <summary>The function at <paramref name="address"/>, or null.</summary>
        public FakePciFunction? Find(PciAddress address) => _functions.TryGetValue(address, out FakePciFunction? function) ? function : null;

        internal void Add(PciAddress address, FakePciFunction function)
        {
            if (_functions.ContainsKey(address)) throw new InvalidOperationException("a PCI function already sits at " + address);
            _functions.Add(address, function);
        }

        /// <inheritdoc />
        public byte Read8(PciAddress function, byte offset) => (byte)Read(function, offset, 1);

        /// <inheritdoc />
        public ushort Read16(PciAddress function, byte offset) => (ushort)Read(function, offset, 2);

        /// <inheritdoc />
        public uint Read32(PciAddress function, byte offset) => Read(function, offset, 4);

        /// <inheritdoc />
        public void Write8(PciAddress function, byte offset, byte value) => Write(function, offset, 1, value);

        /// <inheritdoc />
        public void Write16(PciAddress function, byte offset, ushort value) => Write(function, offset, 2, value);

        /// <inheritdoc />
        public void Write32(PciAddress function, byte offset, uint value) => Write(function, offset, 4, value);

        private uint Read(PciAddress address, byte offset, int size)
        {
            _platform.EnterFromDriver();
            _platform.Counters.ConfigRead();
            FakePciFunction? function = Find(address);
            uint value = function == null ? (uint)Devices.FloatingBus.Value(size) : function.ReadConfig(offset, size);
            _platform.Trace.Record(FakeAccessKind.ConfigRead, TraceAddress(address, offset), size, value, function?.Name ?? "");
            return value;
        }

        private void Write(PciAddress address, byte offset, int size, uint value)
        {
            _platform.EnterFromDriver();
            _platform.Counters.ConfigWrite();
            FakePciFunction? function = Find(address);
            _platform.Trace.Record(FakeAccessKind.ConfigWrite, TraceAddress(address, offset), size, value, function?.Name ?? "");
            function?.WriteConfig(offset, size, value);
        }

        private static ulong TraceAddress(PciAddress address, byte offset)
            => ((ulong)address.Bus << 16) | ((ulong)address.Device << 11) | ((ulong)address.Function << 8) | offset;
    }
}
