using System;
using System.Collections.Generic;
using EclipseOS.Drivers.Nvme.Commands;
using EclipseOS.Drivers.Nvme.Devices;
using EclipseOS.Drivers.Nvme.Identify;
using EclipseOS.Drivers.Nvme.Queues;
using EclipseOS.Drivers.Nvme.Registers;
using EclipseOS.Hal;
using EclipseOS.Hal.Dma;
using EclipseOS.Hal.Interrupts;
using EclipseOS.Hal.Pci;
using EclipseOS.Hal.Text;
using EclipseOS.Storage;

namespace EclipseOS.Drivers.Nvme
{
    /// <summary>
    /// One NVMe controller (PCI class 01:08:02): reset and enabled with an admin queue pair
    /// (NVMe Base 1.4 §7.6.1), identified, given one I/O queue pair, and its active namespaces
    /// opened as <see cref="NvmeNamespace"/>s. Completions are polled, or awaited on MSI-X or the
    /// INTx line. A command that times out, or a controller fatal status, resets the controller
    /// and builds its queues again (<see cref="Recoveries"/>), so the namespaces keep working.
    /// </summary>
    public sealed class NvmeController
    {
        private const int AdminQueueEntries = 32;
        private const long StatusCheckMicroseconds = 10000;
        private const long ReadyTimeoutUnitMicroseconds = 500000;   // CAP.TO counts 500 ms units
        private const int IoQueueId = 1;
        private const int Vector = 0;                                // admin and I/O completions share vector 0
        private const int MaxIdentifiedNamespaces = 1024;            // one Identify CNS 02h page

        private readonly IPlatform _platform;
        private readonly NvmeOptions _options;
        private readonly ulong _registers;
        private readonly List<NvmeNamespace> _namespaces = new List<NvmeNamespace>();
        private readonly List<string> _failures = new List<string>();
        private readonly byte[] _identifyData = new byte[IdentifyController.Size];
        private ulong _capabilities;
        private uint _doorbellStride;
        private long _readyTimeout;
        private CommandQueue? _admin;
        private CommandQueue? _io;
        private IDmaBuffer? _adminData;
        private InterruptHandler? _handler;
        private IMessageInterrupts? _messages;
        private MessageInterrupt? _message;
        private MsixCapability? _msix;
        private bool _masked;
        private bool _recovering;
        private string _failure = "";

        private NvmeController(IPlatform platform, PciFunction function, ulong registers, int index, NvmeOptions options)
        {
            _platform = platform;
            Function = function;
            _registers = registers;
            Index = index;
            _options = options;
            Name = "nvme" + index;
        }

        /// <summary>The controller's PCI function.</summary>
        public PciFunction Function { get; }

        /// <summary>Controller index: the 0 of <c>nvme0</c> and <c>nvme0n1</c>.</summary>
        public int Index { get; }

        /// <summary><c>nvme0</c>: what errors about the controller itself name.</summary>
        public string Name { get; }

        /// <summary>The Identify Controller data.</summary>
        public IdentifyController Identify { get; private set; } = null!;

        /// <summary>The version register: major in bits 31:16, minor in 15:8.</summary>
        public uint Version { get; private set; }

        /// <summary>Usable namespaces, by namespace ID.</summary>
        public IReadOnlyList<NvmeNamespace> Namespaces => _namespaces;

        /// <summary>One line per namespace that could not be used.</summary>
        public IReadOnlyList<string> Failures => _failures;

        /// <summary>Most bytes one command moves: 1 MiB, or less when MDTS says so; larger transfers are split.</summary>
        public int MaxTransferBytes { get; private set; }

        /// <summary>DMRSL: most blocks one deallocation range may cover (0: no limit given); <see cref="NvmeNamespace.Discard"/> splits longer ones.</summary>
        public uint MaxDeallocateBlocks { get; private set; }

        /// <summary>Entries of the I/O queue pair.</summary>
        public int IoQueueEntries { get; private set; }

        /// <summary>The INTx line completions are awaited on, or −1 (polling, or MSI-X).</summary>
        public int InterruptLine { get; private set; } = -1;

        /// <summary>Whether completions are signalled by MSI-X.</summary>
        public bool UsesMsix => _message != null;

        /// <summary>"MSI-X", "IRQ 11" or "polling".</summary>
        public string Completion => UsesMsix ? "MSI-X" : InterruptLine >= 0 ? "IRQ " + InterruptLine : "polling";

        /// <summary>Interrupts (INTx raises or MSI-X messages) the controller sent that were its own.</summary>
        public ulong InterruptCount { get; private set; }

        /// <summary>Controller resets done to recover from a timeout or a fatal status.</summary>
        public int Recoveries { get; private set; }

        /// <summary>Most I/O commands in flight at once so far.</summary>
        public int MostInFlight { get; private set; }

        /// <summary>Every NVMe function on the PCI buses of <paramref name="platform"/>, brought up; a broken one is logged and left out.</summary>
        public static List<NvmeController> FindAll(IPlatform platform, NvmeOptions options)
        {
            var found = new List<NvmeController>();
            List<PciFunction> functions = PciEnumerator.Enumerate(platform.Pci);
            for (int i = 0; i < functions.Count; i++)
            {
                PciFunction function = functions[i];
                if (function.ClassCode != ControllerRegisters.PciClassMassStorage || function.Subclass != ControllerRegisters.PciSubclassNvm || function.ProgIf != ControllerRegisters.PciProgIfNvme)
                    continue;
                PciBar bar = function.ReadBar(ControllerRegisters.BarIndex);
                if (!bar.IsMemory || bar.Address == 0)
                {
                    platform.Log.WriteLine("[NVMe] " + function + ": BAR0 is not an assigned memory window (" + bar + "); skipped");
                    continue;
                }
                function.Enable((ushort)(PciRegisters.CommandMemorySpace | PciRegisters.CommandBusMaster));
                var controller = new NvmeController(platform, function, bar.Address, found.Count, options);
                try
                {
                    controller.Probe();
                }
                catch (BlockDeviceException e)
                {
                    platform.Log.WriteLine("[NVMe] " + function.Address + ": " + e.Message);
                    controller.Detach();
                    continue;
                }
                found.Add(controller);
            }
            return found;
        }

        private void Probe()
        {
            _capabilities = Read32(ControllerRegisters.Cap) | ((ulong)Read32(ControllerRegisters.Cap + 4) << 32);
            if ((_capabilities & ControllerRegisters.CapNvmCommandSet) == 0)
                throw new BlockDeviceException(Name, "the controller does not support the NVM command set (CAP 0x" + Hex.Lower(_capabilities) + ")");
            if (((_capabilities >> ControllerRegisters.CapMinPageSizeShift) & 0xF) != 0)
                throw new BlockDeviceException(Name, "the controller's smallest memory page is larger than 4 KiB (CAP 0x" + Hex.Lower(_capabilities) + ")");
            _doorbellStride = 4u << (int)((_capabilities >> ControllerRegisters.CapDoorbellStrideShift) & 0xF);
            long timeoutUnits = (long)((_capabilities >> ControllerRegisters.CapTimeoutShift) & 0xFF);
            _readyTimeout = (timeoutUnits == 0 ? 1 : timeoutUnits) * ReadyTimeoutUnitMicroseconds;
            Version = Read32(ControllerRegisters.Version);
            int largest = (int)(_capabilities & ControllerRegisters.CapMaxQueueEntriesMask) + 1;
            IoQueueEntries = _options.IoQueueEntries < largest ? _options.IoQueueEntries : largest;
            if (IoQueueEntries < 2)
                IoQueueEntries = 2;
            int adminEntries = AdminQueueEntries < largest ? AdminQueueEntries : largest;
            _admin = new CommandQueue(_platform, _registers, 0, adminEntries, _doorbellStride);
            _io = new CommandQueue(_platform, _registers, IoQueueId, IoQueueEntries, _doorbellStride);
            _adminData = _platform.Dma.Allocate(IdentifyController.Size, ControllerRegisters.PageSize);
            SetUpInterrupts();
            BringUp();
            Identify = IdentifyController.Parse(IdentifyPage(AdminCommands.CnsController, 0, "Identify Controller"));
            byte mdts = Identify.MaxTransferExponent;
            // MDTS counts minimum memory pages (CAP.MPSMIN = 0 here: 4 KiB); 0 means no limit. PRP lists here cover 1 MiB.
            MaxTransferBytes = mdts == 0 || mdts >= 8 ? 1 << 20 : ControllerRegisters.PageSize << mdts;
            if (Identify.SupportsDatasetManagement)
                MaxDeallocateBlocks = DeallocateRangeLimit();
            OpenNamespaces();
        }

        private void SetUpInterrupts()
        {
            if (!_options.UseInterrupts)
                return;
            if (_options.UseMessageInterrupts && _platform.Interrupts is IMessageInterrupts messages)
            {
                MsixCapability? msix = MsixCapability.Find(Function);
                MessageInterrupt? message = msix != null ? messages.Allocate() : null;
                if (msix != null && message != null)
                {
                    msix.Enable(_platform.Memory, Vector, message);
                    _msix = msix;
                    _messages = messages;
                    _message = message;
                    return;
                }
            }
            byte line = Function.InterruptLine;
            if (Function.InterruptPin != 0 && line != 0xFF && line < 16)
            {
                InterruptLine = line;
                _handler = OnInterrupt;
                _platform.Interrupts.Attach(line, _handler);
            }
        }

        // A controller left out: its interrupts go back, and its MSI-X is switched off before the message word is freed.
        private void Detach()
        {
            if (_handler != null)
                _platform.Interrupts.Detach(InterruptLine, _handler);
            if (_message != null)
            {
                _msix!.Disable();
                _messages!.Free(_message);
            }
        }

        /// <summary>
        /// Reset, admin queue, enable (§7.6.1), then the I/O queue pair: the whole way from any
        /// state, so a recovery is the same steps as the first start.
        /// </summary>
        private void BringUp()
        {
            Disable();
            CommandQueue admin = _admin!;
            admin.Reset();
            _io!.Reset();
            uint last = (uint)(admin.Pair.Entries - 1);
            Write32(ControllerRegisters.AdminQueueAttributes, last | (last << 16));
            Write64(ControllerRegisters.AdminSubmissionQueue, admin.Pair.Submissions.PhysicalAddress);
            Write64(ControllerRegisters.AdminCompletionQueue, admin.Pair.Completions.PhysicalAddress);
            // CSS 0 (NVM), MPS 0 (4 KiB pages), AMS 0 (round robin), 64-byte SQ and 16-byte CQ entries.
            Write32(ControllerRegisters.Configuration, ControllerRegisters.CcEnable
                | (ControllerRegisters.SubmissionEntrySizeLog2 << ControllerRegisters.CcIoSqEntrySizeShift)
                | (ControllerRegisters.CompletionEntrySizeLog2 << ControllerRegisters.CcIoCqEntrySizeShift));
            WaitForReady(true);
            // Polled, the controller must not hold a (possibly shared) INTx line up; INTMS/INTMC are not for MSI-X.
            if (_message == null)
                Write32(InterruptLine >= 0 ? ControllerRegisters.InterruptMaskClear : ControllerRegisters.InterruptMaskSet, 1u << Vector);
            _masked = false;
            ExecuteAdmin(AdminCommands.RequestQueues(1, 1), "Set Features (number of queues)", false);
            bool interrupts = _message != null || InterruptLine >= 0;
            ExecuteAdmin(AdminCommands.CreateCompletionQueue(IoQueueId, _io.Pair.Entries, _io.Pair.Completions.PhysicalAddress, interrupts, Vector), "Create I/O Completion Queue", false);
            ExecuteAdmin(AdminCommands.CreateSubmissionQueue(IoQueueId, _io.Pair.Entries, _io.Pair.Submissions.PhysicalAddress, IoQueueId), "Create I/O Submission Queue", false);
            _failure = "";
        }

        private void Disable()
        {
            uint cc = Read32(ControllerRegisters.Configuration);
            if ((cc & ControllerRegisters.CcEnable) != 0)
                Write32(ControllerRegisters.Configuration, cc & ~ControllerRegisters.CcEnable);
            WaitForReady(false);
        }

        // CSTS.RDY follows CC.EN within CAP.TO (§3.1.1); a fatal status while enabling means the controller will not come up.
        private void WaitForReady(bool ready)
        {
            Deadline deadline = Deadline.After(_platform.Clock, _readyTimeout);
            while (true)
            {
                uint status = Read32(ControllerRegisters.Status);
                if (((status & ControllerRegisters.CstsReady) != 0) == ready)
                    return;
                if (ready && (status & ControllerRegisters.CstsFatal) != 0)
                    throw new NvmeCommandException(Name, "controller fatal status while enabling (CSTS 0x" + Hex.Lower(status) + ")", 0, true);
                if (deadline.Expired)
                    throw new NvmeCommandException(Name, "CSTS.RDY did not become " + (ready ? "1" : "0") + " within " + Duration.Milliseconds(_readyTimeout) + " (CSTS 0x" + Hex.Lower(status) + ")", 0, true);
                _platform.Clock.Delay(1000);
            }
        }

        private byte[] IdentifyPage(uint cns, uint namespaceId, string what)
        {
            ExecuteAdmin(AdminCommands.IdentifyCommand(cns, namespaceId), what, true);
            _adminData!.Read(0, _identifyData, 0, _identifyData.Length);
            return _identifyData;
        }

        // DMRSL (bytes 7:4 of the NVM command set's Identify Controller data, CNS 06h): the most blocks
        // one deallocation range may cover; a controller skips longer ranges. Before NVMe 2.0 there is
        // no such structure (the Identify is refused) and no limit.
        private uint DeallocateRangeLimit()
        {
            try
            {
                return IdentifyText.Le32(IdentifyPage(AdminCommands.CnsNvmController, 0, "Identify NVM command set controller"), 4);
            }
            catch (NvmeCommandException e)
            {
                if (e.Status == 0)
                    throw;   // a timeout, not a refusal
                return 0;
            }
        }

        private void OpenNamespaces()
        {
            List<uint> ids = ActiveNamespaces();
            for (int i = 0; i < ids.Count; i++)
            {
                uint id = ids[i];
                try
                {
                    IdentifyNamespace identify = IdentifyNamespace.Parse(IdentifyPage(AdminCommands.CnsNamespace, id, "Identify Namespace " + id));
                    if (identify.Size == 0)
                        continue;   // an inactive ID, from a pre-1.1 controller's 1..NN
                    string problem = Unusable(identify);
                    if (problem.Length > 0)
                    {
                        Fail(id, problem);
                        continue;
                    }
                    _namespaces.Add(new NvmeNamespace(this, id, identify));
                }
                catch (NvmeCommandException e)
                {
                    Fail(id, e.Message);
                }
            }
        }

        private string Unusable(IdentifyNamespace identify)
        {
            if (identify.MetadataBytes != 0)
                return "LBA format " + identify.FormatIndex + " carries " + identify.MetadataBytes + " metadata bytes per block (not supported)";
            if (identify.BlockSizeExponent < 9 || (1 << identify.BlockSizeExponent) > MaxTransferBytes)
                return "block size 2^" + identify.BlockSizeExponent + " is not supported";
            return "";
        }

        // Identify CNS 02h (NVMe 1.1+) lists active IDs; an older controller refuses it, and then 1..NN are tried.
        private List<uint> ActiveNamespaces()
        {
            var ids = new List<uint>();
            try
            {
                uint after = 0;
                while (true)
                {
                    byte[] page = IdentifyPage(AdminCommands.CnsActiveNamespaces, after, "Identify active namespace list");
                    int count = 0;
                    for (; count < MaxIdentifiedNamespaces; count++)
                    {
                        uint id = IdentifyText.Le32(page, count * 4);
                        if (id == 0)
                            break;
                        ids.Add(id);
                        after = id;
                    }
                    if (count < MaxIdentifiedNamespaces)
                        return ids;
                }
            }
            catch (NvmeCommandException e)
            {
                if (e.Status == 0)
                    throw;   // a timeout, not a refusal
                ids.Clear();
                uint count = Identify.NamespaceCount < MaxIdentifiedNamespaces ? Identify.NamespaceCount : MaxIdentifiedNamespaces;
                for (uint id = 1; id <= count; id++)
                    ids.Add(id);
                return ids;
            }
        }

        private void Fail(uint namespaceId, string reason)
        {
            string line = "[NVMe] " + Function.Address + " nsid " + namespaceId + ": " + reason;
            _failures.Add(line);
            _platform.Log.WriteLine(line);
        }

        private void ExecuteAdmin(NvmeCommand command, string what, bool withData)
        {
            var request = new NvmeRequest(command, what, BlockDeviceException.NoBlock);
            if (withData)
            {
                request.DataAddress = _adminData!.PhysicalAddress;
                request.DataLength = IdentifyController.Size;
            }
            _admin!.Submit(request);
            Wait(request, Name);
            if (!request.Succeeded)
                throw new NvmeCommandException(Name, what + " failed: " + NvmeStatus.Describe(request.Status), request.Status, false);
        }

        /// <summary>The platform the controller runs on.</summary>
        internal IPlatform Platform => _platform;

        /// <summary>Whether another I/O command can be submitted now.</summary>
        internal bool HasFreeIoSlot => _io!.Slots.HasFree;

        /// <summary>
        /// Puts <paramref name="request"/> on the I/O queue (its data already in DMA memory); the
        /// controller hears of it at the next <see cref="RingIo"/>. Throws when the controller
        /// could not be brought back after a failure.
        /// </summary>
        internal void EnqueueIo(NvmeRequest request, string device)
        {
            if (_failure.Length > 0)
                throw NvmeCommandException.For(device, request.Lba, request.Description + " not attempted: the controller is out of service since a failed recovery (" + _failure + ")", 0, true);
            _io!.Enqueue(request);
            if (_io.Slots.InFlight > MostInFlight)
                MostInFlight = _io.Slots.InFlight;
        }

        /// <summary>Rings the I/O queue's tail doorbell for every command put since the last ring.</summary>
        internal void RingIo() => _io!.Pair.RingTail();

        /// <summary>I/O submission doorbell writes so far: one per batch of commands, not one per command.</summary>
        public ulong IoDoorbellWrites => _io == null ? 0 : _io.Pair.TailDoorbellWrites;

        /// <summary>
        /// Waits until <paramref name="request"/> is done. A timeout or a controller fatal status
        /// resets the controller (every request in flight is given up) and throws for this one,
        /// naming <paramref name="device"/>.
        /// </summary>
        internal void Wait(NvmeRequest request, string device)
        {
            Deadline deadline = Deadline.After(_platform.Clock, _options.CommandTimeoutMicroseconds);
            while (true)
            {
                Service();
                if (request.Done)
                {
                    TakeSentMessage();
                    if (request.Aborted)
                        throw NvmeCommandException.For(device, request.Lba, request.Description + " was given up by a controller reset", 0, true);
                    return;
                }
                uint status = Read32(ControllerRegisters.Status);
                // CFS, or all ones: a function that stopped answering (surprise removal, a dead link) reads so, CFS included.
                if ((status & ControllerRegisters.CstsFatal) != 0)
                {
                    string what = request.Description + " failed: controller fatal status (CSTS 0x" + Hex.Lower(status) + ")";
                    throw NvmeCommandException.For(device, request.Lba, what + Recover(what), 0, true);
                }
                if (deadline.Expired)
                {
                    string what = request.Description + " did not complete within " + Duration.Milliseconds(_options.CommandTimeoutMicroseconds);
                    throw NvmeCommandException.For(device, request.Lba, what + Recover(what), 0, true);
                }
                Pause(deadline);
            }
        }

        // Takes every completion of both queues, then lets INTx through again if the handler masked it.
        private void Service()
        {
            _admin!.Poll();
            _io!.Poll();
            if (_masked)
            {
                _masked = false;
                Write32(ControllerRegisters.InterruptMaskClear, 1u << Vector);
            }
        }

        // A completion found by polling may have come with its MSI-X message already sent: QEMU
        // writes the entry and the message in one step, often before the first poll after the
        // doorbell. Taking that message now counts it, and keeps the next wait from returning at
        // once for a completion it has not got.
        private void TakeSentMessage()
        {
            if (_message != null && _messages!.Wait(_message, 0))
                InterruptCount++;
        }

        private void Pause(Deadline deadline)
        {
            // The handler already saw a completion since the last Service: take it now rather than wait for a line it has masked.
            if (_masked)
                return;
            long wait = SignedInt64.Min(deadline.Remaining, StatusCheckMicroseconds);
            if (_message != null)
            {
                if (_messages!.Wait(_message, wait))
                    InterruptCount++;
            }
            else if (InterruptLine >= 0)
            {
                _platform.Interrupts.Wait(InterruptLine, wait);
            }
        }

        /// <summary>
        /// INTx is level-triggered and shared: a new entry in one of this controller's completion
        /// queues means the interrupt is ours; then the vector is masked (INTMS) so the line drops
        /// until the waiting code has taken the entries and unmasks it (INTMC). Anything else is
        /// another device's interrupt, left alone.
        /// </summary>
        private void OnInterrupt(int line)
        {
            if (_admin == null || _io == null || !(_admin.Pair.HasCompletion || _io.Pair.HasCompletion))
                return;
            InterruptCount++;
            Write32(ControllerRegisters.InterruptMaskSet, 1u << Vector);
            _masked = true;
        }

        // Gives up on every request in flight, resets the controller and builds the queues again; returns the text the error ends with.
        private string Recover(string reason)
        {
            bool adminAnswers = _admin!.Slots.InFlight == 0;
            _admin.Slots.AbortAll();
            _io!.Slots.AbortAll();
            if (_recovering)
                return "; the controller did not recover";
            _recovering = true;
            Recoveries++;
            _platform.Log.WriteLine("[NVMe] " + Name + ": " + reason + "; resetting the controller (recovery " + Recoveries + ")");
            if (adminAnswers)
                DeleteIoQueues();
            // No finally: IL2CPU hangs or loses an exception that passes through one (EOS011).
            try
            {
                BringUp();
            }
            catch (NvmeCommandException e)
            {
                _recovering = false;
                _failure = e.Message;
                _platform.Log.WriteLine("[NVMe] " + Name + ": recovery failed: " + e.Message);
                return "; controller reset failed: " + e.Message;
            }
            catch (Exception)
            {
                _recovering = false;
                throw;
            }
            _recovering = false;
            return "; controller reset";
        }

        // Before a reset: a controller that still answers deletes its I/O queues, aborting the
        // commands in them and dropping their queue's interrupt, as Linux's nvme_dev_disable does.
        // A reset alone (CC.EN = 0) with completions still in an I/O queue may leave that queue's
        // interrupt pending for good: QEMU 7.2 then holds INTx up, so no later completion raises
        // the line (seen in 2 of 12 timeout recoveries). A controller with a fatal status, not
        // ready, or whose admin command was the one that timed out is reset straight away.
        private void DeleteIoQueues()
        {
            uint status = Read32(ControllerRegisters.Status);
            if ((status & ControllerRegisters.CstsFatal) != 0 || (status & ControllerRegisters.CstsReady) == 0)
                return;
            if (RunAdminForReset(AdminCommands.DeleteSubmissionQueue(IoQueueId), "Delete I/O Submission Queue"))
                RunAdminForReset(AdminCommands.DeleteCompletionQueue(IoQueueId), "Delete I/O Completion Queue");
        }

        // One admin command during a recovery, bounded by CAP.TO and never recovering itself; false (logged) when it failed.
        private bool RunAdminForReset(NvmeCommand command, string what)
        {
            var request = new NvmeRequest(command, what, BlockDeviceException.NoBlock);
            _admin!.Submit(request);
            Deadline deadline = Deadline.After(_platform.Clock, _readyTimeout);
            while (true)
            {
                // Also takes the completions of the aborted I/O commands, so the I/O queue is empty when deleted.
                Service();
                if (request.Done)
                    break;
                if (deadline.Expired || (Read32(ControllerRegisters.Status) & ControllerRegisters.CstsFatal) != 0)
                {
                    _platform.Log.WriteLine("[NVMe] " + Name + ": " + what + " did not complete within " + Duration.Milliseconds(_readyTimeout) + "; resetting without it");
                    _admin.Slots.AbortAll();
                    return false;
                }
                Pause(deadline);
            }
            TakeSentMessage();
            if (request.Succeeded)
                return true;
            _platform.Log.WriteLine("[NVMe] " + Name + ": " + what + " failed: " + NvmeStatus.Describe(request.Status) + "; resetting without it");
            return false;
        }

        private uint Read32(uint register) => _platform.Memory.Read32(_registers + register);

        private void Write32(uint register, uint value) => _platform.Memory.Write32(_registers + register, value);

        // Two dword writes, low first: 64-bit MMIO is not one access on a 32-bit CPU, and the controller takes either (§3.1).
        private void Write64(uint register, ulong value)
        {
            Write32(register, (uint)value);
            Write32(register + 4, (uint)(value >> 32));
        }
    }
}
