using System;

namespace EclipseOS.EclipseFS
{
    /// <summary>
    /// An EclipseFS image is malformed or a request cannot be served. The message names the
    /// inode (when one is concerned), the field and the byte offset in the filesystem.
    /// </summary>
    public class EclipseFsException : Exception
    {
        /// <summary>The <see cref="Offset"/> of an error that concerns no byte in particular.</summary>
        public const ulong NoOffset = ulong.MaxValue;

        /// <summary>Creates an error about <paramref name="field"/> of <paramref name="inode"/> (0: none) at <paramref name="offset"/>.</summary>
        public EclipseFsException(uint inode, string field, ulong offset, string problem)
            : base(Describe(inode, field, offset, problem))
        {
            Inode = inode;
            Field = field;
            Offset = offset;
            Problem = problem;
        }

        /// <summary>The inode concerned, or 0 for the header and inode table as a whole.</summary>
        public uint Inode { get; }

        /// <summary>The field concerned (<c>header.version</c>, <c>SIZE</c>, <c>entry 3 name</c> …).</summary>
        public string Field { get; }

        /// <summary>Byte offset from the start of the filesystem, or <see cref="NoOffset"/>.</summary>
        public ulong Offset { get; }

        /// <summary>What is wrong, without the location.</summary>
        public string Problem { get; }

        /// <summary>Formats a location and problem the way every EclipseFS message reads.</summary>
        public static string Describe(uint inode, string field, ulong offset, string problem)
        {
            string where = inode != 0 ? "inode " + inode + ": " : "";
            where += field;
            if (offset != NoOffset)
                where += " at byte " + offset;
            return "eclipsefs: " + where + ": " + problem;
        }
    }
}
