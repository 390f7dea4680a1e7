using System.Collections.Generic;

namespace EclipseOS.Kernel.Core.Shell
{
    /// <summary>
    /// Sorts strings by ordinal (UTF-16 code unit) order without the BCL's sort. IL2CPU cannot
    /// compile <c>List&lt;T&gt;.Sort</c> or <c>Array.Sort</c> with a comparer: they reach
    /// <c>ArraySortHelper&lt;T&gt;.CreateArraySortHelper</c>, which builds its helper by reflection
    /// and has no Cosmos plug, so the kernel build fails (docs/kernel.md, "What IL2CPU/Cosmos does
    /// differently").
    /// </summary>
    public static class OrdinalSort
    {
        /// <summary>Sorts <paramref name="items"/> in place, stable, by <see cref="string.CompareOrdinal(string, string)"/>.</summary>
        /// <remarks>Bottom-up merge sort: O(n log n) for directories of any size, one scratch array.</remarks>
        public static void Sort(List<string> items)
        {
            int count = items.Count;
            if (count < 2)
                return;
            string[] source = items.ToArray();
            string[] target = new string[count];
            for (int width = 1; width < count; width *= 2)
            {
                for (int left = 0; left < count; left += 2 * width)
                {
                    int middle = Min(left + width, count);
                    int right = Min(left + 2 * width, count);
                    Merge(source, target, left, middle, right);
                }
                string[] swap = source;
                source = target;
                target = swap;
            }
            for (int i = 0; i < count; i++)
                items[i] = source[i];
        }

        private static void Merge(string[] source, string[] target, int left, int middle, int right)
        {
            int a = left;
            int b = middle;
            for (int k = left; k < right; k++)
            {
                // Taking from the left run on ties keeps the sort stable.
                if (a < middle && (b >= right || string.CompareOrdinal(source[a], source[b]) <= 0))
                    target[k] = source[a++];
                else
                    target[k] = source[b++];
            }
        }

        private static int Min(int a, int b) => a < b ? a : b;
    }
}
