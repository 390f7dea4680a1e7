namespace EclipseOS.Platform.Fake.Devices
{
    /// <summary>What a read returns when nothing decodes the address: all ones, as on a PC's floating bus.</summary>
    public static class FloatingBus
    {
        /// <summary>All ones in <paramref name="size"/> bytes (0xFF, 0xFFFF, 0xFFFFFFFF, …).</summary>
        public static ulong Value(int size) => size >= 8 ? ulong.MaxValue : (1UL << (size * 8)) - 1;
    }
}
