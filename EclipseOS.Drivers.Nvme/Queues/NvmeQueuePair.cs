using EclipseOS.Drivers.Nvme.Registers;
using EclipseOS.Hal;
using EclipseOS.Hal.Dma;

namespace EclipseOS.Drivers.Nvme.Queues
{
    /// <summary>
    /// A submission ring and its completion ring in DMA memory with their doorbells (NVMe Base
    /// 1.4 §4.1): entries go in at the SQ tail, the tail doorbell tells the controller (once for
    /// a batch of entries); a
    /// completion entry is new while its phase tag matches the phase expected for this pass over
    /// the ring (§4.6), which flips each time the head wraps; the head doorbell gives consumed
    /// entries back. Knows nothing of what the entries mean.
    /// </summary>
    public sealed class NvmeQueuePair
    {
        private readonly IPlatform _platform;
        private readonly ulong _tailDoorbell;
        private readonly ulong _headDoorbell;
        private readonly byte[] _zeros;
        private int _tail;
        private int _head;
        private bool _phase;
        private bool _headMoved;
        private bool _unrung;

        /// <summary>Queue <paramref name="id"/> (0: admin) of <paramref name="entries"/> entries; doorbells <paramref name="stride"/> bytes apart in the registers at <paramref name="registers"/>.</summary>
        public NvmeQueuePair(IPlatform platform, ulong registers, int id, int entries, uint stride)
        {
            _platform = platform;
            Id = id;
            Entries = entries;
            _tailDoorbell = registers + ControllerRegisters.SubmissionTailDoorbell(id, stride);
            _headDoorbell = registers + ControllerRegisters.CompletionHeadDoorbell(id, stride);
            Submissions = platform.Dma.Allocate(entries * ControllerRegisters.SubmissionEntryBytes, ControllerRegisters.PageSize);
            Completions = platform.Dma.Allocate(entries * ControllerRegisters.CompletionEntryBytes, ControllerRegisters.PageSize);
            _zeros = new byte[Submissions.Size];
            _phase = true;
        }

        /// <summary>Queue ID (0: admin).</summary>
        public int Id { get; }

        /// <summary>Entries of each ring.</summary>
        public int Entries { get; }

        /// <summary>The submission ring (page-aligned, contiguous).</summary>
        public IDmaBuffer Submissions { get; }

        /// <summary>The completion ring (page-aligned, contiguous).</summary>
        public IDmaBuffer Completions { get; }

        /// <summary>Empties both rings for a controller that was reset: its queue pointers start at 0 and the phase at 1 again.</summary>
        public void Reset()
        {
            Submissions.Write(0, _zeros, 0, Submissions.Size);
            Completions.Write(0, _zeros, 0, Completions.Size);
            _tail = 0;
            _head = 0;
            _phase = true;
            _headMoved = false;
            _unrung = false;
        }

        /// <summary>Puts a 64-byte entry at the tail; the controller hears of it at the next <see cref="RingTail"/>.</summary>
        public void Put(byte[] entry)
        {
            Submissions.Write(_tail * ControllerRegisters.SubmissionEntryBytes, entry, 0, ControllerRegisters.SubmissionEntryBytes);
            _tail = (_tail + 1) % Entries;
            _unrung = true;
        }

        /// <summary>
        /// Tells the controller, through the tail doorbell, of every entry put since the last
        /// ring: once per batch, not per entry (a doorbell is an uncached write, a VM exit under
        /// virtualization). Does nothing when no entry is new.
        /// </summary>
        public void RingTail()
        {
            if (!_unrung)
                return;
            _unrung = false;
            // The entries must be in memory before the controller hears of them.
            _platform.MemoryBarrier();
            _platform.Memory.Write32(_tailDoorbell, (uint)_tail);
            TailDoorbellWrites++;
        }

        /// <summary>Tail doorbell writes so far.</summary>
        public ulong TailDoorbellWrites { get; private set; }

        /// <summary>Whether the entry at the head is new (its phase tag is the expected one). Reads only, so an interrupt handler may ask.</summary>
        public bool HasCompletion => PhaseOf(Completions.Read32(_head * ControllerRegisters.CompletionEntryBytes + 12)) == _phase;

        /// <summary>
        /// Takes the entry at the head if it is new: its dword 3 (command identifier, phase and
        /// status) and dword 0 (command-specific result). Call <see cref="ReleaseCompletions"/> after a batch.
        /// </summary>
        public bool TryTake(out uint dword3, out uint dword0)
        {
            int at = _head * ControllerRegisters.CompletionEntryBytes;
            dword3 = Completions.Read32(at + 12);
            if (PhaseOf(dword3) != _phase)
            {
                dword0 = 0;
                return false;
            }
            // The rest of the entry is read only after its phase tag said it is complete.
            _platform.MemoryBarrier();
            dword0 = Completions.Read32(at);
            _head++;
            if (_head == Entries)
            {
                _head = 0;
                _phase = !_phase;
            }
            _headMoved = true;
            return true;
        }

        /// <summary>Tells the controller, through the head doorbell, which completion entries it may reuse; once per batch, not per entry.</summary>
        public void ReleaseCompletions()
        {
            if (!_headMoved)
                return;
            _headMoved = false;
            _platform.Memory.Write32(_headDoorbell, (uint)_head);
        }

        private static bool PhaseOf(uint dword3) => ((dword3 >> 16) & 1) != 0;
    }
}
