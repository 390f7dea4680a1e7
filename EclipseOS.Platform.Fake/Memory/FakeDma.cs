using System;
using System.Collections.Generic;
using EclipseOS.Hal.Dma;

namespace EclipseOS.Platform.Fake.Memory
{
    /// <summary>
    /// <see cref="IDma"/> over <see cref="FakeDmaMemory"/>. Sharing bounce-copies, as the
    /// qtest platform and an IOMMU machine do: the device works on a copy in fake RAM, and the
    /// caller's array changes only at <see cref="Unshare"/> — so a driver that reads its buffer
    /// before unsharing sees stale bytes, and a test sees the bug. Unshare must match a Share
    /// exactly (address, array, range, direction); anything else is a driver bug and throws.
    /// </summary>
    public sealed class FakeDma : IDma
    {
        /// <summary>Byte that fills a device→driver bounce buffer before the device writes it, so unwritten bytes are visible.</summary>
        public const byte Poison = 0xCD;

        private readonly FakeDmaMemory _memory;
        private readonly FakeCounters _counters;
        private readonly Dictionary<ulong, ShareRecord> _shares = new Dictionary<ulong, ShareRecord>();

        internal FakeDma(FakeDmaMemory memory, FakeCounters counters)
        {
            _memory = memory;
            _counters = counters;
        }

        /// <summary>Buffers shared and not yet unshared.</summary>
        public int OutstandingShares
        {
            get { lock (_shares) return _shares.Count; }
        }

        /// <summary>Buffers allocated and not yet freed (the live allocation regions of fake RAM).</summary>
        public int LiveAllocations
        {
            get
            {
                int live = 0;
                foreach (DmaRegion region in _memory.Regions)
                    if (region.Kind == DmaRegionKind.Allocation) live++;
                return live;
            }
        }

        /// <inheritdoc />
        public IDmaBuffer Allocate(int size, int alignment)
        {
            var buffer = new FakeDmaBuffer(_memory, _memory.Claim(size, alignment, DmaRegionKind.Allocation, DmaDirection.Both));
            _counters.DmaAllocation();
            return buffer;
        }

        /// <inheritdoc />
        public ulong Share(byte[] buffer, int offset, int length, DmaDirection direction)
        {
            CheckRange(buffer, offset, length, "Share");
            DmaRegion region = _memory.Claim(length, 8, DmaRegionKind.Share, direction);
            Span<byte> bounce = _memory.Span(region.Address, length);
            if (direction == DmaDirection.DeviceToDriver)
                bounce.Fill(Poison);
            else
                buffer.AsSpan(offset, length).CopyTo(bounce);
            lock (_shares) _shares.Add(region.Address, new ShareRecord(buffer, offset, length, direction));
            _counters.DmaShare();
            return region.Address;
        }

        /// <inheritdoc />
        public void Unshare(ulong deviceAddress, byte[] buffer, int offset, int length, DmaDirection direction)
        {
            CheckRange(buffer, offset, length, "Unshare");
            ShareRecord record;
            lock (_shares)
            {
                if (!_shares.TryGetValue(deviceAddress, out record!))
                    throw new InvalidOperationException("Unshare of 0x" + deviceAddress.ToString("x") + ": nothing is shared there (unshared twice, or a wrong address)");
                if (!ReferenceEquals(record.Buffer, buffer) || record.Offset != offset || record.Length != length || record.Direction != direction)
                    throw new InvalidOperationException("Unshare of 0x" + deviceAddress.ToString("x") + " does not match its Share: shared " + record.Length + " bytes at offset " + record.Offset + " " + record.Direction
                        + ", unsharing " + length + " bytes at offset " + offset + " " + direction + (ReferenceEquals(record.Buffer, buffer) ? "" : " of a different array"));
                _shares.Remove(deviceAddress);
            }
            if (direction != DmaDirection.DriverToDevice)
                _memory.Span(deviceAddress, length).CopyTo(buffer.AsSpan(offset, length));
            _memory.Drop(deviceAddress, DmaRegionKind.Share);
            _counters.DmaUnshare();
        }

        private static void CheckRange(byte[] buffer, int offset, int length, string operation)
        {
            if (buffer == null) throw new ArgumentNullException(nameof(buffer), operation + " of no buffer");
            if (length <= 0 || offset < 0 || offset > buffer.Length - length)
                throw new ArgumentOutOfRangeException(nameof(length), operation + " of " + length + " bytes at offset " + offset + " of a " + buffer.Length + "-byte array");
        }

        private sealed class ShareRecord
        {
            public ShareRecord(byte[] buffer, int offset, int length, DmaDirection direction)
            {
                Buffer = buffer;
                Offset = offset;
                Length = length;
                Direction = direction;
            }

            public byte[] Buffer { get; }
            public int Offset { get; }
            public int Length { get; }
            public DmaDirection Direction { get; }
        }
    }
}
