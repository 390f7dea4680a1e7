using System.Collections.Generic;

namespace EclipseOS.EclipseFS
{
    /// <summary>
    /// A least-recently-used cache keyed by a number, bounded by entry count and by a total
    /// cost (bytes), so a hostile image cannot make it grow without limit. Hand-linked rather
    /// than LinkedList-based to keep the IL simple for IL2CPU.
    /// </summary>
    internal sealed class LruCache<TValue> where TValue : class
    {
        private sealed class Entry
        {
            public ulong Key;
            public TValue Value = null!;
            public ulong Cost;
            public Entry? Newer;
            public Entry? Older;
        }

        private readonly Dictionary<ulong, Entry> _map = new Dictionary<ulong, Entry>();
        private readonly int _maxCount;
        private readonly ulong _maxCost;
        private ulong _cost;
        private Entry? _newest;
        private Entry? _oldest;

        public LruCache(int maxCount, ulong maxCost)
        {
            _maxCount = maxCount < 1 ? 1 : maxCount;
            _maxCost = maxCost;
        }

        public TValue? Get(ulong key)
        {
            Entry? e;
            if (!_map.TryGetValue(key, out e))
                return null;
            Unlink(e);
            LinkNewest(e);
            return e.Value;
        }

        /// <summary>
        /// Adds an entry; one costing more than the whole budget is simply not kept. Returns an
        /// evicted value (or null) so a caller can reuse its memory.
        /// </summary>
        public TValue? Put(ulong key, TValue value, ulong cost)
        {
            TValue? evicted = null;
            Entry? old;
            if (_map.TryGetValue(key, out old))
            {
                Unlink(old);
                _map.Remove(key);
                _cost -= old.Cost;
            }
            if (cost > _maxCost)
                return null;
            while (_oldest != null && (_map.Count >= _maxCount || _cost + cost > _maxCost))
            {
                Entry victim = _oldest;
                Unlink(victim);
                _map.Remove(victim.Key);
                _cost -= victim.Cost;
                evicted = victim.Value;
            }
            var e = new Entry { Key = key, Value = value, Cost = cost };
            _map[key] = e;
            _cost += cost;
            LinkNewest(e);
            return evicted;
        }

        /// <summary>Drops every entry.</summary>
        public void Clear()
        {
            _map.Clear();
            _newest = null;
            _oldest = null;
            _cost = 0;
        }

        /// <summary>Drops the entry for <paramref name="key"/>, if any (its value changed on disk).</summary>
        public void Remove(ulong key)
        {
            Entry? old;
            if (!_map.TryGetValue(key, out old))
                return;
            Unlink(old);
            _map.Remove(key);
            _cost -= old.Cost;
        }

        private void Unlink(Entry e)
        {
            if (e.Newer != null) e.Newer.Older = e.Older; else _newest = e.Older;
            if (e.Older != null) e.Older.Newer = e.Newer; else _oldest = e.Newer;
            e.Newer = null;
            e.Older = null;
        }

        private void LinkNewest(Entry e)
        {
            e.Older = _newest;
            e.Newer = null;
            if (_newest != null) _newest.Newer = e;
            _newest = e;
            if (_oldest == null) _oldest = e;
        }
    }
}
