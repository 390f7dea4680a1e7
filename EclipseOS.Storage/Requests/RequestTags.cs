using System;

namespace EclipseOS.Storage.Requests
{
    /// <summary>
    /// The tags of a driver's requests in flight: virtio descriptor-chain slots, NVMe command
    /// identifiers. A tag is taken when a request is submitted and given back when its completion
    /// has been handled. Tags go round robin rather than lowest-free, so a late or duplicated
    /// completion is unlikely to be taken for the newest request that reused its tag.
    /// </summary>
    public sealed class RequestTags
    {
        private readonly bool[] _busy;
        private int _next;

        /// <summary><paramref name="capacity"/> tags, 0 to capacity − 1.</summary>
        public RequestTags(int capacity)
        {
            if (capacity < 1)
                throw new ArgumentOutOfRangeException(nameof(capacity), "a request queue needs at least one tag, not " + capacity);
            _busy = new bool[capacity];
        }

        /// <summary>Tags in all.</summary>
        public int Capacity => _busy.Length;

        /// <summary>Tags taken and not given back.</summary>
        public int InFlight { get; private set; }

        /// <summary>Whether a tag is free.</summary>
        public bool HasFree => InFlight < _busy.Length;

        /// <summary>Whether <paramref name="tag"/> is taken.</summary>
        public bool IsTaken(int tag) => tag >= 0 && tag < _busy.Length && _busy[tag];

        /// <summary>Takes a free tag; throws when none is (check <see cref="HasFree"/>).</summary>
        public int Take()
        {
            for (int tried = 0; tried < _busy.Length; tried++)
            {
                int tag = _next;
                _next = _next + 1 == _busy.Length ? 0 : _next + 1;
                if (_busy[tag])
                    continue;
                _busy[tag] = true;
                InFlight++;
                return tag;
            }
            throw new InvalidOperationException("no free request tag (" + _busy.Length + " in flight)");
        }

        /// <summary>Gives <paramref name="tag"/> back; false when it was not taken (an unknown or repeated completion).</summary>
        public bool Release(int tag)
        {
            if (!IsTaken(tag))
                return false;
            _busy[tag] = false;
            InFlight--;
            return true;
        }

        /// <summary>Gives every tag back (the device was reset and owns no request any more).</summary>
        public void ReleaseAll()
        {
            for (int i = 0; i < _busy.Length; i++)
                _busy[i] = false;
            InFlight = 0;
        }
    }
}
