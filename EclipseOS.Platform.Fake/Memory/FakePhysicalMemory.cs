using System;
using System.Buffers.Binary;
using EclipseOS.Hal;
using EclipseOS.Platform.Fake.Devices;

namespace EclipseOS.Platform.Fake.Memory
{
    /// <summary>
    /// The driver's view of physical addresses: fake RAM (no access checks — the driver owns
    /// its memory), else a statically mapped MMIO window, else a memory BAR of a PCI function
    /// with memory decoding on; anything else reads all ones. Bulk copies are RAM only.
    /// </summary>
    public sealed class FakePhysicalMemory : IPhysicalMemory
    {
        private readonly FakePlatform _platform;
        private readonly FakeDmaMemory _ram;

        internal FakePhysicalMemory(FakePlatform platform, FakeDmaMemory ram)
        {
            _platform = platform;
            _ram = ram;
        }

        /// <inheritdoc />
        public byte Read8(ulong address) => (byte)Read(address, 1);

        /// <inheritdoc />
        public ushort Read16(ulong address) => (ushort)Read(address, 2);

        /// <inheritdoc />
        public uint Read32(ulong address) => (uint)Read(address, 4);

        /// <inheritdoc />
        public ulong Read64(ulong address) => Read(address, 8);

        /// <inheritdoc />
        public void Write8(ulong address, byte value) => Write(address, 1, value);

        /// <inheritdoc />
        public void Write16(ulong address, ushort value) => Write(address, 2, value);

        /// <inheritdoc />
        public void Write32(ulong address, uint value) => Write(address, 4, value);

        /// <inheritdoc />
        public void Write64(ulong address, ulong value) => Write(address, 8, value);

        /// <inheritdoc />
        public void Read(ulong address, byte[] buffer, int offset, int count)
        {
            _platform.EnterFromDriver();
            CheckBulk(address, buffer, offset, count);
            _platform.Counters.RamBulk(count);
            _ram.Span(address, count).CopyTo(buffer.AsSpan(offset, count));
        }

        /// <inheritdoc />
        public void Write(ulong address, byte[] buffer, int offset, int count)
        {
            _platform.EnterFromDriver();
            CheckBulk(address, buffer, offset, count);
            _platform.Counters.RamBulk(count);
            buffer.AsSpan(offset, count).CopyTo(_ram.Span(address, count));
        }

        private ulong Read(ulong address, int size)
        {
            _platform.EnterFromDriver();
            CheckAligned(address, size);
            if (_ram.IsRam(address, size))
            {
                _platform.Counters.RamRead();
                Span<byte> span = _ram.Span(address, size);
                return size switch
                {
                    1 => span[0],
                    2 => BinaryPrimitives.ReadUInt16LittleEndian(span),
                    4 => BinaryPrimitives.ReadUInt32LittleEndian(span),
                    _ => BinaryPrimitives.ReadUInt64LittleEndian(span),
                };
            }
            _platform.Counters.MmioRead();
            IRegisterHandler? handler = _platform.DecodeMmio(address, out ulong registerOffset, out string name);
            ulong value = _platform.ReadRegister(handler, registerOffset, size);
            _platform.Trace.Record(FakeAccessKind.MmioRead, address, size, value, name);
            return value;
        }

        private void Write(ulong address, int size, ulong value)
        {
            _platform.EnterFromDriver();
            CheckAligned(address, size);
            if (_ram.IsRam(address, size))
            {
                _platform.Counters.RamWrite();
                Span<byte> span = _ram.Span(address, size);
                switch (size)
                {
                    case 1: span[0] = (byte)value; break;
                    case 2: BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value); break;
                    case 4: BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)value); break;
                    default: BinaryPrimitives.WriteUInt64LittleEndian(span, value); break;
                }
                return;
            }
            _platform.Counters.MmioWrite();
            IRegisterHandler? handler = _platform.DecodeMmio(address, out ulong registerOffset, out string name);
            _platform.Trace.Record(FakeAccessKind.MmioWrite, address, size, value, name);
            _platform.WriteRegister(handler, registerOffset, size, value);
        }

        private static void CheckAligned(ulong address, int size)
        {
            // The HAL promises single naturally aligned accesses; MMIO registers need them.
            if ((address & (ulong)(size - 1)) != 0)
                throw new ArgumentException("misaligned " + size + "-byte physical access at 0x" + address.ToString("x"), nameof(address));
        }

        private void CheckBulk(ulong address, byte[] buffer, int offset, int count)
        {
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            if (count < 0 || offset < 0 || offset > buffer.Length - count)
                throw new ArgumentOutOfRangeException(nameof(count), count + " bytes at offset " + offset + " do not fit a " + buffer.Length + "-byte buffer");
            if (!_ram.IsRam(address, count))
                throw new ArgumentException("bulk physical copy of " + count + " bytes at 0x" + address.ToString("x") + " is not inside RAM (bulk copies are for RAM only)", nameof(address));
        }
    }
}
