using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EclipseOS.EclipseFS.Integrity;

namespace EclipseOS.EclipseFS.Tools.Hashing
{
    /// <summary>
    /// CRC-32C for the host, through <see cref="BitOperations.Crc32C(uint, ulong)"/> (the CPU's
    /// CRC32 instruction where there is one). The instruction has a latency of about three
    /// cycles but a throughput of one per cycle, so long inputs run as three interleaved
    /// streams whose CRCs are then combined by "shifting" them over the bytes that follow
    /// (multiplication by x^(8n) mod P, from precomputed tables). Longer inputs are first folded
    /// by carry-less multiplication (<see cref="CrcFolding"/>), about twice as fast again. Same
    /// results as the kernel's <see cref="Crc32C"/>.
    /// </summary>
    public sealed class HardwareCrc32C : ICrc32C
    {
        /// <summary>A shared instance with the widest folding this CPU runs (the class has no mutable state).</summary>
        public static readonly HardwareCrc32C Instance = new HardwareCrc32C(CarrylessFolding.Best);

        private const int LongBlock = 8192;
        private const int ShortBlock = 256;

        private readonly uint[] _shiftLong = ShiftTable(LongBlock);
        private readonly uint[] _shiftShort = ShiftTable(ShortBlock);
        private readonly CrcFolding _folding;

        /// <summary>
        /// A CRC-32C that folds long inputs with <paramref name="folding"/> (<see cref="Instance"/>
        /// has the widest this CPU runs; a narrower one is for comparisons and tests).
        /// </summary>
        public HardwareCrc32C(CrcFolding folding)
        {
            if (!IsSupported(folding))
                throw new PlatformNotSupportedException("this CPU has no carry-less multiplication for CRC folding on " + folding);
            _folding = folding;
        }

        /// <summary>Whether this CPU runs <paramref name="folding"/>.</summary>
        public static bool IsSupported(CrcFolding folding) => CarrylessFolding.IsSupported(folding);

        /// <summary>The folding long inputs get.</summary>
        public CrcFolding Folding => _folding;

        /// <inheritdoc />
        public uint Append(uint crc, byte[] data, int offset, int count) => Append(crc, new ReadOnlySpan<byte>(data, offset, count));

        /// <summary>Continues <paramref name="crc"/> over <paramref name="data"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: skip tier-0 code
        public uint Append(uint crc, ReadOnlySpan<byte> data)
        {
            // BitOperations.Crc32C is the bare instruction: the caller does the pre/post inversion.
            uint c0 = ~crc;
            c0 = CarrylessFolding.Fold(c0, ref data, _folding);
            c0 = Interleaved(c0, ref data, LongBlock, _shiftLong);
            c0 = Interleaved(c0, ref data, ShortBlock, _shiftShort);
            ReadOnlySpan<ulong> words = MemoryMarshal.Cast<byte, ulong>(data);
            foreach (ulong w in words)
                c0 = BitOperations.Crc32C(c0, Le(w));
            for (int i = words.Length * 8; i < data.Length; i++)
                c0 = BitOperations.Crc32C(c0, data[i]);
            return ~c0;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static uint Interleaved(uint c0, ref ReadOnlySpan<byte> data, int block, uint[] shift)
        {
            while (data.Length >= 3 * block)
            {
                ReadOnlySpan<ulong> a = MemoryMarshal.Cast<byte, ulong>(data.Slice(0, block));
                ReadOnlySpan<ulong> b = MemoryMarshal.Cast<byte, ulong>(data.Slice(block, block));
                ReadOnlySpan<ulong> c = MemoryMarshal.Cast<byte, ulong>(data.Slice(2 * block, block));
                uint c1 = 0, c2 = 0;
                for (int i = 0; i < a.Length; i++)
                {
                    c0 = BitOperations.Crc32C(c0, Le(a[i]));
                    c1 = BitOperations.Crc32C(c1, Le(b[i]));
                    c2 = BitOperations.Crc32C(c2, Le(c[i]));
                }
                // CRC(A‖B) = shift(CRC(A), |B|) ^ CRC(B) for the raw (uninverted) register.
                c0 = Shift(shift, c0) ^ c1;
                c0 = Shift(shift, c0) ^ c2;
                data = data.Slice(3 * block);
            }
            return c0;
        }

        private static ulong Le(ulong w) => BitConverter.IsLittleEndian ? w : BinaryPrimitives.ReverseEndianness(w);

        private static uint Shift(uint[] t, uint crc) =>
            t[crc & 0xFF] ^ t[256 + ((crc >> 8) & 0xFF)] ^ t[512 + ((crc >> 16) & 0xFF)] ^ t[768 + (crc >> 24)];

        /// <summary>
        /// Tables for the linear map "advance the CRC register over <paramref name="bytes"/> zero
        /// bytes" (bytes a power of two), built from the one-zero-bit operator by repeated
        /// squaring over GF(2), then tabulated per register byte.
        /// </summary>
        private static uint[] ShiftTable(int bytes)
        {
            var op = new uint[32];
            op[0] = Crc32C.Polynomial; // one zero bit: shift right, fold in P when bit 0 was set
            for (int n = 1; n < 32; n++)
                op[n] = 1u << (n - 1);
            for (int bits = 1; bits < bytes * 8; bits *= 2)
                op = Square(op);
            var table = new uint[4 * 256];
            for (int n = 0; n < 256; n++)
            {
                table[n] = Times(op, (uint)n);
                table[256 + n] = Times(op, (uint)n << 8);
                table[512 + n] = Times(op, (uint)n << 16);
                table[768 + n] = Times(op, (uint)n << 24);
            }
            return table;
        }

        private static uint Times(uint[] matrix, uint vector)
        {
            uint sum = 0;
            for (int i = 0; vector != 0; i++, vector >>= 1)
                if ((vector & 1) != 0)
                    sum ^= matrix[i];
            return sum;
        }

        private static uint[] Square(uint[] matrix)
        {
            var result = new uint[32];
            for (int n = 0; n < 32; n++)
                result[n] = Times(matrix, matrix[n]);
            return result;
        }
    }
}
