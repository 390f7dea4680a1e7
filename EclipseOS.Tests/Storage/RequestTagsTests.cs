using System;
using System.Collections.Generic;
using EclipseOS.Storage.Requests;
using Xunit;

namespace EclipseOS.Tests.Storage
{
    /// <summary>The tag allocator virtio and NVMe share: every tag once, round robin, unknown releases refused.</summary>
    public sealed class RequestTagsTests
    {
        [Fact]
        public void EveryTagOnceUntilFull_ThenRoundRobinAfterARelease()
        {
            var tags = new RequestTags(4);
            var seen = new HashSet<int>();
            for (int i = 0; i < 4; i++)
                Assert.True(seen.Add(tags.Take()));
            Assert.False(tags.HasFree);
            Assert.Throws<InvalidOperationException>(() => tags.Take());
            Assert.True(tags.Release(1));
            Assert.Equal(1, tags.Take());
            Assert.True(tags.Release(3));
            Assert.True(tags.Release(0));
            // Round robin: after 1 the next free one is 3, not the lowest (0).
            Assert.Equal(3, tags.Take());
            Assert.Equal(4 - 1, tags.InFlight);
        }

        [Fact]
        public void UnknownOrRepeatedReleasesAreRefused_ReleaseAllFreesEverything()
        {
            var tags = new RequestTags(2);
            int tag = tags.Take();
            Assert.True(tags.Release(tag));
            Assert.False(tags.Release(tag));
            Assert.False(tags.Release(-1));
            Assert.False(tags.Release(2));
            tags.Take();
            tags.Take();
            tags.ReleaseAll();
            Assert.Equal(0, tags.InFlight);
            Assert.True(tags.HasFree);
        }
    }
}
