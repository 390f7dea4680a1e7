using EclipseOS.Hal;

namespace EclipseOS.Drivers.Nvme.Queues
{
    /// <summary>
    /// A queue pair with its requests: submission gives a request a slot (its command
    /// identifier), its PRPs and its place in the ring; polling hands each completion to the
    /// request its identifier names. Many requests may be in flight, up to one less than the
    /// ring holds, so the submission ring can never overrun.
    /// </summary>
    public sealed class CommandQueue
    {
        private readonly byte[] _entry = new byte[Registers.ControllerRegisters.SubmissionEntryBytes];
        private readonly PrpBuilder _prps = new PrpBuilder();

        /// <summary>Queue <paramref name="id"/> of <paramref name="entries"/> entries of the controller whose registers start at <paramref name="registers"/>.</summary>
        public CommandQueue(IPlatform platform, ulong registers, int id, int entries, uint doorbellStride)
        {
            Pair = new NvmeQueuePair(platform, registers, id, entries, doorbellStride);
            Slots = new RequestSlots(platform.Dma, entries - 1);
        }

        /// <summary>The rings and doorbells.</summary>
        public NvmeQueuePair Pair { get; }

        /// <summary>The requests in flight.</summary>
        public RequestSlots Slots { get; }

        /// <summary>Submits <paramref name="request"/> and rings the doorbell; call only when <see cref="RequestSlots.HasFree"/>.</summary>
        public void Submit(NvmeRequest request)
        {
            Enqueue(request);
            Pair.RingTail();
        }

        /// <summary>
        /// Puts <paramref name="request"/> in the ring without ringing the doorbell, so a batch is
        /// announced by one <see cref="NvmeQueuePair.RingTail"/>; call only when <see cref="RequestSlots.HasFree"/>.
        /// </summary>
        public void Enqueue(NvmeRequest request)
        {
            int slot = Slots.Take(request);
            if (request.DataLength > 0)
                _prps.Fill(request.Command, request.DataAddress, request.DataLength, Slots.PrpList(slot));
            request.Command.Encode((ushort)slot, _entry);
            Pair.Put(_entry);
        }

        /// <summary>Takes every new completion, completes its request, and releases the entries; returns how many there were.</summary>
        public int Poll()
        {
            int taken = 0;
            while (Pair.TryTake(out uint dword3, out uint dword0))
            {
                taken++;
                NvmeRequest? request = Slots.Release((int)(dword3 & 0xFFFF));
                // Status field (31:17): shifted down past the phase tag; SC 7:0, SCT 10:8, CRD/M/DNR above.
                request?.Complete((ushort)((dword3 >> 17) & 0x7FF), dword0);
            }
            Pair.ReleaseCompletions();
            return taken;
        }

        /// <summary>Empties the rings and gives up on every request in flight, for a controller that was reset.</summary>
        public void Reset()
        {
            Slots.AbortAll();
            Pair.Reset();
        }
    }
}
