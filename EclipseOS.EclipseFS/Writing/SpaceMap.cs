using System.Collections.Generic;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS.Writing
{
    /// <summary>
    /// Free space of a volume as sorted, coalesced byte extents (start, length). Byte-granular
    /// because the original format packs records with no alignment: freeing a record must give
    /// back exactly its bytes, no more (the neighbours share its first and last sectors).
    /// Parallel lists instead of an extent struct: IL2CPU mis-sizes some structs (docs/kernel.md).
    /// </summary>
    public sealed class SpaceMap
    {
        /// <summary>What <see cref="Allocate"/> returns when no extent is large enough.</summary>
        public const ulong NoSpace = ulong.MaxValue;

        private readonly List<ulong> _starts = new List<ulong>();
        private readonly List<ulong> _lengths = new List<ulong>();

        /// <summary>Number of free extents.</summary>
        public int Count => _starts.Count;

        /// <summary>Start of extent <paramref name="i"/> (ascending).</summary>
        public ulong StartAt(int i) => _starts[i];

        /// <summary>Length of extent <paramref name="i"/>.</summary>
        public ulong LengthAt(int i) => _lengths[i];

        /// <summary>Free bytes in all extents.</summary>
        public ulong TotalBytes
        {
            get
            {
                ulong total = 0;
                for (int i = 0; i < _lengths.Count; i++)
                    total += _lengths[i];
                return total;
            }
        }

        /// <summary>Removes every extent.</summary>
        public void Clear()
        {
            _starts.Clear();
            _lengths.Clear();
        }

        /// <summary>
        /// Adds [<paramref name="start"/>, +<paramref name="length"/>) to the free space, joined with
        /// touching neighbours. Returns false (and changes nothing) when any byte of it is free already
        /// — a double free, which callers report as corruption.
        /// </summary>
        public bool Add(ulong start, ulong length)
        {
            if (length == 0)
                return true;
            int i = FirstEndingAfter(start);
            if (i < _starts.Count && _starts[i] < start + length)
                return false;
            bool joinLeft = i > 0 && _starts[i - 1] + _lengths[i - 1] == start;
            bool joinRight = i < _starts.Count && _starts[i] == start + length;
            if (joinLeft && joinRight)
            {
                _lengths[i - 1] += length + _lengths[i];
                _starts.RemoveAt(i);
                _lengths.RemoveAt(i);
            }
            else if (joinLeft)
                _lengths[i - 1] += length;
            else if (joinRight)
            {
                _starts[i] = start;
                _lengths[i] += length;
            }
            else
            {
                _starts.Insert(i, start);
                _lengths.Insert(i, length);
            }
            return true;
        }

        /// <summary>
        /// Takes [<paramref name="start"/>, +<paramref name="length"/>) out of the free space when all
        /// of it is free; returns false (changing nothing) otherwise.
        /// </summary>
        public bool Take(ulong start, ulong length)
        {
            if (length == 0)
                return true;
            int i = FirstEndingAfter(start);
            if (i >= _starts.Count || _starts[i] > start)
                return false;
            ulong s = _starts[i], end = s + _lengths[i];
            if (start + length > end)
                return false;
            if (s == start && end == start + length)
            {
                _starts.RemoveAt(i);
                _lengths.RemoveAt(i);
            }
            else if (s == start)
            {
                _starts[i] = start + length;
                _lengths[i] = end - start - length;
            }
            else if (end == start + length)
                _lengths[i] = start - s;
            else
            {
                _lengths[i] = start - s;
                _starts.Insert(i + 1, start + length);
                _lengths.Insert(i + 1, end - start - length);
            }
            return true;
        }

        /// <summary>
        /// Takes <paramref name="length"/> bytes from the smallest free extent that holds them and
        /// ends at or below <paramref name="limit"/> (the lowest of equals); <see cref="NoSpace"/>
        /// when none does. Best fit, because records are byte-granular: a record the size of a hole
        /// (a rewrite at the same size, a record moved by compaction) fills it and removes an
        /// extent from the map, where first fit would cut a sliver off a larger one.
        /// </summary>
        public ulong Allocate(ulong length, ulong limit)
        {
            int best = -1;
            ulong bestLength = ulong.MaxValue;
            for (int i = 0; i < _starts.Count; i++)
            {
                ulong s = _starts[i];
                if (s >= limit || limit - s < length)
                    break;
                ulong l = _lengths[i];
                if (l >= length && l < bestLength)
                {
                    best = i;
                    bestLength = l;
                    if (l == length)
                        break;
                }
            }
            if (best < 0)
                return NoSpace;
            ulong start = _starts[best];
            Take(start, length);
            return start;
        }

        /// <summary>
        /// Takes <paramref name="length"/> bytes from the start of the largest free extent below
        /// <paramref name="limit"/>, so that the record placed there can grow in place;
        /// <see cref="NoSpace"/> when none holds them.
        /// </summary>
        public ulong AllocateRoomy(ulong length, ulong limit)
        {
            int best = -1;
            ulong bestRoom = 0;
            for (int i = 0; i < _starts.Count; i++)
            {
                ulong s = _starts[i];
                if (s >= limit)
                    break;
                ulong room = _lengths[i];
                if (limit - s < room)
                    room = limit - s;
                if (room >= length && room > bestRoom)
                {
                    best = i;
                    bestRoom = room;
                }
            }
            if (best < 0)
                return NoSpace;
            ulong start = _starts[best];
            Take(start, length);
            return start;
        }

        /// <summary>Whether any byte of [<paramref name="start"/>, +<paramref name="length"/>) is free.</summary>
        public bool Overlaps(ulong start, ulong length)
        {
            if (length == 0)
                return false;
            int i = FirstEndingAfter(start);
            return i < _starts.Count && _starts[i] < start + length;
        }

        /// <summary>Bytes in the free map as <c>u32 count, then (u64 start, u64 length) × count</c>.</summary>
        public byte[] Serialize()
        {
            var bytes = new byte[4 + 16 * _starts.Count];
            LittleEndian.Put32(bytes, 0, (uint)_starts.Count);
            for (int i = 0; i < _starts.Count; i++)
            {
                LittleEndian.Put64(bytes, 4 + 16 * i, _starts[i]);
                LittleEndian.Put64(bytes, 12 + 16 * i, _lengths[i]);
            }
            return bytes;
        }

        /// <summary>Bytes <see cref="Serialize"/> makes for <paramref name="extents"/> extents.</summary>
        public static int SerializedLength(int extents) => 4 + 16 * extents;

        /// <summary>
        /// Replaces the contents with a serialized map at <paramref name="offset"/> of
        /// <paramref name="bytes"/>; returns null, or what is wrong (overlap, disorder, past the end)
        /// and leaves the map empty.
        /// </summary>
        public string? Load(byte[] bytes, int offset, int count, ulong volumeBytes)
        {
            Clear();
            if (count < 4)
                return "free-space map shorter than its count";
            uint n = LittleEndian.U32(bytes, offset);
            if ((ulong)n * 16 > (ulong)(count - 4))
                return "free-space map count " + n + " runs past its " + count + " bytes";
            // Sized once: a checkpoint can hold tens of thousands of extents.
            if (_starts.Capacity < (int)n)
            {
                _starts.Capacity = (int)n;
                _lengths.Capacity = (int)n;
            }
            ulong previousEnd = 0;
            for (int i = 0; i < (int)n; i++)
            {
                ulong s = LittleEndian.U64(bytes, offset + 4 + 16 * i);
                ulong l = LittleEndian.U64(bytes, offset + 12 + 16 * i);
                if (l == 0 || s > volumeBytes || l > volumeBytes - s)
                    return Failed("free extent " + i + " (" + s + ", " + l + " bytes) lies outside the volume");
                if (i > 0 && s <= previousEnd)
                    return Failed("free extent " + i + " at " + s + " is out of order or touches the one before");
                _starts.Add(s);
                _lengths.Add(l);
                previousEnd = s + l;
            }
            return null;
        }

        /// <summary>Empties the map a failed <see cref="Load"/> filled part of; returns <paramref name="problem"/>.</summary>
        private string Failed(string problem)
        {
            Clear();
            return problem;
        }

        /// <summary>
        /// Index of the first extent that ends after <paramref name="position"/> (binary search): for
        /// a used byte, the extent after the used run holding it, so runs are numbered 0..<see cref="Count"/>.
        /// </summary>
        public int FirstEndingAfter(ulong position)
        {
            int lo = 0, hi = _starts.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (_starts[mid] + _lengths[mid] <= position)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            return lo;
        }
    }
}
