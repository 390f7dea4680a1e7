using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EclipseOS.EclipseFS.Integrity;

namespace EclipseOS.EclipseFS.Tools.Hashing
{
    /// <summary>
    /// CRC-32C for the host, through <see cref="BitOperations.Crc32C(uint, ulong)"/> (the CPU's
    /// CRC32 instruction where there is one). Same results as the kernel's <see cref="Crc32C"/>.
    /// </summary>
    public sealed class HardwareCrc32C : ICrc32C
    {
        /// <summary>A shared instance (the class has no state).</summary>
        public static readonly HardwareCrc32C Instance = new HardwareCrc32C();

        /// <inheritdoc />
        public uint Append(uint crc, byte[] data, int offset, int count) => Append(crc, new ReadOnlySpan<byte>(data, offset, count));

        /// <summary>Continues <paramref name="crc"/> over <paramref name="data"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: skip tier-0 code
        public uint Append(uint crc, ReadOnlySpan<byte> data)
        {
            // BitOperations.Crc32C is the bare instruction: the caller does the pre/post inversion.
            uint c = ~crc;
            ReadOnlySpan<ulong> words = MemoryMarshal.Cast<byte, ulong>(data);
            foreach (ulong w in words)
                c = BitOperations.Crc32C(c, BitConverter.IsLittleEndian ? w : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(w));
            for (int i = words.Length * 8; i < data.Length; i++)
                c = BitOperations.Crc32C(c, data[i]);
            return ~c;
        }
    }
}
