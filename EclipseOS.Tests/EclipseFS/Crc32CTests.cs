using System;
using System.Text;
using CsCheck;
using EclipseOS.EclipseFS.Integrity;
using EclipseOS.EclipseFS.Tools.Hashing;
using Xunit;

namespace EclipseOS.Tests.EclipseFS
{
    /// <summary>
    /// The kernel's table-driven CRC-32C against the host's: the CRC32-instruction streams and
    /// each carry-less folding width this CPU runs must give the kernel's result for every
    /// length, start and initial value (records written on the host are checked in the guest).
    /// </summary>
    public sealed class Crc32CTests
    {
        [Fact]
        public void Check_values_are_the_standard_ones()
        {
            byte[] check = Encoding.ASCII.GetBytes("123456789");
            Assert.Equal(0xE3069283u, new Crc32C().Append(0, check, 0, 9));
            Assert.Equal(0xE3069283u, HardwareCrc32C.Instance.Append(0, check, 0, 9));
            Assert.Equal(0xCBF43926u, Crc32.Append(0, check, 0, 9));
        }

        [Fact]
        public void The_software_CRC_continues_across_a_split()
        {
            Gen.Select(Gen.Byte.Array[0, 80_000], Gen.Int[0, 80_000]).Sample((data, split) =>
            {
                split = Math.Min(split, data.Length);
                var soft = new Crc32C();
                Assert.Equal(soft.Append(0, data, 0, data.Length), soft.Append(soft.Append(0, data, 0, split), data, split, data.Length - split));
            }, iter: 100, threads: 1);
        }

        [SkippableTheory]
        [InlineData(CrcFolding.None)]
        [InlineData(CrcFolding.Vector512)]
        public void Every_host_path_gives_the_kernels_CRC(CrcFolding folding)
        {
            Skip.IfNot(HardwareCrc32C.IsSupported(folding), "this CPU has no carry-less multiplication for " + folding);
            var host = new HardwareCrc32C(folding);
            var soft = new Crc32C();
            // Lengths up to 200 KB from odd starts: below the folding threshold (4 KiB), at and
            // around whole 256-byte blocks, and past the 768 B and 24 KiB three-stream paths.
            Gen.Select(Gen.Byte.Array[0, 200_000], Gen.Int[0, 64], Gen.UInt).Sample((data, skip, initial) =>
            {
                int start = Math.Min(skip, data.Length);
                Assert.Equal(soft.Append(initial, data, start, data.Length - start), host.Append(initial, data, start, data.Length - start));
            }, iter: 150, threads: 1);
            var exact = new byte[4096 + 256 * 3];
            new Random(11).NextBytes(exact);
            for (int length = 4096 - 1; length <= exact.Length; length += 1)
                Assert.Equal(soft.Append(0xFFFFFFFF, exact, 0, length), host.Append(0xFFFFFFFF, exact, 0, length));
        }
    }
}
