using System;
using EclipseOS.Hal;
using EclipseOS.Hal.Dma;

namespace EclipseOS.Drivers.VirtIO.Queue
{
    /// <summary>
    /// A split virtqueue (VirtIO 1.1 §2.6) in DMA memory. The driver adds requests (chains of
    /// buffers, or one indirect descriptor when negotiated), publishes many at once with one
    /// notification decision, and takes completions in whatever order the device finishes
    /// them. Indices are free-running 16-bit counters that wrap at 65536. The queue knows
    /// nothing of the transport: <see cref="Publish"/> says whether to notify, the caller does it.
    /// </summary>
    public sealed class SplitVirtQueue
    {
        /// <summary>Largest queue size a split ring may have (§2.6).</summary>
        public const int MaxSize = 32768;

        private readonly IPlatform _platform;
        private readonly IDmaBuffer _ring;
        private readonly IDmaBuffer? _indirectTables;
        private readonly int _size;
        private readonly int _availOffset;
        private readonly int _usedOffset;
        private readonly int _maxChain;
        private readonly bool _eventIdx;

        // Free descriptors form a list linked through _next (a managed mirror of each descriptor's
        // next field, so finding free slots never reads DMA memory).
        private readonly ushort[] _next;
        private int _freeHead;
        private int _freeCount;

        // Per head descriptor: the caller's token, how many ring descriptors the chain holds, the
        // device-writable bytes it offers (to check used lengths), and whether it is in flight.
        private readonly int[] _token;
        private readonly int[] _chainLength;
        private readonly uint[] _writableBytes;
        private readonly bool[] _inFlight;
        private int _inFlightCount;

        private ushort _availIdx;          // next available index to fill (shadow of avail->idx)
        private ushort _publishedIdx;      // avail->idx as last written to memory
        private ushort _lastUsedIdx;       // next used element to take
        private ushort _knownUsedIdx;      // used->idx as last read
        private ushort _usedEventWritten;  // used_event as last written
        private bool _usedEventValid;
        private readonly byte[] _usedCache;
        private readonly byte[] _scratch;

        /// <summary>
        /// Allocates a queue of <paramref name="size"/> entries (a power of two, from the device)
        /// in DMA memory. <paramref name="maxChain"/> bounds the buffers of one request;
        /// <paramref name="indirect"/> and <paramref name="eventIdx"/> say which of those
        /// features were negotiated.
        /// </summary>
        public SplitVirtQueue(IPlatform platform, int index, int size, int maxChain, bool indirect, bool eventIdx)
        {
            if (size <= 0 || size > MaxSize || (size & (size - 1)) != 0)
                throw new VirtQueueException("queue " + index + ": size " + size + " is not a power of two between 1 and " + MaxSize);
            if (maxChain < 1)
                throw new ArgumentOutOfRangeException(nameof(maxChain), "a request has at least one buffer");
            _platform = platform;
            Index = index;
            _size = size;
            _maxChain = maxChain;
            _eventIdx = eventIdx;
            _availOffset = SplitRingLayout.AvailOffset(size);
            _usedOffset = SplitRingLayout.UsedOffset(size);
            _ring = platform.Dma.Allocate(SplitRingLayout.TotalSize(size), SplitRingLayout.Alignment);
            if (indirect && maxChain > 1)
                _indirectTables = platform.Dma.Allocate(size * maxChain * SplitRingLayout.DescriptorSize, SplitRingLayout.DescriptorSize);
            _next = new ushort[size];
            _token = new int[size];
            _chainLength = new int[size];
            _writableBytes = new uint[size];
            _inFlight = new bool[size];
            _usedCache = new byte[size * SplitRingLayout.UsedElementSize];
            _scratch = new byte[maxChain * SplitRingLayout.DescriptorSize];
            ResetState();
        }

        /// <summary>Queue number on the device.</summary>
        public int Index { get; }

        /// <summary>Number of entries (descriptors, ring slots).</summary>
        public int Size => _size;

        /// <summary>Whether requests of more than one buffer use an indirect table (one ring descriptor each).</summary>
        public bool UsesIndirect => _indirectTables != null;

        /// <summary>Requests added and not yet taken back.</summary>
        public int InFlight => _inFlightCount;

        /// <summary>Physical address of the descriptor table (and of the whole region).</summary>
        public ulong DescriptorTableAddress => _ring.PhysicalAddress;

        /// <summary>Physical address of the available ring.</summary>
        public ulong AvailableRingAddress => _ring.PhysicalAddress + (ulong)_availOffset;

        /// <summary>Physical address of the used ring.</summary>
        public ulong UsedRingAddress => _ring.PhysicalAddress + (ulong)_usedOffset;

        /// <summary>Ring descriptors a request of <paramref name="bufferCount"/> buffers takes.</summary>
        public int DescriptorsFor(int bufferCount) => _indirectTables != null && bufferCount > 1 ? 1 : bufferCount;

        /// <summary>Whether a request of <paramref name="bufferCount"/> buffers fits now.</summary>
        public bool CanAdd(int bufferCount) => bufferCount >= 1 && bufferCount <= _maxChain && DescriptorsFor(bufferCount) <= _freeCount;

        /// <summary>
        /// Adds a request made of <paramref name="count"/> buffers (device-readable ones first)
        /// and remembers <paramref name="token"/> for its completion. The device does not see it
        /// until <see cref="Publish"/>. Returns false when the ring has too few free descriptors.
        /// </summary>
        public bool TryAdd(VirtqBuffer[] buffers, int count, int token)
        {
            if (count < 1 || count > _maxChain)
                throw new ArgumentOutOfRangeException(nameof(count), "a request has 1 to " + _maxChain + " buffers, not " + count);
            if (DescriptorsFor(count) > _freeCount)
                return false;
            uint writable = 0;
            bool seenWritable = false;
            for (int i = 0; i < count; i++)
            {
                if (buffers[i].DeviceWritable) { writable += buffers[i].Length; seenWritable = true; }
                else if (seenWritable) throw new ArgumentException("device-readable buffers must come before device-writable ones (VirtIO 1.1 §2.6.4.2)", nameof(buffers));
            }

            int head = _freeHead;
            if (_indirectTables != null && count > 1)
            {
                // One ring descriptor pointing at this head's own slice of the indirect area (§2.6.5.3).
                int tableOffset = head * _maxChain * SplitRingLayout.DescriptorSize;
                for (int i = 0; i < count; i++)
                {
                    ushort flags = (ushort)((i + 1 < count ? SplitRingLayout.DescNext : 0) | (buffers[i].DeviceWritable ? SplitRingLayout.DescWrite : 0));
                    Encode(_scratch, i * SplitRingLayout.DescriptorSize, buffers[i].Address, buffers[i].Length, flags, (ushort)(i + 1 < count ? i + 1 : 0));
                }
                _indirectTables.Write(tableOffset, _scratch, 0, count * SplitRingLayout.DescriptorSize);
                Encode(_scratch, 0, _indirectTables.PhysicalAddress + (ulong)tableOffset, (uint)(count * SplitRingLayout.DescriptorSize), SplitRingLayout.DescIndirect, 0);
                _ring.Write(head * SplitRingLayout.DescriptorSize, _scratch, 0, SplitRingLayout.DescriptorSize);
                _freeHead = _next[head];
                _freeCount--;
                _chainLength[head] = 1;
            }
            else
            {
                // A chain through the free list: each descriptor's next is already the following
                // free one. Consecutive descriptors are written in one burst.
                int descriptor = head;
                int runStart = head;
                int runLength = 0;
                for (int i = 0; i < count; i++)
                {
                    bool last = i + 1 == count;
                    ushort flags = (ushort)((last ? 0 : SplitRingLayout.DescNext) | (buffers[i].DeviceWritable ? SplitRingLayout.DescWrite : 0));
                    if (runLength > 0 && descriptor != runStart + runLength)
                    {
                        _ring.Write(runStart * SplitRingLayout.DescriptorSize, _scratch, 0, runLength * SplitRingLayout.DescriptorSize);
                        runStart = descriptor;
                        runLength = 0;
                    }
                    Encode(_scratch, runLength * SplitRingLayout.DescriptorSize, buffers[i].Address, buffers[i].Length, flags, last ? (ushort)0 : _next[descriptor]);
                    runLength++;
                    if (!last) descriptor = _next[descriptor];
                }
                _ring.Write(runStart * SplitRingLayout.DescriptorSize, _scratch, 0, runLength * SplitRingLayout.DescriptorSize);
                _freeHead = _next[descriptor];
                _freeCount -= count;
                _chainLength[head] = count;
            }

            _token[head] = token;
            _writableBytes[head] = writable;
            _inFlight[head] = true;
            _inFlightCount++;
            _ring.Write16(_availOffset + SplitRingLayout.AvailRing + 2 * (_availIdx & (_size - 1)), (ushort)head);
            _availIdx++;
            return true;
        }

        /// <summary>
        /// Makes every request added since the last call visible to the device (one write of
        /// avail idx, after a barrier) and returns whether the device asked to be notified —
        /// the EVENT_IDX test of §2.6.7.2, wrap-safe, or the NO_NOTIFY flag without it.
        /// </summary>
        public bool Publish()
        {
            if (_availIdx == _publishedIdx)
                return false;
            ushort old = _publishedIdx;
            ushort now = _availIdx;
            _platform.MemoryBarrier(); // descriptors and ring entries before the index
            _ring.Write16(_availOffset + SplitRingLayout.AvailIdx, now);
            _publishedIdx = now;
            _platform.MemoryBarrier(); // the index before reading the device's suppression state
            if (_eventIdx)
            {
                ushort availEvent = _ring.Read16(SplitRingLayout.AvailEventOffset(_size));
                return NeedsEvent(availEvent, now, old);
            }
            return (_ring.Read16(_usedOffset) & SplitRingLayout.UsedNoNotify) == 0;
        }

        /// <summary>
        /// The wrap-safe EVENT_IDX test (§2.6.7.2 <c>vring_need_event</c>): whether moving an
        /// index from <paramref name="old"/> to <paramref name="now"/> passed <paramref name="eventIdx"/>.
        /// </summary>
        public static bool NeedsEvent(ushort eventIdx, ushort now, ushort old)
        {
            return (ushort)(now - eventIdx - 1) < (ushort)(now - old);
        }

        /// <summary>
        /// Takes one completed request: its token and the bytes the device says it wrote. Returns
        /// false when nothing new is in the used ring. Throws a <see cref="VirtQueueException"/>
        /// when the device reports something it was never given.
        /// </summary>
        public bool TryTakeUsed(out int token, out uint length)
        {
            token = -1;
            length = 0;
            if (_lastUsedIdx == _knownUsedIdx && !RefreshUsed())
                return false;
            int slot = _lastUsedIdx & (_size - 1);
            int at = slot * SplitRingLayout.UsedElementSize;
            uint id = (uint)(_usedCache[at] | (_usedCache[at + 1] << 8) | (_usedCache[at + 2] << 16) | (_usedCache[at + 3] << 24));
            length = (uint)(_usedCache[at + 4] | (_usedCache[at + 5] << 8) | (_usedCache[at + 6] << 16) | (_usedCache[at + 7] << 24));
            _lastUsedIdx++;
            if (id >= (uint)_size)
                throw new VirtQueueException("queue " + Index + ": used element " + (ushort)(_lastUsedIdx - 1) + " names descriptor " + id + ", beyond the queue size " + _size);
            if (!_inFlight[id])
                throw new VirtQueueException("queue " + Index + ": used element " + (ushort)(_lastUsedIdx - 1) + " names descriptor " + id + ", which is not in flight (completed twice, or never posted)");
            if (length > _writableBytes[id])
                throw new VirtQueueException("queue " + Index + ": device says it wrote " + length + " bytes for descriptor " + id + ", whose writable buffers hold " + _writableBytes[id]);
            token = _token[id];
            FreeChain((int)id);
            return true;
        }

        /// <summary>Whether the used ring holds completions not yet taken (reads used idx from memory, no register access).</summary>
        public bool HasUsed() => _lastUsedIdx != _knownUsedIdx || RefreshUsed();

        /// <summary>
        /// Asks the device for an interrupt at the next completion (used_event with EVENT_IDX,
        /// otherwise clearing NO_INTERRUPT), or — with <paramref name="wanted"/> false — for none.
        /// Call before waiting for an interrupt, then check <see cref="HasUsed"/> once more, since a
        /// completion may have arrived before the device saw the request.
        /// </summary>
        public void RequestInterrupts(bool wanted)
        {
            if (_eventIdx)
            {
                // The device ignores the flags; an event index half the index space away means
                // "not soon" (it fires again only after 32768 more completions).
                ushort target = wanted ? _lastUsedIdx : (ushort)(_lastUsedIdx + 0x8000);
                if (!_usedEventValid || target != _usedEventWritten)
                {
                    _ring.Write16(SplitRingLayout.UsedEventOffset(_size), target);
                    _usedEventWritten = target;
                    _usedEventValid = true;
                }
            }
            else
            {
                _ring.Write16(_availOffset, wanted ? (ushort)0 : SplitRingLayout.AvailNoInterrupt);
            }
            _platform.MemoryBarrier();
        }

        /// <summary>
        /// Forgets every request and zeroes the ring, as after a device reset: the device no longer
        /// knows the queue, and the caller re-activates it and re-adds what it still wants done.
        /// </summary>
        public void Reset()
        {
            var zeros = new byte[SplitRingLayout.TotalSize(_size)];
            _ring.Write(0, zeros, 0, zeros.Length);
            ResetState();
        }

        /// <summary>Returns the queue's DMA memory. The device must have been reset first.</summary>
        public void Free()
        {
            _ring.Free();
            if (_indirectTables != null) _indirectTables.Free();
        }

        private void ResetState()
        {
            for (int i = 0; i < _size; i++)
            {
                _next[i] = (ushort)((i + 1) & (_size - 1));
                _inFlight[i] = false;
                _chainLength[i] = 0;
            }
            _freeHead = 0;
            _freeCount = _size;
            _inFlightCount = 0;
            _availIdx = 0;
            _publishedIdx = 0;
            _lastUsedIdx = 0;
            _knownUsedIdx = 0;
            _usedEventValid = false;
        }

        // Reads used->idx, and the elements it newly covers in one or two bursts.
        private bool RefreshUsed()
        {
            ushort usedIdx = _ring.Read16(_usedOffset + SplitRingLayout.UsedIdx);
            _platform.MemoryBarrier(); // the index before the elements it covers
            if (usedIdx == _knownUsedIdx)
                return false;
            int fresh = (ushort)(usedIdx - _knownUsedIdx);
            int pending = (ushort)(_knownUsedIdx - _lastUsedIdx);
            if (fresh + pending > _inFlightCount)
                throw new VirtQueueException("queue " + Index + ": used idx moved from " + _knownUsedIdx + " to " + usedIdx + ", more completions than the " + _inFlightCount + " request(s) in flight");
            int first = _knownUsedIdx & (_size - 1);
            int firstPart = fresh < _size - first ? fresh : _size - first;
            _ring.Read(_usedOffset + SplitRingLayout.UsedRing + first * SplitRingLayout.UsedElementSize, _usedCache, first * SplitRingLayout.UsedElementSize, firstPart * SplitRingLayout.UsedElementSize);
            if (fresh > firstPart)
                _ring.Read(_usedOffset + SplitRingLayout.UsedRing, _usedCache, 0, (fresh - firstPart) * SplitRingLayout.UsedElementSize);
            _knownUsedIdx = usedIdx;
            return true;
        }

        private void FreeChain(int head)
        {
            int last = head;
            int length = _chainLength[head];
            for (int i = 1; i < length; i++)
                last = _next[last];
            _next[last] = (ushort)_freeHead;
            _freeHead = head;
            _freeCount += length;
            _inFlight[head] = false;
            _inFlightCount--;
        }

        private static void Encode(byte[] target, int at, ulong address, uint length, ushort flags, ushort next)
        {
            for (int i = 0; i < 8; i++) target[at + i] = (byte)(address >> (8 * i));
            for (int i = 0; i < 4; i++) target[at + 8 + i] = (byte)(length >> (8 * i));
            target[at + 12] = (byte)flags;
            target[at + 13] = (byte)(flags >> 8);
            target[at + 14] = (byte)next;
            target[at + 15] = (byte)(next >> 8);
        }
    }
}
