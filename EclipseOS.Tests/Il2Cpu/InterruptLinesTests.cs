using System.Linq;
using System.Collections.Generic;
using EclipseOS.Hal;
using EclipseOS.Hal.Interrupts;
using EclipseOS.Platform.Fake;
using Xunit;

namespace EclipseOS.Tests.Il2Cpu
{
    /// <summary>
    /// The kernel's interrupt dispatch (the logic CosmosInterrupts runs on the PICs), against the
    /// two Cosmos behaviours the guest showed: lines 8-15 left unmasked (an unacknowledged PCI
    /// interrupt storms the CPU) and interrupts re-enabled inside handlers (a still-asserted line
    /// re-enters its handler).
    /// </summary>
    public sealed class InterruptLinesTests
    {
        private sealed class RecordingController : IInterruptController
        {
            public readonly bool[] Masked = new bool[16];
            public readonly List<string> Events = new List<string>();

            public int LineCount => 16;

            public void Mask(int line)
            {
                Masked[line] = true;
                Events.Add("mask " + line);
            }

            public void Unmask(int line)
            {
                Masked[line] = false;
                Events.Add("unmask " + line);
            }

            public string Describe() => "masked: " + string.Join(",", Enumerable.Range(0, 16).Where(l => Masked[l]));
        }

        private const int Owned = (1 << 0) | (1 << 1) | (1 << 2) | (1 << 12);

        [Fact]
        public void EveryLineNotOwnedElsewhereStartsMasked()
        {
            var pic = new RecordingController();
            var lines = new InterruptLines(pic, new FakeClock(), Owned);
            for (int line = 0; line < 16; line++)
                Assert.Equal(!lines.IsOwnedElsewhere(line), pic.Masked[line]);
            Assert.False(pic.Masked[0]);
            Assert.True(pic.Masked[11]);
        }

        [Fact]
        public void ALineIsDescribedByItsDispatchesAndTheControllersState()
        {
            var pic = new RecordingController();
            var lines = new InterruptLines(pic, new FakeClock(), Owned);
            lines.Attach(14, _ => { });
            lines.Dispatch(14);
            lines.Dispatch(14);
            // A driver's "no interrupt" message carries this: how often the line came, and the PICs.
            Assert.Equal("IRQ 14 dispatched 2 times; masked: 3,4,5,6,7,8,9,10,11,13,15", lines.Describe(14));
        }

        [Fact]
        public void AttachUnmasks_DetachingTheLastHandlerMasksAgain()
        {
            var pic = new RecordingController();
            var lines = new InterruptLines(pic, new FakeClock(), Owned);
            InterruptHandler a = _ => { };
            InterruptHandler b = _ => { };
            lines.Attach(11, a);
            lines.Attach(11, b);
            Assert.False(pic.Masked[11]);
            lines.Detach(11, a);
            Assert.False(pic.Masked[11]);
            lines.Detach(11, b);
            Assert.True(pic.Masked[11]);
        }

        [Fact]
        public void ARaiseNobodyCanAcknowledgeMasksTheLineButIsStillSeenByWait()
        {
            var pic = new RecordingController();
            var lines = new InterruptLines(pic, new FakeClock(), Owned);
            pic.Unmask(10);
            lines.Dispatch(10);
            Assert.True(pic.Masked[10]);
            Assert.True(lines.Wait(10, 1000));
            Assert.Equal(1UL, lines.Count(10));
        }

        [Fact]
        public void SharedHandlersAllRun()
        {
            var lines = new InterruptLines(new RecordingController(), new FakeClock(), Owned);
            var ran = new List<string>();
            lines.Attach(11, _ => ran.Add("virtio"));
            lines.Attach(11, _ => ran.Add("nic"));
            lines.Dispatch(11);
            Assert.Equal(new[] { "virtio", "nic" }, ran);
        }

        [Fact]
        public void ARaiseWhileTheHandlersRunIsHeldMaskedAndRunOnceMoreAfterwardsNeverNested()
        {
            var pic = new RecordingController();
            var lines = new InterruptLines(pic, new FakeClock(), Owned);
            int depth = 0;
            int maxDepth = 0;
            int runs = 0;
            lines.Attach(14, line =>
            {
                depth++;
                maxDepth = System.Math.Max(maxDepth, depth);
                runs++;
                // The device is still asserting when Cosmos turns interrupts back on: the line fires again.
                if (runs == 1)
                    lines.Dispatch(line);
                depth--;
            });
            lines.Dispatch(14);
            Assert.Equal(1, maxDepth);
            Assert.Equal(2, runs);
            Assert.False(pic.Masked[14]);
            Assert.Contains("mask 14", pic.Events);
            Assert.Equal(2UL, lines.Count(14));
        }

        [Fact]
        public void AStormThatNeverStopsLeavesTheLineMasked()
        {
            var pic = new RecordingController();
            var lines = new InterruptLines(pic, new FakeClock(), Owned);
            int runs = 0;
            lines.Attach(11, line =>
            {
                runs++;
                lines.Dispatch(line); // the device never lets go of the line
            });
            lines.Dispatch(11);
            Assert.Equal(InterruptLines.MaxRepeats + 1, runs);
            Assert.True(pic.Masked[11]);
        }

        [Fact]
        public void LinesOwnedElsewhereAreRefused()
        {
            var lines = new InterruptLines(new RecordingController(), new FakeClock(), Owned);
            Assert.Throws<System.ArgumentOutOfRangeException>(() => lines.Attach(0, _ => { }));
            Assert.Throws<System.ArgumentOutOfRangeException>(() => lines.Attach(16, _ => { }));
        }
    }
}
