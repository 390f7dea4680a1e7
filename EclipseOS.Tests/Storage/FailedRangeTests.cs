using System;
using System.Collections.Generic;
using EclipseOS.Storage;
using Xunit;

namespace EclipseOS.Tests.Storage
{
    /// <summary>
    /// <see cref="FailedRange"/> against a transfer that fails whenever its range holds a bad block
    /// (what every device model does): the error names the first bad block, everything before it
    /// arrives, few requests are spent, a passing error leaves a complete transfer, a timeout is
    /// never run again.
    /// </summary>
    public sealed class FailedRangeTests
    {
        private sealed class Device : IBlockTransfer
        {
            public readonly HashSet<ulong> Bad = new HashSet<ulong>();
            public readonly List<(ulong, int)> Requests = new List<(ulong, int)>();
            public int FailuresLeft = int.MaxValue;
            public bool TimeOut;

            public void TransferBlocks(bool write, ulong lba, int count, byte[] buffer, int offset) => Transfer(lba, count, buffer, offset);

            public void Transfer(ulong lba, int count, byte[] buffer, int offset)
            {
                Requests.Add((lba, count));
                for (ulong b = lba; b < lba + (ulong)count; b++)
                {
                    if (Bad.Contains(b) && FailuresLeft-- > 0)
                        throw new BlockDeviceException("dev", lba, "failed", TimeOut);
                }
                for (int i = 0; i < count; i++)
                    buffer[offset + i] = (byte)(lba + (ulong)i);
            }
        }

        [Theory]
        [InlineData(8192, 5000)]
        [InlineData(8192, 0)]
        [InlineData(8192, 8191)]
        [InlineData(2, 1)]
        public void TheErrorNamesTheFirstBadBlock_AndTheBlocksBeforeItArrive(int count, int bad)
        {
            var device = new Device();
            device.Bad.Add((ulong)bad);
            device.Bad.Add((ulong)bad + 1);
            var buffer = new byte[count];
            BlockDeviceException first = Assert.Throws<BlockDeviceException>(() => device.Transfer(0, count, buffer, 0));
            BlockDeviceException error = Assert.Throws<BlockDeviceException>(() => FailedRange.Narrow(device, false, 0, count, buffer, 0, 1, first));
            Assert.Equal((ulong)bad, error.Lba);
            for (int i = 0; i < bad; i++)
                Assert.Equal((byte)i, buffer[i]);
            Assert.True(device.Requests.Count <= 2 * 14 + 1, device.Requests.Count + " requests to find one block in " + count);
        }

        [Fact]
        public void APassingErrorLeavesTheWholeTransferDone()
        {
            var device = new Device { FailuresLeft = 1 };
            device.Bad.Add(300);
            var buffer = new byte[1000];
            BlockDeviceException first = Assert.Throws<BlockDeviceException>(() => device.Transfer(0, 1000, buffer, 0));
            FailedRange.Narrow(device, false, 0, 1000, buffer, 0, 1, first);
            for (int i = 0; i < 1000; i++)
                Assert.Equal((byte)i, buffer[i]);
        }

        [Fact]
        public void ATimeoutIsNotRunAgain()
        {
            var device = new Device { TimeOut = true };
            device.Bad.Add(3);
            var buffer = new byte[16];
            BlockDeviceException first = Assert.Throws<BlockDeviceException>(() => device.Transfer(0, 16, buffer, 0));
            Assert.Same(first, Assert.Throws<BlockDeviceException>(() => FailedRange.Narrow(device, false, 0, 16, buffer, 0, 1, first)));
            Assert.Single(device.Requests);
        }
    }
}
