namespace EclipseOS.Platform.Fake
{
    /// <summary>Kind of device access recorded in a <see cref="FakeAccessTrace"/>.</summary>
    public enum FakeAccessKind
    {
        /// <summary>An <c>in</c> from a port.</summary>
        PortRead,
        /// <summary>An <c>out</c> to a port.</summary>
        PortWrite,
        /// <summary>A <c>rep insw</c>: one entry for the whole string; its value is the word count.</summary>
        PortStringRead,
        /// <summary>A <c>rep outsw</c>: one entry for the whole string; its value is the word count.</summary>
        PortStringWrite,
        /// <summary>A read of a memory-mapped register (not RAM).</summary>
        MmioRead,
        /// <summary>A write to a memory-mapped register (not RAM).</summary>
        MmioWrite,
        /// <summary>A PCI configuration-space read.</summary>
        ConfigRead,
        /// <summary>A PCI configuration-space write.</summary>
        ConfigWrite,
    }
}
