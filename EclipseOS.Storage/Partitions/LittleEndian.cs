namespace EclipseOS.Storage.Partitions
{
    /// <summary>Little-endian field reads from on-disk structures (explicit shifts: no unsafe casts, no BinaryPrimitives dependency in the kernel).</summary>
    internal static class LittleEndian
    {
        public static ushort U16(byte[] b, int at) => (ushort)(b[at] | (b[at + 1] << 8));

        public static uint U32(byte[] b, int at) => (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));

        public static ulong U64(byte[] b, int at) => U32(b, at) | ((ulong)U32(b, at + 4) << 32);
    }
}
