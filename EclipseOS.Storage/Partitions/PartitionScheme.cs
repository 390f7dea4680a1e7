namespace EclipseOS.Storage.Partitions
{
    /// <summary>How a disk is divided.</summary>
    public enum PartitionScheme
    {
        /// <summary>No partition table: the whole disk holds one filesystem (or nothing).</summary>
        None,

        /// <summary>A DOS/MBR table, possibly with extended (logical) partitions.</summary>
        Mbr,

        /// <summary>A GUID partition table behind a protective MBR.</summary>
        Gpt,
    }
}
