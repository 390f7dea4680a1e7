namespace EclipseOS.Storage
{
    /// <summary>
    /// Little-endian integer access to on-disk structures (partition tables, EclipseFS), with
    /// explicit shifts: no unsafe casts and no BinaryPrimitives dependency in the kernel.
    /// </summary>
    public static class LittleEndian
    {
        /// <summary>Reads a u16 at <paramref name="offset"/>.</summary>
        public static ushort U16(byte[] b, int offset) => (ushort)(b[offset] | (b[offset + 1] << 8));

        /// <summary>Reads a u32 at <paramref name="offset"/>.</summary>
        public static uint U32(byte[] b, int offset) =>
            (uint)(b[offset] | (b[offset + 1] << 8) | (b[offset + 2] << 16) | (b[offset + 3] << 24));

        /// <summary>Reads a u64 at <paramref name="offset"/>.</summary>
        public static ulong U64(byte[] b, int offset) => U32(b, offset) | ((ulong)U32(b, offset + 4) << 32);

        /// <summary>Writes a u16 at <paramref name="offset"/>.</summary>
        public static void Put16(byte[] b, int offset, ushort v)
        {
            b[offset] = (byte)v;
            b[offset + 1] = (byte)(v >> 8);
        }

        /// <summary>Writes a u32 at <paramref name="offset"/>.</summary>
        public static void Put32(byte[] b, int offset, uint v)
        {
            b[offset] = (byte)v;
            b[offset + 1] = (byte)(v >> 8);
            b[offset + 2] = (byte)(v >> 16);
            b[offset + 3] = (byte)(v >> 24);
        }

        /// <summary>Writes a u64 at <paramref name="offset"/>.</summary>
        public static void Put64(byte[] b, int offset, ulong v)
        {
            Put32(b, offset, (uint)v);
            Put32(b, offset + 4, (uint)(v >> 32));
        }
    }
}
