using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using EclipseOS.Hal;
using EclipseOS.Platform.Fake;
using Xunit;

namespace EclipseOS.Tests.Fake
{
    public class FakeInterruptTests
    {
        [Fact]
        public void HandlersRunAtTheDriversNextPlatformAccessNotInsideTheDevice()
        {
            var platform = new FakePlatform();
            var order = new List<string>();
            platform.Interrupts.Attach(14, line => order.Add("handler " + line));
            platform.MapPorts(0x1F0, 8, null, (o, s, v) =>
            {
                platform.RaiseIrq(14);
                order.Add("device done");
            }, "ata0");
            platform.Ports.Write8(0x1F7, 0x20);
            order.Add("driver continues");
            platform.Ports.Read8(0x1F7);
            Assert.Equal(new[] { "device done", "driver continues", "handler 14" }, order);
            Assert.Equal(1, platform.Interrupts.Deliveries(14));
        }

        [Fact]
        public void DeliverImmediatelyRunsHandlersInsideRaise()
        {
            var platform = new FakePlatform();
            platform.Interrupts.DeliverImmediately = true;
            int calls = 0;
            platform.Interrupts.Attach(5, line => calls++);
            platform.RaiseIrq(5);
            Assert.Equal(1, calls);
        }

        [Fact]
        public void WaitTimesOutInstantlyOnTheFakeClock()
        {
            var platform = new FakePlatform();
            var wall = Stopwatch.StartNew();
            long before = platform.FakeClock!.Now;
            Assert.False(platform.Interrupts.Wait(11, 5_000_000));
            Assert.True(platform.FakeClock.Now - before >= 5_000_000);
            Assert.True(wall.ElapsedMilliseconds < 1000);
            Assert.Equal(1, platform.Interrupts.Timeouts);
        }

        [Fact]
        public void WaitReturnsWhenAScheduledDeviceActionRaisesTheLine()
        {
            var platform = new FakePlatform();
            FakeClock clock = platform.FakeClock!;
            long start = clock.Now;
            clock.Schedule(300, () => platform.RaiseIrq(11));
            Assert.True(platform.Interrupts.Wait(11, 1_000_000));
            Assert.Equal(start + 300, clock.Now);
        }

        [Fact]
        public void ALatchedPulseIsSeenOnceAndALevelStaysSeen()
        {
            var platform = new FakePlatform();
            platform.RaiseIrq(14);
            platform.LowerIrq(14);
            Assert.True(platform.Interrupts.Wait(14, 0));
            Assert.False(platform.Interrupts.Wait(14, 10));
            platform.RaiseIrq(10);
            Assert.True(platform.Interrupts.Wait(10, 0));
            Assert.True(platform.Interrupts.Wait(10, 0)); // still asserted: the device was not acknowledged
        }

        [Fact]
        public void SharedLineDropsOnlyWhenEverySourceReleasesIt()
        {
            var platform = new FakePlatform();
            object a = new object(), b = new object();
            platform.RaiseIrq(11, a);
            platform.RaiseIrq(11, b);
            platform.LowerIrq(11, a);
            Assert.True(platform.Interrupts.IsAsserted(11));
            platform.LowerIrq(11, b);
            Assert.False(platform.Interrupts.IsAsserted(11));
            Assert.Equal(1, platform.Counters.IrqRaises);
        }

        [Fact]
        public void ClockReadsAdvanceSoPollingLoopsEnd()
        {
            var clock = new FakeClock();
            Deadline deadline = Deadline.After(clock, 50);
            int polls = 0;
            while (!deadline.Expired) polls++;
            Assert.InRange(polls, 1, 60);
            var fired = new List<long>();
            clock.Schedule(100, () => fired.Add(clock.Now));
            clock.Schedule(40, () => fired.Add(clock.Now));
            long id = clock.Schedule(70, () => fired.Add(-1));
            Assert.True(clock.Cancel(id));
            clock.Delay(200);
            Assert.Equal(2, fired.Count);
            Assert.True(fired[0] < fired[1]);
        }

        [Fact]
        public async Task WaitOnTheRealClockWakesForARaiseFromAnotherThread()
        {
            var platform = new FakePlatform(new SystemClock());
            Task raiser = Task.Run(async () =>
            {
                await Task.Delay(20);
                platform.RaiseIrq(11);
            });
            Assert.True(platform.Interrupts.Wait(11, 5_000_000));
            await raiser;
            var wall = Stopwatch.StartNew();
            Assert.False(platform.Interrupts.Wait(12, 30_000));
            Assert.True(wall.ElapsedMilliseconds >= 25);
        }
    }
}
