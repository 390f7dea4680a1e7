using EclipseOS.Drivers.VirtIO.Queue;
using EclipseOS.Drivers.VirtIO.Transport;
using EclipseOS.Hal;

namespace EclipseOS.Drivers.VirtIO.Device
{
    /// <summary>
    /// A virtio device's INTx line as its driver waits on it for one queue's completions: the
    /// handler that reads (and so acknowledges) the ISR status (VirtIO 1.1 §4.1.4.5), the wait for
    /// a used buffer, and the fall-back to polling the used ring when the line stays silent while
    /// buffers are used (a wrong routing, a masked line). Without a line, or once fallen back, the
    /// driver polls and this only says so.
    /// </summary>
    internal sealed class VirtioInterruptLine
    {
        /// <summary>ISR status bit 1: the device's configuration changed (DEVICE_NEEDS_RESET among others).</summary>
        private const byte IsrConfigurationChange = 2;
        /// <summary>The second wait that tells a late interrupt from a silent line.</summary>
        private const long LateInterruptGraceMicroseconds = 20000;

        private readonly IPlatform _platform;
        private readonly IVirtioTransport _transport;
        private readonly SplitVirtQueue _queue;
        private readonly int _silentWaitsBeforePolling;
        private readonly InterruptHandler? _handler;
        private bool _attached;
        private byte _pendingIsr;

        /// <summary>
        /// Waits on <paramref name="transport"/>'s line for <paramref name="queue"/> when
        /// <paramref name="wanted"/> and the device has a line; polls otherwise. After
        /// <paramref name="silentWaitsBeforePolling"/> silent waits it polls from then on.
        /// </summary>
        public VirtioInterruptLine(IPlatform platform, IVirtioTransport transport, SplitVirtQueue queue, bool wanted, int silentWaitsBeforePolling)
        {
            _platform = platform;
            _transport = transport;
            _queue = queue;
            _silentWaitsBeforePolling = silentWaitsBeforePolling;
            InUse = wanted && transport.InterruptLine >= 0;
            if (InUse)
                _handler = OnInterrupt;
        }

        /// <summary>The device's name in the log.</summary>
        public string Name { get; set; } = "virtio";

        /// <summary>Whether completions are awaited on the line (otherwise the used ring is polled).</summary>
        public bool InUse { get; private set; }

        /// <summary>How completions are awaited, for a listing: "IRQ n" or "polling".</summary>
        public string Completion => InUse ? "IRQ " + _transport.InterruptLine : "polling";

        /// <summary>Waits that ended with buffers used but no interrupt for them.</summary>
        public int SilentWaits { get; private set; }

        /// <summary>Interrupts on the line that were not the device's (ISR read 0: a shared line).</summary>
        public int ForeignInterrupts { get; private set; }

        /// <summary>Interrupts on the line that were the device's (ISR read non-zero).</summary>
        public int HandledInterrupts { get; private set; }

        /// <summary>Attaches the handler, when the line is in use.</summary>
        public void Attach()
        {
            if (_handler == null || _attached) return;
            _platform.Interrupts.Attach(_transport.InterruptLine, _handler);
            _attached = true;
        }

        /// <summary>Detaches the handler, when attached.</summary>
        public void Detach()
        {
            if (_handler == null || !_attached) return;
            _platform.Interrupts.Detach(_transport.InterruptLine, _handler);
            _attached = false;
        }

        /// <summary>
        /// Asks the device for an interrupt at its next used buffer and sleeps on the line for up to
        /// <paramref name="sliceMicroseconds"/>. Returns false at once when buffers are already used
        /// (the caller takes them). <paramref name="configurationChanged"/> is set when the device
        /// raised the configuration-change bit meanwhile (the caller reads the device status).
        /// </summary>
        public bool Wait(long sliceMicroseconds, out bool configurationChanged)
        {
            configurationChanged = false;
            _queue.RequestInterrupts(true);
            if (_queue.HasUsed())
                return false;
            if (!_platform.Interrupts.Wait(_transport.InterruptLine, sliceMicroseconds) && _queue.HasUsed() && !InterruptFollows())
                NoteSilentWait();
            configurationChanged = (_pendingIsr & IsrConfigurationChange) != 0;
            _pendingIsr = 0;
            return true;
        }

        // Buffers used but no interrupt within the slice may still be an interrupt on its way: a
        // CPU held up past the deadline (a host descheduling a virtual CPU, an SMI) checks the
        // deadline before it takes the pending interrupt. Only a second whole slice without one
        // makes the wait silent; a late interrupt is taken at once.
        private bool InterruptFollows() => _platform.Interrupts.Wait(_transport.InterruptLine, LateInterruptGraceMicroseconds);

        // After a few silent waits stop waiting on the line and poll the used ring, saying so once.
        private void NoteSilentWait()
        {
            SilentWaits++;
            if (SilentWaits < _silentWaitsBeforePolling)
                return;
            InUse = false;
            _queue.RequestInterrupts(false);
            Detach();
            _platform.Log.WriteLine("[VirtIO] " + Name + ": IRQ " + _transport.InterruptLine + " stays silent while requests complete; polling from now on");
        }

        // Runs on the (possibly shared) line. Reading ISR acknowledges and lowers it; a 0 means
        // another device on the line raised it, which is not an error.
        private void OnInterrupt(int line)
        {
            byte isr = _transport.ReadInterruptStatus();
            if (isr == 0)
            {
                ForeignInterrupts++;
                return;
            }
            HandledInterrupts++;
            _pendingIsr |= isr;
        }
    }
}
