using EclipseOS.EclipseFS.Writing;

namespace EclipseOS.EclipseFS.Fsck
{
    /// <summary>
    /// Set operations on sorted, coalesced extent lists (<see cref="SpaceMap"/>s), each one sweep
    /// over both lists: fsck compares the space the structure uses with the space the log lists free.
    /// </summary>
    internal static class ExtentSets
    {
        /// <summary>The bytes in both <paramref name="a"/> and <paramref name="b"/>.</summary>
        public static SpaceMap Intersect(SpaceMap a, SpaceMap b)
        {
            var result = new SpaceMap();
            int i = 0, j = 0;
            while (i < a.Count && j < b.Count)
            {
                ulong aEnd = a.StartAt(i) + a.LengthAt(i), bEnd = b.StartAt(j) + b.LengthAt(j);
                ulong start = a.StartAt(i) > b.StartAt(j) ? a.StartAt(i) : b.StartAt(j);
                ulong end = aEnd < bEnd ? aEnd : bEnd;
                if (start < end)
                    result.Add(start, end - start);
                if (aEnd < bEnd)
                    i++;
                else
                    j++;
            }
            return result;
        }

        /// <summary>The bytes in <paramref name="a"/> or <paramref name="b"/>.</summary>
        public static SpaceMap Union(SpaceMap a, SpaceMap b)
        {
            var result = new SpaceMap();
            int i = 0, j = 0;
            ulong runStart = 0, runEnd = 0;
            bool inRun = false;
            while (i < a.Count || j < b.Count)
            {
                ulong s, l;
                if (j >= b.Count || (i < a.Count && a.StartAt(i) <= b.StartAt(j)))
                {
                    s = a.StartAt(i);
                    l = a.LengthAt(i);
                    i++;
                }
                else
                {
                    s = b.StartAt(j);
                    l = b.LengthAt(j);
                    j++;
                }
                if (inRun && s <= runEnd)
                {
                    if (s + l > runEnd)
                        runEnd = s + l;
                    continue;
                }
                if (inRun)
                    result.Add(runStart, runEnd - runStart);
                runStart = s;
                runEnd = s + l;
                inRun = true;
            }
            if (inRun)
                result.Add(runStart, runEnd - runStart);
            return result;
        }

        /// <summary>The bytes of [<paramref name="start"/>, +<paramref name="length"/>) that are not in <paramref name="map"/>.</summary>
        public static SpaceMap Uncovered(SpaceMap map, ulong start, ulong length)
        {
            var result = new SpaceMap();
            ulong end = start + length;
            ulong at = start;
            for (int i = FirstEndingAfter(map, start); i < map.Count && at < end; i++)
            {
                ulong s = map.StartAt(i);
                if (s >= end)
                    break;
                if (s > at)
                    result.Add(at, s - at);
                ulong e = s + map.LengthAt(i);
                if (e > at)
                    at = e;
            }
            if (at < end)
                result.Add(at, end - at);
            return result;
        }

        /// <summary>Index of the first extent of <paramref name="map"/> that ends after <paramref name="position"/> (binary search).</summary>
        public static int FirstEndingAfter(SpaceMap map, ulong position)
        {
            int lo = 0, hi = map.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (map.StartAt(mid) + map.LengthAt(mid) <= position)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            return lo;
        }

        /// <summary>"1 extent", "3 extents".</summary>
        public static string Count(int extents) => extents == 1 ? "1 extent" : extents + " extents";

        /// <summary>"start+length" for the first <paramref name="limit"/> extents, ", …" when there are more.</summary>
        public static string List(SpaceMap map, int limit)
        {
            string text = "";
            for (int i = 0; i < map.Count && i < limit; i++)
                text += (i > 0 ? ", " : "") + map.StartAt(i) + "+" + map.LengthAt(i);
            if (map.Count > limit)
                text += ", … (" + (map.Count - limit) + " more)";
            return text;
        }
    }
}
