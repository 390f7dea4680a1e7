using System;
using System.Collections.Generic;

namespace EclipseOS.Hal.Interrupts
{
    /// <summary>
    /// The kernel's interrupt lines on a controller with per-line masks (the PC's PICs): shared
    /// handlers per line, every line masked until a handler wants it, and dispatch that runs each
    /// line's handlers once per raise and never re-entrantly. The platform's interrupt entry
    /// calls <see cref="Dispatch"/>; drivers see <see cref="IInterrupts"/>.
    /// Why each rule exists (docs/kernel.md, "What IL2CPU/Cosmos does differently"): Cosmos
    /// leaves lines 8-15 unmasked, so a PCI device raising INTx with nobody to acknowledge it
    /// re-interrupts the CPU for ever; and Cosmos re-enables interrupts inside a handler (every
    /// delegate call and heap allocation ends with <c>sti</c>), so a level-triggered line still
    /// asserted re-enters its handler unless the dispatcher holds it masked meanwhile. And a line
    /// can be left in service with its end of interrupt lost, which on a PC silences every line
    /// of lower priority for good (<see cref="EndStranded"/>).
    /// </summary>
    public sealed class InterruptLines : IInterrupts
    {
        /// <summary>Most times one dispatch repeats its handlers for raises that came in while they ran.</summary>
        public const int MaxRepeats = 64;

        /// <summary>How often, at most, a <see cref="Wait"/> still waiting looks for lines left in service (<see cref="EndStranded"/>).</summary>
        public const long StrandedCheckMicroseconds = 100000;

        /// <summary>Stranded lines reported to the log; later ones are only counted (<see cref="Describe"/>).</summary>
        public const int MaxStrandedReports = 8;

        private readonly IInterruptController _controller;
        private readonly IClock _clock;
        private readonly int _ownedElsewhere;
        private readonly List<InterruptHandler>?[] _handlers;
        private readonly bool[] _latched;
        private readonly bool[] _inDispatch;
        private readonly bool[] _raisedAgain;
        private readonly ulong[] _counts;
        private readonly ILog? _log;
        private int _strandedEnded;
        private Deadline _nextStrandedCheck;

        /// <summary>
        /// Takes the lines of <paramref name="controller"/> except those in the bit mask
        /// <paramref name="ownedElsewhere"/> (timer, keyboard, cascade… served by someone else)
        /// and masks them all; <paramref name="clock"/> bounds <see cref="Wait"/>, and
        /// <paramref name="log"/>, when given, hears of stranded lines (<see cref="EndStranded"/>),
        /// the first time of which is here: lines left in service before the kernel took over.
        /// </summary>
        public InterruptLines(IInterruptController controller, IClock clock, int ownedElsewhere, ILog? log = null)
        {
            _controller = controller;
            _clock = clock;
            _ownedElsewhere = ownedElsewhere;
            _log = log;
            _nextStrandedCheck = Deadline.After(clock, StrandedCheckMicroseconds);
            int count = controller.LineCount;
            _handlers = new List<InterruptHandler>?[count];
            _latched = new bool[count];
            _inDispatch = new bool[count];
            _raisedAgain = new bool[count];
            _counts = new ulong[count];
            for (int line = 0; line < count; line++)
            {
                if (!IsOwnedElsewhere(line))
                    controller.Mask(line);
            }
            // Whatever is in service now was acknowledged before any handler of the kernel could
            // run. Under Cosmos it is the timer: Bootstrap unmasks line 0 before CPU.UpdateIDT
            // installs Cosmos's IRQ entries, with interrupts already on (every heap allocation
            // ends with sti), and a tick taken in between gets no EOI (docs/kernel.md).
            EndStranded();
        }

        /// <summary>Whether <paramref name="line"/> is served by someone else (never masked or dispatched here).</summary>
        public bool IsOwnedElsewhere(int line) => (_ownedElsewhere & (1 << line)) != 0;

        /// <summary>Raises of <paramref name="line"/> dispatched so far.</summary>
        public ulong Count(int line)
        {
            CheckLine(line);
            return _counts[line];
        }

        /// <inheritdoc />
        public void Attach(int line, InterruptHandler handler)
        {
            CheckLine(line);
            List<InterruptHandler>? handlers = _handlers[line];
            if (handlers == null)
            {
                handlers = new List<InterruptHandler>();
                _handlers[line] = handlers;
            }
            handlers.Add(handler);
            _controller.Unmask(line);
        }

        /// <inheritdoc />
        /// <remarks>The last handler gone, the line is masked again: nobody would acknowledge its device.</remarks>
        public void Detach(int line, InterruptHandler handler)
        {
            CheckLine(line);
            List<InterruptHandler>? handlers = _handlers[line];
            if (handlers == null)
                return;
            handlers.Remove(handler);
            if (handlers.Count == 0)
                _controller.Mask(line);
        }

        /// <inheritdoc />
        /// <remarks>
        /// A raise since the last <see cref="Wait"/> on the line counts as "already asserted";
        /// drivers check their device's status after waking, as they must on a shared line anyway.
        /// A wait that goes on looks for stranded lines every <see cref="StrandedCheckMicroseconds"/>
        /// (counted across waits, so drivers that wait in short slices are covered too): one of
        /// higher priority would hold this line back until the wait times out.
        /// </remarks>
        public bool Wait(int line, long timeoutMicroseconds)
        {
            CheckLine(line);
            _controller.Unmask(line);
            Deadline deadline = Deadline.After(_clock, timeoutMicroseconds);
            while (true)
            {
                if (_latched[line])
                {
                    _latched[line] = false;
                    return true;
                }
                if (deadline.Expired)
                    return false;
                if (_nextStrandedCheck.Expired)
                {
                    _nextStrandedCheck = Deadline.After(_clock, StrandedCheckMicroseconds);
                    EndStranded();
                }
            }
        }

        /// <summary>
        /// Ends the in-service state of every line the controller still holds in service while
        /// none of this object's handlers runs, and returns those lines (bit n = line n; 0 for
        /// none). Call it only from the kernel's own flow, never from a handler of a line owned
        /// elsewhere: there, with no handler on the stack, a line in service is one whose end of
        /// interrupt was lost. An 8259 delivers no line of the same or lower priority while one is
        /// in service, so a stranded line 0 (the timer) stops every interrupt and a halted CPU
        /// never wakes; a stranded line 14 waits out every IDE timeout. Each stranded set is
        /// reported to the log (the first <see cref="MaxStrandedReports"/>) with the controller's
        /// registers as they were.
        /// </summary>
        public int EndStranded()
        {
            if (AnyDispatching())
                return 0;
            int inService = _controller.InService();
            if (inService == 0)
                return 0;
            string registers = _controller.Describe();
            for (int line = 0; line < _handlers.Length; line++)
            {
                if ((inService & (1 << line)) != 0)
                    _controller.EndOfInterrupt(line);
            }
            _strandedEnded++;
            if (_log != null && _strandedEnded <= MaxStrandedReports)
                _log.WriteLine("[IRQ] " + LineList(inService) + " stayed in service with no handler running (an end of interrupt was lost, which holds back every line of lower priority): ended it; " + registers);
            return inService;
        }

        /// <summary>How many times <see cref="EndStranded"/> found and ended stranded lines.</summary>
        public int StrandedEnded => _strandedEnded;

        /// <inheritdoc />
        public string Describe(int line)
        {
            CheckLine(line);
            string stranded = _strandedEnded == 0 ? "" : "; stranded lines ended " + _strandedEnded + " times";
            return "IRQ " + line + " dispatched " + _counts[line] + " times" + (_inDispatch[line] ? ", its handlers running" : "") + stranded + "; " + _controller.Describe();
        }

        /// <summary>
        /// The platform's interrupt entry for <paramref name="line"/>: runs the line's handlers.
        /// Entered again while they run (interrupts back on inside a handler), it only notes the
        /// raise and masks the line; the outer call runs the handlers once more for it and then
        /// unmasks. A raise with no handler masks the line, since nothing can acknowledge it.
        /// </summary>
        public void Dispatch(int line)
        {
            if (line < 0 || line >= _handlers.Length || IsOwnedElsewhere(line))
                return;
            _latched[line] = true;
            _counts[line]++;
            if (_inDispatch[line])
            {
                _raisedAgain[line] = true;
                _controller.Mask(line);
                return;
            }
            List<InterruptHandler>? handlers = _handlers[line];
            if (handlers == null || handlers.Count == 0)
            {
                _controller.Mask(line);
                return;
            }
            _inDispatch[line] = true;
            bool masked = false;
            for (int round = 0; round <= MaxRepeats; round++)
            {
                _raisedAgain[line] = false;
                for (int i = 0; i < handlers.Count; i++)
                    handlers[i](line);
                if (!_raisedAgain[line])
                    break;
                masked = true;
            }
            _inDispatch[line] = false;
            if (masked && !_raisedAgain[line])
                _controller.Unmask(line);
        }

        private bool AnyDispatching()
        {
            for (int line = 0; line < _inDispatch.Length; line++)
            {
                if (_inDispatch[line])
                    return true;
            }
            return false;
        }

        private static string LineList(int lines)
        {
            string text = "";
            for (int line = 0; line < 32; line++)
            {
                if ((lines & (1 << line)) != 0)
                    text = text.Length == 0 ? "IRQ " + line : text + ", " + line;
            }
            return text;
        }

        private void CheckLine(int line)
        {
            if (line < 0 || line >= _handlers.Length)
                throw new ArgumentOutOfRangeException(nameof(line), "interrupt line " + line + " is not a line of this controller (0-" + (_handlers.Length - 1) + ")");
            if (IsOwnedElsewhere(line))
                throw new ArgumentOutOfRangeException(nameof(line), "interrupt line " + line + " is not the kernel's to use (its owner serves it)");
        }
    }
}
