using System.Globalization;
using CsCheck;
using EclipseOS.Hal;
using EclipseOS.Hal.Text;
using Xunit;

namespace EclipseOS.Tests.Il2Cpu
{
    /// <summary>The helpers kernel-side code uses instead of what IL2CPU compiles wrongly agree with .NET on every input.</summary>
    public sealed class WaysAroundTests
    {
        [Fact]
        public void SignedInt64OrdersLikeDotNet()
        {
            Gen.Select(Gen.Long, Gen.Long).Sample((a, b) =>
                SignedInt64.Less(a, b) == (a < b) && SignedInt64.LessOrEqual(a, b) == (a <= b)
                && SignedInt64.Min(a, b) == System.Math.Min(a, b) && SignedInt64.IsNegative(a) == (a < 0));
            // The values IL2CPU got wrong: equal high halves, low halves on both sides of bit 31.
            Assert.True(SignedInt64.Less(0x7FFFFFFFL, 0x80000000L));
            Assert.True(SignedInt64.Less(-1, 0));
            Assert.False(SignedInt64.Less(5, -1));
        }

        [Fact]
        public void SignedInt64FormatsLikeDotNet()
        {
            Gen.Long.Sample(value => SignedInt64.Format(value) == value.ToString(CultureInfo.InvariantCulture));
            Assert.Equal("280375465082880", SignedInt64.Format(280375465082880L));
            Assert.Equal("-9223372036854775808", SignedInt64.Format(long.MinValue));
        }

        [Fact]
        public void HexFormatsLikeDotNetFormatStrings()
        {
            Gen.Select(Gen.ULong, Gen.Int[1, 16]).Sample((value, digits) =>
                Hex.Lower(value, digits) == value.ToString("x" + digits, CultureInfo.InvariantCulture)
                && Hex.Upper(value, digits) == value.ToString("X" + digits, CultureInfo.InvariantCulture));
            Assert.Equal("0", Hex.Lower(0));
            Assert.Equal("ff", Hex.Lower(255));
            Assert.Equal("00FF", Hex.Upper(255, 4));
        }

        [Fact]
        public void DurationIsWholeMilliseconds()
        {
            Assert.Equal("5000 ms", Duration.Milliseconds(5_000_000));
            Assert.Equal("0 ms", Duration.Milliseconds(999));
            Assert.Equal("0 ms", Duration.Milliseconds(-7));
        }
    }
}
