namespace EclipseOS.EclipseFS.Journaling
{
    /// <summary>
    /// Where and how the write-ahead log of a read-write EclipseFS volume is stored
    /// (docs/eclipsefs-format.md §12). Everything here lives where the original reader never
    /// looks: the anchor in the header block's padding (bytes 512–575, after the 65 header
    /// bytes), the log in space no inode-table entry points to.
    /// </summary>
    public static class JournalLayout
    {
        /// <summary>§12.1: the anchor's byte offset in the filesystem (second 512-byte sector of the header block).</summary>
        public const int AnchorOffset = 512;
        /// <summary>§12.1: bytes of the anchor.</summary>
        public const int AnchorLength = 64;
        /// <summary>§12.1: the anchor's magic, ASCII.</summary>
        public const string AnchorMagic = "EFSJOURN";
        /// <summary>§12.1: anchor format version.</summary>
        public const uint AnchorVersion = 1;
        /// <summary>§12.1: anchor field offsets.</summary>
        public const int AnchorVersionField = 8, AnchorLogOffsetField = 16, AnchorHalfSizeField = 24, AnchorVolumeIdField = 32, AnchorCrcField = 40;

        /// <summary>§12.2: magic of every log record ("EFSL" little-endian).</summary>
        public const uint RecordMagic = 0x4C534645;
        /// <summary>§12.2: bytes of a log record's header.</summary>
        public const int RecordHeaderLength = 32;
        /// <summary>§12.2: record header field offsets.</summary>
        public const int RecordKindField = 4, RecordSequenceField = 8, RecordVolumeIdField = 16, RecordLengthField = 24, RecordCrcField = 28;
        /// <summary>§12.2: a checkpoint: the whole free-space map; replay starts here.</summary>
        public const uint KindCheckpoint = 1;
        /// <summary>§12.2: one operation's changes.</summary>
        public const uint KindTransaction = 2;

        /// <summary>§12.3: write these bytes at a place (u64 target, u32 length, bytes).</summary>
        public const byte OpRedo = 1;
        /// <summary>§12.3: copy a written-ahead blob to a place (u64 target, u64 source, u32 length, u32 CRC-32C).</summary>
        public const byte OpCopy = 2;
        /// <summary>§12.3: an extent became used (u64 start, u64 length).</summary>
        public const byte OpAllocate = 3;
        /// <summary>§12.3: an extent is no longer used; it becomes free at the next checkpoint (u64 start, u64 length).</summary>
        public const byte OpFree = 4;
        /// <summary>§12.3: bytes the operation wrote into free space before its record, and their CRC-32C (u64 start, u64 length, u32 CRC-32C).</summary>
        public const byte OpWritten = 5;

        /// <summary>§12.4: the largest log half; small volumes get 1/128 of their size, at least <see cref="MinHalfSize"/>.</summary>
        public const ulong MaxHalfSize = 512 * 1024;
        /// <summary>§12.4: the smallest log half.</summary>
        public const ulong MinHalfSize = 64 * 1024;
    }
}
