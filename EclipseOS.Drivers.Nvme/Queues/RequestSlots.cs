using EclipseOS.Drivers.Nvme.Registers;
using EclipseOS.Hal.Dma;

namespace EclipseOS.Drivers.Nvme.Queues
{
    /// <summary>
    /// The requests in flight on one queue, by command identifier: an identifier is a slot
    /// number, taken at submission and given back when its completion arrives. Each slot owns a
    /// PRP list page (allocated on first use), so every request in flight has its own list.
    /// </summary>
    public sealed class RequestSlots
    {
        private readonly IDma _dma;
        private readonly NvmeRequest?[] _requests;
        private readonly IDmaBuffer?[] _prpLists;
        private int _next;

        /// <summary><paramref name="capacity"/> slots whose PRP lists come from <paramref name="dma"/>.</summary>
        public RequestSlots(IDma dma, int capacity)
        {
            _dma = dma;
            _requests = new NvmeRequest?[capacity];
            _prpLists = new IDmaBuffer?[capacity];
        }

        /// <summary>Slots in all.</summary>
        public int Capacity => _requests.Length;

        /// <summary>Requests in flight.</summary>
        public int InFlight { get; private set; }

        /// <summary>Whether another request can be submitted.</summary>
        public bool HasFree => InFlight < _requests.Length;

        /// <summary>Puts <paramref name="request"/> in a free slot and returns its number, the command identifier. Call only when <see cref="HasFree"/>.</summary>
        public int Take(NvmeRequest request)
        {
            // Round robin rather than lowest-free, so a late completion of a reused identifier is unlikely to be mistaken.
            for (int tried = 0; tried < _requests.Length; tried++)
            {
                int slot = _next;
                _next = (_next + 1) % _requests.Length;
                if (_requests[slot] != null)
                    continue;
                _requests[slot] = request;
                InFlight++;
                return slot;
            }
            throw new System.InvalidOperationException("no free request slot (" + _requests.Length + " in flight)");
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
            if (commandId >= _requests.Length)
                return null;
            NvmeRequest? request = _requests[commandId];
            if (request == null)
                return null;
            _requests[commandId] = null;
            InFlight--;
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
            InFlight = 0;
        }
    }
}
