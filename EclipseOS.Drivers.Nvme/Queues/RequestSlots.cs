using EclipseOS.Drivers.Nvme.Registers;
using EclipseOS.Hal.Dma;
using EclipseOS.Storage.Requests;

namespace EclipseOS.Drivers.Nvme.Queues
{
    /// <summary>
    /// The requests in flight on one queue, by command identifier: an identifier is a slot
    /// number (a tag of the shared <see cref="RequestTags"/>, as virtio's descriptor slots are),
    /// taken at submission and given back when its completion arrives. Each slot owns a
    /// PRP list page (allocated on first use), so every request in flight has its own list.
    /// </summary>
    public sealed class RequestSlots
    {
        private readonly IDma _dma;
        private readonly NvmeRequest?[] _requests;
        private readonly IDmaBuffer?[] _prpLists;
        private readonly RequestTags _tags;

        /// <summary><paramref name="capacity"/> slots whose PRP lists come from <paramref name="dma"/>.</summary>
        public RequestSlots(IDma dma, int capacity)
        {
            _dma = dma;
            _requests = new NvmeRequest?[capacity];
            _prpLists = new IDmaBuffer?[capacity];
            _tags = new RequestTags(capacity);
        }

        /// <summary>Slots in all.</summary>
        public int Capacity => _requests.Length;

        /// <summary>Requests in flight.</summary>
        public int InFlight => _tags.InFlight;

        /// <summary>Whether another request can be submitted.</summary>
        public bool HasFree => _tags.HasFree;

        /// <summary>Puts <paramref name="request"/> in a free slot and returns its number, the command identifier. Call only when <see cref="HasFree"/>.</summary>
        public int Take(NvmeRequest request)
        {
            int slot = _tags.Take();
            _requests[slot] = request;
            return slot;
        }

        /// <summary>The PRP list page of <paramref name="slot"/>.</summary>
        public IDmaBuffer PrpList(int slot)
        {
            IDmaBuffer? list = _prpLists[slot];
            if (list == null)
                _prpLists[slot] = list = _dma.Allocate(ControllerRegisters.PageSize, ControllerRegisters.PageSize);
            return list;
        }

        /// <summary>Frees the slot of command identifier <paramref name="commandId"/> and returns its request; null for an identifier not in flight.</summary>
        public NvmeRequest? Release(int commandId)
        {
            if (!_tags.Release(commandId))
                return null;
            NvmeRequest? request = _requests[commandId];
            _requests[commandId] = null;
            return request;
        }

        /// <summary>Gives up on every request in flight (after a controller reset) and frees all slots.</summary>
        public void AbortAll()
        {
            for (int i = 0; i < _requests.Length; i++)
            {
                NvmeRequest? request = _requests[i];
                if (request == null)
                    continue;
                _requests[i] = null;
                request.Abort();
            }
            _tags.ReleaseAll();
        }
    }
}
