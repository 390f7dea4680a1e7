using EclipseOS.Hal.Dma;

namespace EclipseOS.Platform.Fake.Memory
{
    /// <summary>A live range of fake RAM that devices may access.</summary>
    public sealed class DmaRegion
    {
        internal DmaRegion(ulong address, int length, DmaRegionKind kind, DmaDirection direction)
        {
            Address = address;
            Length = length;
            Kind = kind;
            Direction = direction;
        }

        /// <summary>Physical address of the first byte.</summary>
        public ulong Address { get; }

        /// <summary>Length in bytes.</summary>
        public int Length { get; }

        /// <summary>Why it is live.</summary>
        public DmaRegionKind Kind { get; }

        /// <summary>For a share, the direction it was shared with; <see cref="DmaDirection.Both"/> otherwise.</summary>
        public DmaDirection Direction { get; }

        /// <summary>Whether [<paramref name="address"/>, +<paramref name="length"/>) lies inside the region.</summary>
        public bool Covers(ulong address, int length) => address >= Address && address - Address + (ulong)length <= (ulong)Length;

        /// <summary>E.g. <c>share DeviceToDriver 0x100000+512</c>.</summary>
        public override string ToString() => Kind.ToString().ToLowerInvariant() + " " + Direction + " 0x" + Address.ToString("x") + "+" + Length;
    }
}
