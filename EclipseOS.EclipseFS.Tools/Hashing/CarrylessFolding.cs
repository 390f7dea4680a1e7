using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EclipseOS.EclipseFS.Tools.Hashing
{
    /// <summary>How <see cref="HardwareCrc32C"/> reduces long inputs before the CRC32 instruction takes over.</summary>
    public enum CrcFolding
    {
        /// <summary>No folding: three interleaved CRC32-instruction streams only.</summary>
        None,
        /// <summary>Carry-less multiplication on 512-bit vectors (VPCLMULQDQ with AVX-512).</summary>
        Vector512,
    }

    /// <summary>
    /// The long-input part of CRC-32C on the host. The CRC of a message depends only on the
    /// message as a polynomial modulo P, so a 128-bit piece A followed by D bits can be replaced
    /// by a 128-bit piece congruent to A·x^D, XORed onto the piece D bits later: "folding" (Gopal
    /// et al., "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ Instruction", Intel,
    /// 2009). Each fold is two carry-less multiplications and needs no carries between lanes, so
    /// four independent accumulators run at memory speed; the CRC32 instruction, whose three
    /// interleaved streams this replaces on long inputs, reached about half that here (22 against
    /// 44–48 GB/s). What is left (one block of accumulators, congruent to everything folded) goes
    /// through the instruction. Only the 512-bit form is kept: the same loop on 128-bit vectors
    /// ran at 6–10 GB/s on this machine, slower than the CRC32 instruction it would replace.
    /// </summary>
    internal static class CarrylessFolding
    {
        /// <summary>Bytes below which folding costs more than it saves (the folded block still goes through CRC32).</summary>
        public const int MinimumBytes = 4096;

        // Four 512-bit accumulators, each four 128-bit pieces: 256 bytes per step.
        private const int Accumulators = 4;
        private const int BlockBytes = Accumulators * 64;

        // CRC-32C's polynomial in normal bit order, x^32 implied (the kernel's Crc32C holds it reflected).
        private const ulong Polynomial = 0x1EDC6F41;

        private static readonly Vector512<ulong> Multipliers = EveryLane(Constants(BlockBytes * 8));

        /// <summary>The widest folding this CPU runs.</summary>
        public static CrcFolding Best =>
            Pclmulqdq.V512.IsSupported ? CrcFolding.Vector512 : CrcFolding.None;

        /// <summary>Whether this CPU runs <paramref name="folding"/>.</summary>
        public static bool IsSupported(CrcFolding folding) => folding switch
        {
            CrcFolding.Vector512 => Pclmulqdq.V512.IsSupported,
            _ => true,
        };

        /// <summary>
        /// Takes the longest whole number of 256-byte blocks off the front of <paramref name="data"/>
        /// and returns the CRC register (uninverted) after them, starting from <paramref name="register"/>;
        /// <paramref name="data"/> is left with the rest. Returns <paramref name="register"/>
        /// untouched when <paramref name="folding"/> is none or the input too short to gain.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static uint Fold(uint register, ref ReadOnlySpan<byte> data, CrcFolding folding)
        {
            if (folding != CrcFolding.Vector512 || data.Length < MinimumBytes)
                return register;
            int blocks = data.Length / BlockBytes;
            ReadOnlySpan<Vector512<ulong>> v = MemoryMarshal.Cast<byte, Vector512<ulong>>(data.Slice(0, blocks * BlockBytes));
            // A CRC register r before a message is the message with r XORed into its first 32 bits, from r = 0.
            Vector512<ulong> a0 = v[0] ^ Vector512.CreateScalar((ulong)register), a1 = v[1], a2 = v[2], a3 = v[3];
            Vector512<ulong> k = Multipliers;
            for (int i = Accumulators; i < v.Length; i += Accumulators)
            {
                a0 = Pclmulqdq.V512.CarrylessMultiply(a0, k, 0x00) ^ Pclmulqdq.V512.CarrylessMultiply(a0, k, 0x11) ^ v[i];
                a1 = Pclmulqdq.V512.CarrylessMultiply(a1, k, 0x00) ^ Pclmulqdq.V512.CarrylessMultiply(a1, k, 0x11) ^ v[i + 1];
                a2 = Pclmulqdq.V512.CarrylessMultiply(a2, k, 0x00) ^ Pclmulqdq.V512.CarrylessMultiply(a2, k, 0x11) ^ v[i + 2];
                a3 = Pclmulqdq.V512.CarrylessMultiply(a3, k, 0x00) ^ Pclmulqdq.V512.CarrylessMultiply(a3, k, 0x11) ^ v[i + 3];
            }
            Span<Vector512<ulong>> folded = stackalloc Vector512<ulong>[Accumulators];
            folded[0] = a0;
            folded[1] = a1;
            folded[2] = a2;
            folded[3] = a3;
            data = data.Slice(blocks * BlockBytes);
            return Instruction(0, MemoryMarshal.Cast<Vector512<ulong>, ulong>(folded));
        }

        private static uint Instruction(uint register, ReadOnlySpan<ulong> words)
        {
            foreach (ulong w in words)
                register = System.Numerics.BitOperations.Crc32C(register, w);
            return register;
        }

        /// <summary>
        /// The multipliers that move a 128-bit piece <paramref name="distanceBits"/> further on.
        /// Input lanes are bit-reflected (a byte's bit 0 is its highest power), and a carry-less
        /// product of a reflected 64-bit lane with a constant reflected over 33 bits lands 32
        /// places lower than the reflected 128-bit frame wants; so the first lane (the higher
        /// powers, x^(D+64)) multiplies by x^(D+32) mod P and the second (x^D) by x^(D−32) mod P,
        /// each congruent to what is wanted once the missing x^32 is counted.
        /// </summary>
        private static Vector128<ulong> Constants(int distanceBits) =>
            Vector128.Create(Reflect33(XPowerModP(distanceBits + 32)), Reflect33(XPowerModP(distanceBits - 32)));

        private static Vector512<ulong> EveryLane(Vector128<ulong> lane)
        {
            Vector256<ulong> half = Vector256.Create(lane, lane);
            return Vector512.Create(half, half);
        }

        private static ulong XPowerModP(int power)
        {
            ulong r = 1;
            for (int i = 0; i < power; i++)
            {
                r <<= 1;
                if ((r & (1UL << 32)) != 0)
                    r ^= (1UL << 32) | Polynomial;
            }
            return r;
        }

        private static ulong Reflect33(ulong value)
        {
            ulong reflected = 0;
            for (int bit = 0; bit < 33; bit++)
            {
                if ((value & (1UL << bit)) != 0)
                    reflected |= 1UL << (32 - bit);
            }
            return reflected;
        }
    }
}
