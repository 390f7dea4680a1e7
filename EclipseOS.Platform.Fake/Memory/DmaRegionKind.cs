namespace EclipseOS.Platform.Fake.Memory
{
    /// <summary>Why a region of fake RAM is live.</summary>
    public enum DmaRegionKind
    {
        /// <summary>Allocated by <c>IDma.Allocate</c> (rings, tables).</summary>
        Allocation,
        /// <summary>A bounce buffer standing for a caller's array between <c>Share</c> and <c>Unshare</c>.</summary>
        Share,
        /// <summary>Reserved by a test (<see cref="FakeDmaMemory.Reserve"/>) for device-visible data of its own.</summary>
        Reserved,
    }
}
