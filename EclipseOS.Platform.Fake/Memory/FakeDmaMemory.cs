using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using EclipseOS.Hal.Dma;

namespace EclipseOS.Platform.Fake.Memory
{
    /// <summary>
    /// The fake machine's RAM: one byte array at a physical base address, a simple first-fit
    /// allocator of DMA regions, and the API device models use to reach it by bus mastering.
    /// Device accesses are checked like an IOMMU would: outside a live region, or a write into
    /// a buffer the driver shared as driver→device, is recorded in <see cref="Violations"/>
    /// (reads then return all ones, writes are dropped) instead of silently working.
    /// </summary>
    public sealed class FakeDmaMemory
    {
        /// <summary>Default physical base of RAM (1 MiB, above the legacy PC area).</summary>
        public const ulong DefaultBase = 0x100000;

        /// <summary>Default size of RAM (16 MiB).</summary>
        public const int DefaultSize = 16 << 20;

        private readonly byte[] _ram;
        private readonly List<DmaRegion> _regions = new List<DmaRegion>();
        private readonly List<string> _violations = new List<string>();
        private readonly object _lock = new object();

        /// <summary>RAM of <paramref name="size"/> bytes at physical <paramref name="baseAddress"/>.</summary>
        public FakeDmaMemory(ulong baseAddress = DefaultBase, int size = DefaultSize)
        {
            if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size), "RAM size must be positive");
            BaseAddress = baseAddress;
            _ram = new byte[size];
        }

        /// <summary>Physical address of RAM's first byte.</summary>
        public ulong BaseAddress { get; }

        /// <summary>RAM size in bytes.</summary>
        public int Size => _ram.Length;

        /// <summary>Whether device accesses outside live regions are violations (default true). Off, a device may touch any RAM.</summary>
        public bool CheckDeviceAccess { get; set; } = true;

        /// <summary>Device accesses that broke the rules, described; a correct driver leaves this empty.</summary>
        public IReadOnlyList<string> Violations
        {
            get { lock (_lock) return _violations.ToArray(); }
        }

        /// <summary>Regions currently live (allocations, shares, reservations), in address order.</summary>
        public IReadOnlyList<DmaRegion> Regions
        {
            get { lock (_lock) return _regions.ToArray(); }
        }

        /// <summary>Whether [<paramref name="address"/>, +<paramref name="length"/>) is RAM.</summary>
        public bool IsRam(ulong address, int length)
            => length >= 0 && address >= BaseAddress && address - BaseAddress + (ulong)length <= (ulong)_ram.Length;

        /// <summary>The live region containing the whole range, or null.</summary>
        public DmaRegion? FindRegion(ulong address, int length)
        {
            lock (_lock)
            {
                foreach (DmaRegion region in _regions)
                    if (region.Covers(address, length)) return region;
                return null;
            }
        }

        /// <summary>Marks a zeroed region of <paramref name="size"/> bytes live for a test's own device data and returns its address.</summary>
        public ulong Reserve(int size, int alignment) => Claim(size, alignment, DmaRegionKind.Reserved, DmaDirection.Both).Address;

        /// <summary>Ends a region made by <see cref="Reserve"/>.</summary>
        public void Release(ulong address) => Drop(address, DmaRegionKind.Reserved);

        // ---- device side (bus mastering) -------------------------------------------------

        /// <summary>Device reads <paramref name="count"/> bytes at <paramref name="address"/>.</summary>
        public void Read(ulong address, byte[] destination, int destinationOffset, int count)
        {
            if (!DeviceMayAccess(address, count, false))
            {
                Array.Fill(destination, (byte)0xFF, destinationOffset, count);
                return;
            }
            Buffer.BlockCopy(_ram, (int)(address - BaseAddress), destination, destinationOffset, count);
        }

        /// <summary>Device writes <paramref name="count"/> bytes at <paramref name="address"/>.</summary>
        public void Write(ulong address, byte[] source, int sourceOffset, int count)
        {
            if (!DeviceMayAccess(address, count, true)) return;
            Buffer.BlockCopy(source, sourceOffset, _ram, (int)(address - BaseAddress), count);
        }

        /// <summary>Device reads a byte.</summary>
        public byte Read8(ulong address) => DeviceMayAccess(address, 1, false) ? _ram[address - BaseAddress] : (byte)0xFF;

        /// <summary>Device reads a little-endian 16-bit value.</summary>
        public ushort Read16(ulong address) => DeviceMayAccess(address, 2, false) ? BinaryPrimitives.ReadUInt16LittleEndian(Span(address, 2)) : ushort.MaxValue;

        /// <summary>Device reads a little-endian 32-bit value.</summary>
        public uint Read32(ulong address) => DeviceMayAccess(address, 4, false) ? BinaryPrimitives.ReadUInt32LittleEndian(Span(address, 4)) : uint.MaxValue;

        /// <summary>Device reads a little-endian 64-bit value.</summary>
        public ulong Read64(ulong address) => DeviceMayAccess(address, 8, false) ? BinaryPrimitives.ReadUInt64LittleEndian(Span(address, 8)) : ulong.MaxValue;

        /// <summary>Device writes a byte.</summary>
        public void Write8(ulong address, byte value)
        {
            if (DeviceMayAccess(address, 1, true)) _ram[address - BaseAddress] = value;
        }

        /// <summary>Device writes a little-endian 16-bit value.</summary>
        public void Write16(ulong address, ushort value)
        {
            if (DeviceMayAccess(address, 2, true)) BinaryPrimitives.WriteUInt16LittleEndian(Span(address, 2), value);
        }

        /// <summary>Device writes a little-endian 32-bit value.</summary>
        public void Write32(ulong address, uint value)
        {
            if (DeviceMayAccess(address, 4, true)) BinaryPrimitives.WriteUInt32LittleEndian(Span(address, 4), value);
        }

        /// <summary>Device writes a little-endian 64-bit value.</summary>
        public void Write64(ulong address, ulong value)
        {
            if (DeviceMayAccess(address, 8, true)) BinaryPrimitives.WriteUInt64LittleEndian(Span(address, 8), value);
        }

        // ---- platform side (unchecked except for RAM bounds) ----------------------------

        /// <summary>Direct view of RAM for the platform and tests; no access checks.</summary>
        public Span<byte> Span(ulong address, int length)
        {
            if (!IsRam(address, length))
                throw new ArgumentOutOfRangeException(nameof(address), "0x" + address.ToString("x") + "+" + length + " is not inside fake RAM 0x" + BaseAddress.ToString("x") + "+" + _ram.Length);
            return _ram.AsSpan((int)(address - BaseAddress), length);
        }

        internal DmaRegion Claim(int size, int alignment, DmaRegionKind kind, DmaDirection direction)
        {
            if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size), "DMA size must be positive, was " + size);
            if (alignment <= 0 || (alignment & (alignment - 1)) != 0)
                throw new ArgumentOutOfRangeException(nameof(alignment), "DMA alignment must be a power of two, was " + alignment);
            lock (_lock)
            {
                ulong candidate = AlignUp(BaseAddress, (ulong)alignment);
                int index = 0;
                for (; index < _regions.Count; index++)
                {
                    DmaRegion next = _regions[index];
                    if (candidate + (ulong)size <= next.Address) break;
                    candidate = AlignUp(next.Address + (ulong)next.Length, (ulong)alignment);
                }
                if (candidate + (ulong)size > BaseAddress + (ulong)_ram.Length)
                    throw new InvalidOperationException("fake DMA memory exhausted: no " + size + " free bytes aligned to " + alignment + " in " + _ram.Length + " bytes of RAM (" + _regions.Count + " live regions)");
                var region = new DmaRegion(candidate, size, kind, direction);
                _regions.Insert(index, region);
                Array.Clear(_ram, (int)(candidate - BaseAddress), size);
                return region;
            }
        }

        internal void Drop(ulong address, DmaRegionKind kind)
        {
            lock (_lock)
            {
                for (int i = 0; i < _regions.Count; i++)
                {
                    if (_regions[i].Address != address || _regions[i].Kind != kind) continue;
                    // Scribble over freed memory so a device that keeps using it reads garbage, not old data.
                    Array.Fill(_ram, (byte)0xDD, (int)(address - BaseAddress), _regions[i].Length);
                    _regions.RemoveAt(i);
                    return;
                }
            }
            throw new InvalidOperationException("no live " + kind.ToString().ToLowerInvariant() + " at 0x" + address.ToString("x") + " (freed twice, or never allocated)");
        }

        private bool DeviceMayAccess(ulong address, int length, bool write)
        {
            string? problem = null;
            if (!IsRam(address, length))
                problem = "outside RAM";
            else if (CheckDeviceAccess)
            {
                DmaRegion? region = FindRegion(address, length);
                if (region == null)
                    problem = "outside every live DMA allocation or shared buffer";
                else if (write && region.Kind == DmaRegionKind.Share && region.Direction == DmaDirection.DriverToDevice)
                    problem = "into a buffer shared " + region.Direction + " (" + region + ")";
            }
            if (problem == null) return true;
            lock (_lock)
                _violations.Add("device " + (write ? "wrote" : "read") + " " + length + " byte(s) at 0x" + address.ToString("x") + " " + problem);
            return false;
        }

        private static ulong AlignUp(ulong value, ulong alignment) => (value + alignment - 1) & ~(alignment - 1);
    }
}
