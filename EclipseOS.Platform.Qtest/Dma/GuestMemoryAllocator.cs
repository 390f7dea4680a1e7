using System;
using System.Collections.Generic;

namespace EclipseOS.Platform.Qtest.Dma
{
    /// <summary>
    /// First-fit allocator over a range of guest RAM. Free space is a sorted list of
    /// non-overlapping ranges; freeing merges neighbours. The guest CPU never runs under qtest,
    /// so the platform owns all of RAM above the first MiB (kept free of the legacy BIOS
    /// areas a driver might otherwise confuse with real data).
    /// </summary>
    public sealed class GuestMemoryAllocator
    {
        private readonly List<(ulong Start, ulong Length)> _free = new List<(ulong, ulong)>();
        private readonly Dictionary<ulong, ulong> _allocated = new Dictionary<ulong, ulong>();

        /// <summary>Manages <paramref name="length"/> bytes from <paramref name="start"/>.</summary>
        public GuestMemoryAllocator(ulong start, ulong length)
        {
            if (length == 0) throw new ArgumentOutOfRangeException(nameof(length), "no guest memory to allocate from");
            Start = start;
            Length = length;
            _free.Add((start, length));
        }

        /// <summary>First address managed.</summary>
        public ulong Start { get; }

        /// <summary>Bytes managed.</summary>
        public ulong Length { get; }

        /// <summary>Bytes currently free (possibly fragmented).</summary>
        public ulong FreeBytes
        {
            get
            {
                ulong total = 0;
                foreach (var range in _free) total += range.Length;
                return total;
            }
        }

        /// <summary>
        /// Takes <paramref name="size"/> bytes aligned to <paramref name="alignment"/> (a power
        /// of two) from the lowest free range that fits.
        /// </summary>
        /// <exception cref="InvalidOperationException">No free range fits: the message gives the sizes.</exception>
        public ulong Allocate(ulong size, ulong alignment)
        {
            if (size == 0) throw new ArgumentOutOfRangeException(nameof(size), "cannot allocate 0 bytes of DMA memory");
            if (alignment == 0 || (alignment & (alignment - 1)) != 0)
                throw new ArgumentOutOfRangeException(nameof(alignment), "DMA alignment " + alignment + " is not a power of two");
            for (int i = 0; i < _free.Count; i++)
            {
                (ulong start, ulong length) = _free[i];
                ulong aligned = (start + alignment - 1) & ~(alignment - 1);
                ulong end = start + length;
                if (aligned < start || aligned > end || end - aligned < size) continue;
                _free.RemoveAt(i);
                int at = i;
                if (aligned > start) _free.Insert(at++, (start, aligned - start));
                if (aligned + size < end) _free.Insert(at, (aligned + size, end - aligned - size));
                _allocated.Add(aligned, size);
                return aligned;
            }
            ulong largest = 0;
            foreach (var range in _free) largest = Math.Max(largest, range.Length);
            throw new InvalidOperationException(
                "guest DMA memory exhausted: " + size + " bytes aligned to " + alignment + " requested, " + FreeBytes +
                " bytes free in " + _free.Count + " ranges (largest " + largest + ") of " + Length +
                " managed; start QEMU with more memory (QemuOptions.MemoryMiB) or free buffers");
        }

        /// <summary>Returns the allocation that starts at <paramref name="address"/>.</summary>
        /// <exception cref="InvalidOperationException">Nothing was allocated there (double free or a wrong address).</exception>
        public void Free(ulong address)
        {
            if (!_allocated.Remove(address, out ulong size))
                throw new InvalidOperationException("DMA memory at 0x" + address.ToString("x") + " is not allocated (freed twice, or not an address Allocate returned)");
            int i = 0;
            while (i < _free.Count && _free[i].Start < address) i++;
            _free.Insert(i, (address, size));
            if (i + 1 < _free.Count && _free[i].Start + _free[i].Length == _free[i + 1].Start)
            {
                _free[i] = (_free[i].Start, _free[i].Length + _free[i + 1].Length);
                _free.RemoveAt(i + 1);
            }
            if (i > 0 && _free[i - 1].Start + _free[i - 1].Length == _free[i].Start)
            {
                _free[i - 1] = (_free[i - 1].Start, _free[i - 1].Length + _free[i].Length);
                _free.RemoveAt(i);
            }
        }
    }
}
