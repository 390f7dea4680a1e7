using EclipseOS.Hal.Text;
using System;
using EclipseOS.Drivers.VirtIO.Device;
using EclipseOS.Drivers.VirtIO.Queue;
using EclipseOS.Drivers.VirtIO.Transport;
using EclipseOS.Hal;
using EclipseOS.Hal.Dma;
using EclipseOS.Storage;
using EclipseOS.Storage.Requests;

namespace EclipseOS.Drivers.VirtIO.Block
{
    /// <summary>
    /// A virtio block device (VirtIO 1.1 §5.2) on any transport, with one split virtqueue.
    /// Besides <see cref="IBlockDevice"/> it offers a batch interface — submit many requests,
    /// <see cref="Kick"/> once, take completions in any order (<see cref="IRequestQueue"/>) —
    /// through which the plain <see cref="Read"/>/<see cref="Write"/> keep the queue full on large
    /// transfers (<see cref="QueuedTransfer"/>, shared with NVMe).
    /// Caller buffers are shared with the device (<see cref="IDma.Share"/>), never copied here.
    /// This class sets the device up, posts requests and recovers from resets and timeouts; how
    /// transfers are cut is <see cref="VirtioBlockLimits"/>, the request slots and their DMA
    /// memory are <see cref="VirtioBlockRequestSlots"/>, and the wait on the interrupt line is
    /// <see cref="VirtioInterruptLine"/>.
    /// </summary>
    public sealed class VirtioBlockDevice : IBlockDevice, ICompletionStatistics, IBlockTransfer, IRequestQueue
    {
        /// <summary>Feature bits this driver accepts when offered (VERSION_1 is added by the initializer).</summary>
        public const ulong WantedFeatures =
            VirtioFeatures.BlockSizeMax | VirtioFeatures.BlockSegMax | VirtioFeatures.BlockReadOnly |
            VirtioFeatures.BlockBlkSize | VirtioFeatures.BlockFlush | VirtioFeatures.BlockConfigWce |
            VirtioFeatures.BlockDiscard | VirtioFeatures.BlockWriteZeroes |
            VirtioFeatures.RingIndirectDesc | VirtioFeatures.RingEventIdx;

        private const int RequestQueue = 0;
        private const long StatusCheckIntervalMicroseconds = 20000;
        /// <summary>Silent waits (completions without an interrupt) before the driver gives up on the line and polls.</summary>
        public const int SilentWaitsBeforePolling = 3;

        private readonly IPlatform _platform;
        private readonly IVirtioTransport _transport;
        private readonly VirtioBlockOptions _options;
        private readonly ulong _features;
        private readonly VirtioBlockConfig _config;
        private readonly SplitVirtQueue _queue;
        private readonly VirtioBlockRequestSlots _requests;
        private readonly VirtioInterruptLine _line;
        private readonly int _sectorsPerBlock;
        private string? _failure;
        private string _name;

        /// <summary>
        /// Initialises the device behind <paramref name="transport"/> (§3.1.1) and reads its
        /// identity. Throws a <see cref="VirtioException"/> naming the device when it cannot be
        /// used (features refused, no queue, capacity 0 …); the device is then marked FAILED.
        /// </summary>
        public VirtioBlockDevice(IPlatform platform, IVirtioTransport transport, VirtioBlockOptions options)
        {
            _platform = platform;
            _transport = transport;
            _options = options;
            _name = VirtioInitializer.Name(transport);
            if (transport.DeviceType != VirtioPciIds.DeviceTypeBlock)
                throw new VirtioException(_name + ": device type " + transport.DeviceType + " is not a block device (2)");

            ulong wanted = WantedFeatures;
            if (!options.UseIndirectDescriptors) wanted &= ~VirtioFeatures.RingIndirectDesc;
            if (!options.UseEventIndex) wanted &= ~VirtioFeatures.RingEventIdx;
            _features = VirtioInitializer.Negotiate(transport, platform.Clock, wanted);

            _config = ReadConfigOrFail();
            VirtioBlockLimits limits;
            try
            {
                limits = VirtioBlockLimits.For(_config, _features, transport.ReadQueueMaxSize(RequestQueue), transport.QueueSizeIsFixed, options);
            }
            catch (VirtioException error)
            {
                VirtioInitializer.Fail(transport);
                throw new VirtioException(_name + ": " + error.Message);
            }
            BlockSize = limits.BlockSize;
            _sectorsPerBlock = limits.SectorsPerBlock;
            BlockCount = limits.BlockCount;
            CapacitySectors = limits.CapacitySectors;
            MaxRequestBytes = limits.MaxRequestBytes;

            _queue = new SplitVirtQueue(platform, RequestQueue, limits.QueueSize, limits.MaxChain, Has(VirtioFeatures.RingIndirectDesc), Has(VirtioFeatures.RingEventIdx));
            _requests = new VirtioBlockRequestSlots(platform, _queue, limits.MaxChain, limits.SegmentBytes) { Name = _name };
            _line = new VirtioInterruptLine(platform, transport, _queue, options.UseInterrupts, SilentWaitsBeforePolling) { Name = _name };
            _line.Attach();
            try
            {
                StartQueue();
                Serial = ReadSerial();
            }
            catch
            {
                _line.Detach();
                throw;
            }
        }

        /// <inheritdoc />
        public string Name
        {
            get => _name;
            set
            {
                _name = value;
                _requests.Name = value;
                _line.Name = value;
            }
        }

        /// <inheritdoc />
        public int BlockSize { get; }

        /// <inheritdoc />
        public ulong BlockCount { get; }

        /// <summary>Capacity in 512-byte sectors as the device reports it.</summary>
        public ulong CapacitySectors { get; }

        /// <inheritdoc />
        public bool IsReadOnly => Has(VirtioFeatures.BlockReadOnly);

        /// <summary>The serial number GET_ID returned ("" when the device does not support it).</summary>
        public string Serial { get; }

        /// <inheritdoc />
        public string Description => Serial.Length == 0 ? "virtio-blk" : "virtio-blk serial \"" + Serial + "\"";

        /// <summary>The transport the device is driven through.</summary>
        public IVirtioTransport Transport => _transport;

        /// <summary>Feature bits negotiated with the device.</summary>
        public ulong Features => _features;

        /// <summary>Entries of the request queue.</summary>
        public int QueueSize => _queue.Size;

        /// <summary>Whether requests use indirect descriptor tables.</summary>
        public bool UsesIndirectDescriptors => _queue.UsesIndirect;

        /// <summary>Whether completions are awaited on the interrupt line (otherwise polled).</summary>
        public bool UsesInterrupts => _line.InUse;

        /// <summary>Largest data transfer of one request, a multiple of <see cref="BlockSize"/>.</summary>
        public int MaxRequestBytes { get; }

        /// <inheritdoc />
        public int MaxRequestBlocks => MaxRequestBytes / BlockSize;

        /// <inheritdoc />
        public string Completion => _line.Completion;

        /// <inheritdoc />
        public ulong Interrupts => (ulong)HandledInterrupts;

        /// <summary>Waits that ended with completions in the used ring but no interrupt for them; after <see cref="SilentWaitsBeforePolling"/> the device is polled.</summary>
        public int SilentInterruptWaits => _line.SilentWaits;

        /// <summary>Interrupts on the device's line that were not the device's (ISR read 0).</summary>
        public int ForeignInterrupts => _line.ForeignInterrupts;

        /// <summary>Interrupts on the device's line that were the device's (ISR read non-zero).</summary>
        public int HandledInterrupts => _line.HandledInterrupts;

        /// <summary>Times the device asked for a reset (DEVICE_NEEDS_RESET) and was re-initialised.</summary>
        public int Recoveries { get; private set; }

        /// <summary>Whether the device has a volatile write cache that <see cref="Flush"/> empties.</summary>
        public bool WriteCacheEnabled
        {
            get
            {
                if (!Has(VirtioFeatures.BlockFlush)) return false;
                if (!Has(VirtioFeatures.BlockConfigWce)) return true; // FLUSH without CONFIG_WCE: write-back (§5.2.5.1)
                return _transport.ReadConfig8(VirtioBlockConfig.WritebackField) != 0;
            }
        }

        /// <summary>Whether DISCARD was negotiated.</summary>
        public bool SupportsDiscard => Has(VirtioFeatures.BlockDiscard);

        /// <summary>Whether WRITE_ZEROES was negotiated.</summary>
        public bool SupportsWriteZeroes => Has(VirtioFeatures.BlockWriteZeroes);

        /// <summary>
        /// Switches the device's write cache (CONFIG_WCE): true write-back (then <see cref="Flush"/>
        /// makes writes durable), false write-through. Throws when the device cannot switch it.
        /// </summary>
        public void SetWriteCache(bool writeBack)
        {
            ThrowIfFailed();
            if (!Has(VirtioFeatures.BlockConfigWce))
                throw new BlockDeviceException(_name, "the device does not offer VIRTIO_BLK_F_CONFIG_WCE; its cache mode is fixed");
            if (writeBack) Flush();
            _transport.WriteConfig8(VirtioBlockConfig.WritebackField, writeBack ? (byte)1 : (byte)0);
        }

        /// <inheritdoc />
        public void Read(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.Check(this, lba, blockCount, buffer, offset);
            ThrowIfFailed();
            try
            {
                QueuedTransfer.Run(this, false, lba, blockCount, buffer, offset);
            }
            catch (BlockDeviceException e)
            {
                // The status byte is per request: narrow the range down to the block that fails
                // (not on a device marked failed, which refuses everything).
                if (_failure != null)
                    throw;
                FailedRange.Narrow(this, false, lba, blockCount, buffer, offset, BlockSize, e);
            }
        }

        /// <inheritdoc />
        /// <remarks>One try, no narrowing: a failure names the first block of the range.</remarks>
        public void TransferBlocks(bool write, ulong lba, int blockCount, byte[] buffer, int offset) =>
            QueuedTransfer.Run(this, write, lba, blockCount, buffer, offset);

        /// <inheritdoc />
        public void Write(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.CheckWrite(this, lba, blockCount, buffer, offset);
            ThrowIfFailed();
            try
            {
                QueuedTransfer.Run(this, true, lba, blockCount, buffer, offset);
            }
            catch (BlockDeviceException e)
            {
                if (_failure != null)
                    throw;
                FailedRange.Narrow(this, true, lba, blockCount, buffer, offset, BlockSize, e);
            }
        }

        /// <inheritdoc />
        public void Flush()
        {
            ThrowIfFailed();
            if (!Has(VirtioFeatures.BlockFlush) || IsReadOnly)
                return; // No FLUSH: the device has no volatile cache, every completed write is durable (§5.2.5.1).
            int tag = PostCommand(VirtioBlockRequestType.Flush, 0, 0, 0);
            Kick();
            WaitFor(tag);
            Finish(tag);
        }

        /// <summary>
        /// Tells the device that <paramref name="blockCount"/> blocks from <paramref name="lba"/> are
        /// no longer needed (DISCARD). Throws when DISCARD was not offered or the device is read-only.
        /// </summary>
        public void Discard(ulong lba, int blockCount)
        {
            RangeCommand(VirtioBlockRequestType.Discard, VirtioFeatures.BlockDiscard, "VIRTIO_BLK_F_DISCARD", lba, blockCount, 0,
                _config.MaxDiscardSectors);
        }

        /// <summary>
        /// Zeroes <paramref name="blockCount"/> blocks from <paramref name="lba"/> without moving
        /// data (WRITE_ZEROES); <paramref name="allowUnmap"/> lets the device deallocate them.
        /// </summary>
        public void WriteZeroes(ulong lba, int blockCount, bool allowUnmap)
        {
            RangeCommand(VirtioBlockRequestType.WriteZeroes, VirtioFeatures.BlockWriteZeroes, "VIRTIO_BLK_F_WRITE_ZEROES", lba, blockCount,
                allowUnmap ? VirtioBlockRequestType.FlagUnmap : 0, _config.MaxWriteZeroesSectors);
        }

        // ---- Batch interface -------------------------------------------------------------

        /// <summary>
        /// Posts a read of <paramref name="blockCount"/> blocks at <paramref name="lba"/> into
        /// <paramref name="buffer"/> without notifying the device (see <see cref="Kick"/>). At most
        /// <see cref="MaxRequestBytes"/>. Returns a tag for <see cref="Finish"/>, or -1 when the
        /// queue is full. The buffer belongs to the device until the request is finished.
        /// </summary>
        public int SubmitRead(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.Check(this, lba, blockCount, buffer, offset);
            ThrowIfFailed();
            return PostData(VirtioBlockRequestType.In, lba, blockCount, buffer, offset);
        }

        /// <summary>Like <see cref="SubmitRead"/>, for a write (refused on a read-only device before anything is posted).</summary>
        public int SubmitWrite(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.CheckWrite(this, lba, blockCount, buffer, offset);
            ThrowIfFailed();
            return PostData(VirtioBlockRequestType.Out, lba, blockCount, buffer, offset);
        }

        /// <inheritdoc />
        public int TrySubmit(bool write, ulong lba, int blockCount, byte[] buffer, int offset) =>
            write ? SubmitWrite(lba, blockCount, buffer, offset) : SubmitRead(lba, blockCount, buffer, offset);

        /// <summary>
        /// Makes every submitted request visible to the device and notifies it once — and only when
        /// the device asked for notifications (EVENT_IDX / NO_NOTIFY suppression).
        /// </summary>
        public void Kick()
        {
            if (_queue.Publish())
                _transport.Notify(RequestQueue);
        }

        /// <summary>
        /// Takes a completed request without waiting: its tag, or false when none has completed.
        /// Call <see cref="Finish"/> on the tag.
        /// </summary>
        public bool TryTakeCompletion(out int tag)
        {
            if (_requests.CompletedWaiting == 0)
                Reap();
            return _requests.TryTakeCompleted(out tag);
        }

        /// <summary>
        /// Waits (bounded by <see cref="VirtioBlockOptions.TimeoutMicroseconds"/>) until some request
        /// completes and returns its tag. On a timeout the device is reset, every request in flight
        /// fails, and the first of them is returned.
        /// </summary>
        public int WaitForCompletion()
        {
            int tag;
            if (TryTakeCompletion(out tag))
                return tag;
            if (_requests.InQueue == 0)
                throw new InvalidOperationException(_name + ": no request in flight to wait for");
            WaitForAny();
            if (!TryTakeCompletion(out tag))
                throw new InvalidOperationException(_name + ": completion expected");
            return tag;
        }

        /// <summary>
        /// Ends a completed request, freeing its tag. Throws a <see cref="BlockDeviceException"/>
        /// naming the device, block and sector when the request failed (IOERR, UNSUPP, a short
        /// transfer, a timeout).
        /// </summary>
        public void Finish(int tag)
        {
            if (!_requests.IsCompleted(tag))
                throw new InvalidOperationException(_name + ": tag " + tag + " is not a completed request");
            BlockRequestSlot slot = _requests[tag];
            string? error = slot.DescribeFailure();
            ulong lba = slot.Sector / (ulong)_sectorsPerBlock;
            bool hasBlock = slot.Type != VirtioBlockRequestType.Flush && slot.Type != VirtioBlockRequestType.GetId;
            // A failure the driver set (a timeout's reset, a shutdown) rather than the device's status byte.
            bool timedOut = slot.Failure != null;
            _requests.Release(tag);
            if (error != null)
                throw new BlockDeviceException(_name, hasBlock ? lba : BlockDeviceException.NoBlock, error, timedOut);
        }

        /// <summary>Requests submitted and not yet finished.</summary>
        public int Outstanding => _requests.Outstanding;

        /// <summary>
        /// Resets the device (it stops all DMA), detaches the interrupt handler and returns the DMA
        /// memory. The device is unusable afterwards.
        /// </summary>
        public void Shutdown()
        {
            VirtioInitializer.Reset(_transport, _platform.Clock);
            _line.Detach();
            _requests.FailInQueue("device shut down");
            _failure = "device shut down";
            _queue.Free();
            _requests.Free();
        }

        // ---- Set-up --------------------------------------------------------------------------

        private bool Has(ulong feature) => (_features & feature) != 0;

        private VirtioBlockConfig ReadConfigOrFail()
        {
            try
            {
                return VirtioBlockConfig.Read(_transport, _features);
            }
            catch (VirtioException)
            {
                VirtioInitializer.Fail(_transport);
                throw;
            }
        }

        // Queue set-up and DRIVER_OK: the tail of §3.1.1, also run again after a reset.
        private void StartQueue()
        {
            _transport.ActivateQueue(RequestQueue, _queue.Size, _queue.DescriptorTableAddress, _queue.AvailableRingAddress, _queue.UsedRingAddress);
            _queue.RequestInterrupts(_line.InUse);
            VirtioInitializer.SetDriverOk(_transport);
        }

        private string ReadSerial()
        {
            int tag = PostCommand(VirtioBlockRequestType.GetId, 0, 0, 0);
            Kick();
            WaitFor(tag);
            BlockRequestSlot slot = _requests[tag];
            if (slot.Failure != null || slot.Status != VirtioBlockRequestType.StatusOk)
            {
                // GET_ID is optional: UNSUPP means "no serial", anything else is a real error.
                bool unsupported = slot.Failure == null && slot.Status == VirtioBlockRequestType.StatusUnsupported;
                if (unsupported) { _requests.Release(tag); return ""; }
                Finish(tag);
            }
            var id = new byte[VirtioBlockRequestType.IdSize];
            _requests.ReadId(tag, id);
            _requests.Release(tag);
            int length = 0;
            while (length < id.Length && id[length] != 0) length++;
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
                chars[i] = id[i] >= 0x20 && id[i] < 0x7F ? (char)id[i] : '?';
            return new string(chars);
        }

        // ---- Requests ------------------------------------------------------------------------

        private int PostData(uint type, ulong lba, int blockCount, byte[] buffer, int offset)
        {
            int length = blockCount * BlockSize;
            if (length > MaxRequestBytes)
                throw new ArgumentOutOfRangeException(nameof(blockCount), _name + ": " + length + " bytes exceed the " + MaxRequestBytes + "-byte request limit");
            if (blockCount == 0)
                throw new ArgumentOutOfRangeException(nameof(blockCount), _name + ": a request moves at least one block");
            return _requests.TryPostData(type, lba * (ulong)_sectorsPerBlock, (uint)(blockCount * _sectorsPerBlock), buffer, offset, length);
        }

        // FLUSH, GET_ID, DISCARD and WRITE_ZEROES, one at a time: each is awaited before the next.
        private int PostCommand(uint type, ulong sector, uint sectorCount, uint flags)
        {
            int tag = _requests.TryPostCommand(type, sector, sectorCount, flags);
            if (tag < 0)
                throw new InvalidOperationException(_name + ": the queue is full; finish outstanding requests before a " + VirtioBlockRequestType.Name(type));
            return tag;
        }

        private void RangeCommand(uint type, ulong feature, string featureName, ulong lba, int blockCount, uint flags, uint maxSectors)
        {
            if (IsReadOnly)
                throw new BlockDeviceException(_name, lba, "device is read-only");
            if (blockCount < 0 || lba > BlockCount || (ulong)blockCount > BlockCount - lba)
                throw new BlockDeviceException(_name, lba, blockCount + " block(s) from here run past the end of the device (" + BlockCount + " blocks)");
            ThrowIfFailed();
            if (!Has(feature))
                throw new BlockDeviceException(_name, lba, "the device does not offer " + featureName);
            ulong perRequest = maxSectors == 0 ? (ulong)_sectorsPerBlock : maxSectors - maxSectors % (uint)_sectorsPerBlock;
            if (perRequest == 0) perRequest = (ulong)_sectorsPerBlock;
            ulong sector = lba * (ulong)_sectorsPerBlock;
            ulong remaining = (ulong)blockCount * (ulong)_sectorsPerBlock;
            while (remaining > 0)
            {
                uint count = (uint)Math.Min(remaining, perRequest);
                int tag = PostCommand(type, sector, count, flags);
                Kick();
                WaitFor(tag);
                Finish(tag);
                sector += count;
                remaining -= count;
            }
        }

        // ---- Completions ---------------------------------------------------------------------

        // Waits until request <paramref name="tag"/> has completed (it may not be the first to).
        private void WaitFor(int tag)
        {
            while (!_requests[tag].Completed)
                WaitForAny();
            _requests.TakeCompleted(tag);
        }

        // Moves every used element to the completed list; a used element the device was never
        // given is a protocol violation that fails the device.
        private void Reap()
        {
            try
            {
                _requests.Reap();
            }
            catch (VirtQueueException error)
            {
                FailDevice(error.Message);
            }
        }

        // Blocks until at least one more completion is in the list; bounded by the timeout. Only
        // new ones count: completions already waiting to be taken must not end the wait at once, or
        // WaitFor would spin on them with no deadline. Polls the used index in RAM (no register
        // access) or sleeps on the interrupt line, and every StatusCheckInterval without progress
        // looks at the status for DEVICE_NEEDS_RESET.
        private void WaitForAny()
        {
            int waiting = _requests.CompletedWaiting;
            Deadline deadline = Deadline.After(_platform.Clock, _options.TimeoutMicroseconds);
            Deadline nextStatusCheck = Deadline.After(_platform.Clock, StatusCheckIntervalMicroseconds);
            while (true)
            {
                Reap();
                if (_requests.CompletedWaiting > waiting) return;
                if (_line.InUse)
                {
                    bool configurationChanged;
                    if (!_line.Wait(SignedInt64.Min(deadline.Remaining, StatusCheckIntervalMicroseconds), out configurationChanged))
                        continue;
                    if (configurationChanged)
                    {
                        CheckDeviceStatus();
                        nextStatusCheck = Deadline.After(_platform.Clock, StatusCheckIntervalMicroseconds);
                    }
                }
                if (nextStatusCheck.Expired)
                {
                    CheckDeviceStatus();
                    nextStatusCheck = Deadline.After(_platform.Clock, StatusCheckIntervalMicroseconds);
                }
                if (deadline.Expired && !_queue.HasUsed())
                {
                    TimeOut();
                    return;
                }
            }
        }

        private void CheckDeviceStatus()
        {
            byte status = _transport.ReadStatus();
            if ((status & VirtioDeviceStatus.DeviceNeedsReset) != 0)
                Recover(status);
            else if ((status & VirtioDeviceStatus.DriverOk) == 0)
                FailDevice("device status became " + VirtioDeviceStatus.Describe(status) + " while requests were in flight");
        }

        // DEVICE_NEEDS_RESET (§2.1.2): reset, initialise again with the same features, and post
        // every request that was in flight once more; a request caught by a second reset fails.
        private void Recover(byte status)
        {
            Recoveries++;
            _platform.Log.WriteLine("[VirtIO] " + _name + ": device needs a reset (status " + VirtioDeviceStatus.Describe(status) + "); re-initialising and resubmitting " + _requests.InQueue + " request(s)");
            ulong wanted = _features & ~VirtioFeatures.Version1;
            ulong features;
            try
            {
                features = VirtioInitializer.Negotiate(_transport, _platform.Clock, wanted);
            }
            catch (VirtioException error)
            {
                FailDevice("re-initialisation after DEVICE_NEEDS_RESET failed: " + error.Message);
                return;
            }
            if (features != _features)
                FailDevice("after DEVICE_NEEDS_RESET the device accepts features 0x" + Hex.Lower(features) + " instead of 0x" + Hex.Lower(_features));
            _queue.Reset();
            StartQueue();
            _requests.Resubmit();
            Kick();
        }

        // No completion in time: the device may still own the buffers, so reset it (which stops its
        // DMA), fail everything in flight, and initialise it again for later requests.
        private void TimeOut()
        {
            string cause = "no completion within " + Duration.Milliseconds(_options.TimeoutMicroseconds) + "; device reset";
            _platform.Log.WriteLine("[VirtIO] " + _name + ": " + cause);
            try
            {
                VirtioInitializer.Reset(_transport, _platform.Clock);
            }
            catch (VirtioException error)
            {
                FailDevice("timed out, and then " + error.Message);
                return;
            }
            _requests.FailInQueue(cause);
            _queue.Reset();
            try
            {
                ulong features = VirtioInitializer.Negotiate(_transport, _platform.Clock, _features & ~VirtioFeatures.Version1);
                if (features != _features)
                    throw new VirtioException("features changed to 0x" + Hex.Lower(features));
                StartQueue();
            }
            catch (VirtioException error)
            {
                _failure = "re-initialisation after a timeout failed: " + error.Message;
            }
        }

        // A protocol violation: stop the device (reset ends its DMA), mark it FAILED, fail what was
        // in flight, and refuse further requests with the same message.
        private void FailDevice(string cause)
        {
            _platform.Log.WriteLine("[VirtIO] " + _name + ": " + cause + "; device marked FAILED");
            _transport.WriteStatus(0);
            _transport.WriteStatus(VirtioDeviceStatus.Failed);
            _requests.FailInQueue(cause);
            _failure = cause;
            throw new BlockDeviceException(_name, "device failed: " + cause);
        }

        private void ThrowIfFailed()
        {
            if (_failure != null)
                throw new BlockDeviceException(_name, "device failed earlier: " + _failure);
        }
    }
}
