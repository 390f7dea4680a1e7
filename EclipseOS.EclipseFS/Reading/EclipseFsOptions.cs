using EclipseOS.EclipseFS.Integrity;

namespace EclipseOS.EclipseFS
{
    /// <summary>Tuning and policy for a mounted <see cref="EclipseFsVolume"/>.</summary>
    public sealed class EclipseFsOptions
    {
        /// <summary>Device blocks kept for metadata reads (the LRU block cache).</summary>
        public int CachedBlocks { get; set; } = 64;
        /// <summary>Parsed records kept (the LRU record cache), by count …</summary>
        public int CachedNodes { get; set; } = 1024;
        /// <summary>… and by bytes of directory entries they hold.</summary>
        public ulong CachedNodeBytes { get; set; } = 8 * 1024 * 1024;
        /// <summary>
        /// Whether the first read of a file whose record carries CONTENT_CRC32C checks the whole
        /// content first (a caller that checks while streaming, like extract, turns this off).
        /// </summary>
        public bool VerifyContentOnRead { get; set; } = true;
        /// <summary>The CRC-32C implementation (the portable one unless a host passes a faster one).</summary>
        public ICrc32C Crc32C { get; set; } = new Crc32C();
        /// <summary>
        /// Whether to mount read-write (§12): only when the device takes writes; the first
        /// read-write mount of an image without a journal gives it one. Read-only otherwise.
        /// </summary>
        public bool Writable { get; set; }
        /// <summary>
        /// Free extents above which a read-write mount compacts the free-space map (§12.9); 0 (the
        /// default) means half of what a checkpoint of the volume's log holds. Smaller values
        /// keep checkpoints — and so mounts — smaller at the cost of moving records more often;
        /// larger ones are capped at the default.
        /// </summary>
        public int CompactFreeSpaceAbove { get; set; }
        /// <summary>Where the times of changed nodes come from; without one they are 0.</summary>
        public IUnixClock? Clock { get; set; }
    }
}
