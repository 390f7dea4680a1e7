using System.Collections.Generic;

namespace EclipseOS.Kernel.Core.Shell
{
    /// <summary>Prints rows of cells as aligned columns, the way <c>lsblk</c> and <c>df</c> list things.</summary>
    public static class TextTable
    {
        /// <summary>
        /// Writes <paramref name="table"/> (its first row the headings) with each column padded to
        /// its widest cell and one space between columns; trailing blanks are trimmed.
        /// </summary>
        public static void Print(ITextOutput output, List<string[]> table)
        {
            int columns = table[0].Length;
            var widths = new int[columns];
            for (int r = 0; r < table.Count; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    if (table[r][c].Length > widths[c])
                        widths[c] = table[r][c].Length;
                }
            }
            for (int r = 0; r < table.Count; r++)
            {
                string line = "";
                for (int c = 0; c < columns; c++)
                    line += (c > 0 ? " " : "") + table[r][c].PadRight(widths[c]);
                output.WriteLine(line.TrimEnd());
            }
        }
    }
}
