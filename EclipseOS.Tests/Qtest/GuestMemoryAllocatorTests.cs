using System;
using EclipseOS.Platform.Qtest.Dma;
using Xunit;

namespace EclipseOS.Tests.Qtest
{
    public sealed class GuestMemoryAllocatorTests
    {
        [Fact]
        public void First_fit_with_alignment_and_merging_on_free()
        {
            var allocator = new GuestMemoryAllocator(0x100000, 0x10000);
            ulong a = allocator.Allocate(100, 16);
            ulong b = allocator.Allocate(0x1000, 0x1000);
            ulong c = allocator.Allocate(8, 8);
            Assert.Equal(0x100000ul, a);
            Assert.Equal(0x101000ul, b);
            Assert.Equal(0x100068ul, c); // first fit: the gap before b
            allocator.Free(b);
            allocator.Free(a);
            allocator.Free(c);
            Assert.Equal(0x10000ul, allocator.FreeBytes);
            Assert.Equal(0x100000ul, allocator.Allocate(0x10000, 0x1000)); // merged back into one range
        }

        [Fact]
        public void Exhaustion_names_the_request_and_what_is_left()
        {
            var allocator = new GuestMemoryAllocator(0x100000, 0x2000);
            allocator.Allocate(0x1800, 16);
            var e = Assert.Throws<InvalidOperationException>(() => allocator.Allocate(0x1000, 16));
            Assert.Contains("4096 bytes", e.Message);
            Assert.Contains("exhausted", e.Message);
        }

        [Fact]
        public void Bad_requests_are_refused()
        {
            var allocator = new GuestMemoryAllocator(0x100000, 0x2000);
            Assert.Throws<ArgumentOutOfRangeException>(() => allocator.Allocate(16, 3));
            Assert.Throws<ArgumentOutOfRangeException>(() => allocator.Allocate(0, 16));
            Assert.Throws<InvalidOperationException>(() => allocator.Free(0x100000));
        }
    }
}
