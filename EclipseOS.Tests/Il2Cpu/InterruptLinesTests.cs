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

            /// <summary>The in-service register: bit n = line n acknowledged and not yet ended.</summary>
            public int InServiceBits;

            /// <summary>What the PIC does once a line's end of interrupt comes (deliver a held-back line…).</summary>
            public System.Action<int>? Ended;

            public int LineCount => 16;

            public int InService()
            {
                Events.Add("read in-service");
                return InServiceBits;
            }

            public void EndOfInterrupt(int line)
            {
                InServiceBits &= ~(1 << line);
                Events.Add("eoi " + line);
                Ended?.Invoke(line);
            }

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

        private sealed class RecordingLog : ILog
        {
            public readonly List<string> Lines = new List<string>();

            public void WriteLine(string line) => Lines.Add(line);
        }

        private const int Owned = (1 << 0) | (1 << 1) | (1 << 2) | (1 << 12);

        [Fact]
        public void ALineLeftInServiceWithNoHandlerRunningIsEndedByItselfAndReported()
        {
            // What a CI guest showed: the timer in service while the kernel idled in hlt, so the
            // master PIC delivered nothing again (docs/kernel.md). The cascade (2) and IDE (14) too.
            var pic = new RecordingController();
            var log = new RecordingLog();
            var lines = new InterruptLines(pic, new FakeClock(), Owned, log);
            pic.InServiceBits = (1 << 0) | (1 << 2) | (1 << 14);

            Assert.Equal((1 << 0) | (1 << 2) | (1 << 14), lines.EndStranded());

            Assert.Equal(0, pic.InServiceBits);
            Assert.Equal(new[] { "eoi 0", "eoi 2", "eoi 14" }, pic.Events.Where(e => e.StartsWith("eoi")));
            string report = Assert.Single(log.Lines);
            Assert.StartsWith("[IRQ] IRQ 0, 2, 14 stayed in service with no handler running", report);
            Assert.Contains("masked: ", report); // the controller's registers as they were
            Assert.Equal(0, lines.EndStranded()); // nothing left: nothing ended, nothing said
            Assert.Single(log.Lines);
            Assert.Equal(1, lines.StrandedEnded);
            Assert.Contains("stranded lines ended 1 times", lines.Describe(14));
        }

        [Fact]
        public void ATimerTickTakenBeforeTheKernelsEntriesExistedIsEndedWhenTheLinesAreTakenOver()
        {
            // A CI trace of the guest: Cosmos's Bootstrap writes the master's mask (0xf8) and the
            // CPU takes IRQ 0 at once, before UpdateIDT, through the boot IDT: no EOI ever followed.
            var pic = new RecordingController { InServiceBits = 1 << 0 };
            var log = new RecordingLog();
            var lines = new InterruptLines(pic, new FakeClock(), Owned, log);
            Assert.Equal(0, pic.InServiceBits);
            Assert.Contains("eoi 0", pic.Events);
            Assert.StartsWith("[IRQ] IRQ 0 stayed in service", Assert.Single(log.Lines));
            Assert.Equal(1, lines.StrandedEnded);
        }

        [Fact]
        public void NothingIsEndedWhileAHandlerRuns_ItsOwnLineIsInServiceByRight()
        {
            var pic = new RecordingController();
            var lines = new InterruptLines(pic, new FakeClock(), Owned, new RecordingLog());
            int endedInside = -1;
            lines.Attach(11, line =>
            {
                pic.InServiceBits = (1 << 2) | (1 << 11);
                endedInside = lines.EndStranded();
            });
            lines.Dispatch(11);
            Assert.Equal(0, endedInside);
            Assert.DoesNotContain(pic.Events, e => e.StartsWith("eoi"));
        }

        [Fact]
        public void AWaitHeldBackByAStrandedLineEndsItAndGetsItsInterruptLongBeforeItsTimeout()
        {
            // IRQ 14 is requested but the 8259 holds it back behind a stranded timer line; ending
            // that line lets it through (the fake PIC delivers it at the EOI).
            var clock = new FakeClock();
            var pic = new RecordingController();
            var log = new RecordingLog();
            var lines = new InterruptLines(pic, clock, Owned, log);
            pic.InServiceBits = 1 << 0;
            lines.Attach(14, _ => { });
            pic.Ended = line =>
            {
                if (line == 0)
                    lines.Dispatch(14);
            };
            long start = clock.Microseconds;

            Assert.True(lines.Wait(14, 10000000));

            long waited = clock.Microseconds - start;
            Assert.InRange(waited, InterruptLines.StrandedCheckMicroseconds / 2, 2 * InterruptLines.StrandedCheckMicroseconds);
            Assert.StartsWith("[IRQ] IRQ 0 stayed in service", Assert.Single(log.Lines));
        }

        [Fact]
        public void StrandedLinesAreReportedAFewTimesThenOnlyCounted()
        {
            var pic = new RecordingController();
            var log = new RecordingLog();
            var lines = new InterruptLines(pic, new FakeClock(), Owned, log);
            for (int i = 0; i < InterruptLines.MaxStrandedReports + 3; i++)
            {
                pic.InServiceBits = 1 << 4;
                Assert.Equal(1 << 4, lines.EndStranded());
            }
            Assert.Equal(InterruptLines.MaxStrandedReports, log.Lines.Count);
            Assert.Equal(InterruptLines.MaxStrandedReports + 3, lines.StrandedEnded);
        }

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
