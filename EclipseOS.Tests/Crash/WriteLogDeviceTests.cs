using System;
using System.Collections.Generic;
using System.Linq;
using EclipseOS.Storage;
using Xunit;

namespace EclipseOS.Tests.Crash
{
    public class WriteLogDeviceTests
    {
        private const int BlockSize = 512;

        private static byte[] Filled(int blocks, byte value)
        {
            var data = new byte[blocks * BlockSize];
            data.AsSpan().Fill(value);
            return data;
        }

        [Fact]
        public void ReadsSeeWritesAndTheLogKeepsWritesFlushesAndMarksInOrder()
        {
            byte[] initial = Filled(8, 0xEE);
            var device = new WriteLogDevice(initial, BlockSize);
            initial[0] = 0; // the device copied the image
            Assert.Equal(8UL, device.BlockCount);

            var two = new byte[3 * BlockSize];
            two.AsSpan(BlockSize, 2 * BlockSize).Fill(0x22);
            device.Write(2, 2, two, BlockSize);
            Assert.Equal(0, device.Mark("first"));
            device.Flush();
            device.Write(7, 1, Filled(1, 0x77), 0);
            Assert.Equal(1, device.Mark("second"));

            var back = new byte[8 * BlockSize];
            device.Read(0, 8, back, 0);
            Assert.Equal(0xEE, back[0]);
            Assert.Equal(0x22, back[2 * BlockSize]);
            Assert.Equal(0x22, back[4 * BlockSize - 1]);
            Assert.Equal(0xEE, back[4 * BlockSize]);
            Assert.Equal(0x77, back[7 * BlockSize]);
            Assert.Equal(back, device.Snapshot());
            Assert.Equal(0xEE, device.InitialImage.Span[0]);
            Assert.Equal(Filled(8, 0xEE), device.InitialImage.ToArray());

            WriteLog log = device.WriteLog;
            Assert.Equal(new[] { "#0 write lba 2 x2", "#1 mark 0 \"first\"", "#2 flush", "#3 write lba 7 x1", "#4 mark 1 \"second\"" },
                log.Select(e => e.ToString()).ToArray());
            Assert.Equal((2, 1, 2), (log.WriteCount, log.FlushCount, log.MarkCount));
            Assert.Equal(Filled(2, 0x22), log[0].Data.ToArray());
            Assert.Equal(2UL, log[0].Lba);
            Assert.Equal(2, log[0].BlockCount);
        }

        [Fact]
        public void LoggedDataIsACopyOfTheCallersBuffer()
        {
            var device = new WriteLogDevice(new byte[4 * BlockSize], BlockSize);
            byte[] buffer = Filled(1, 0x11);
            device.Write(1, 1, buffer, 0);
            buffer.AsSpan().Fill(0x99);
            Assert.Equal(Filled(1, 0x11), device.WriteLog[0].Data.ToArray());
            byte[] snapshot = device.Snapshot();
            snapshot[BlockSize] = 0x55;
            Assert.Equal(0x11, device.Snapshot()[BlockSize]);
        }

        [Fact]
        public void OutOfBoundsRequestsThrowAndRefusedWritesAreNotLogged()
        {
            var device = new WriteLogDevice(new byte[4 * BlockSize], BlockSize) { Name = "log0" };
            var e = Assert.Throws<BlockDeviceException>(() => device.Write(3, 2, new byte[2 * BlockSize], 0));
            Assert.Equal(3UL, e.Lba);
            Assert.Equal("log0", e.Device);
            Assert.Throws<BlockDeviceException>(() => device.Write(0, 2, new byte[BlockSize], 0));
            Assert.Throws<BlockDeviceException>(() => device.Write(0, -1, new byte[BlockSize], 0));
            Assert.Throws<BlockDeviceException>(() => device.Read(4, 1, new byte[BlockSize], 0));
            Assert.Throws<BlockDeviceException>(() => device.Read(0, 1, new byte[BlockSize], 1));
            Assert.Empty(device.WriteLog);
            Assert.Throws<ArgumentException>(() => new WriteLogDevice(new byte[BlockSize + 1], BlockSize));
        }

        [Fact]
        public void DurableAndAcknowledgedMarksFollowTheFlushes()
        {
            var device = new WriteLogDevice(new byte[4 * BlockSize], BlockSize);
            device.Write(0, 1, Filled(1, 1), 0);   // #0
            device.Mark("a");                      // #1
            device.Flush();                        // #2
            device.Write(1, 1, Filled(1, 2), 0);   // #3
            device.Mark("b");                      // #4
            WriteLog log = device.WriteLog;

            Assert.Equal(0, log.DurableEntries(2));
            Assert.Equal(3, log.DurableEntries(3));
            Assert.Equal(3, log.DurableEntries(5));
            Assert.Empty(log.DurableMarks(2));
            Assert.Equal(new[] { "a" }, Labels(log.AcknowledgedMarks(2)));
            Assert.Equal(new[] { "a" }, Labels(log.DurableMarks(5)));
            Assert.Equal(new[] { "a", "b" }, Labels(log.AcknowledgedMarks(5)));
            Assert.Throws<ArgumentOutOfRangeException>(() => log.DurableEntries(6));
        }

        private static string[] Labels(IReadOnlyList<WriteLogEntry> marks) => marks.Select(m => m.Label).ToArray();
    }
}
