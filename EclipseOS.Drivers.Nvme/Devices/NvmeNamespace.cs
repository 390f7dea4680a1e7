using System;
using System.Collections.Generic;
using EclipseOS.Drivers.Nvme.Commands;
using EclipseOS.Drivers.Nvme.Identify;
using EclipseOS.Drivers.Nvme.Queues;
using EclipseOS.Hal;
using EclipseOS.Storage;
using EclipseOS.Storage.Requests;

namespace EclipseOS.Drivers.Nvme.Devices
{
    /// <summary>
    /// One active namespace of an NVMe controller as a block device: Read and Write split into
    /// commands of at most <see cref="NvmeController.MaxTransferBytes"/> that are all in flight
    /// at once (up to the I/O queue's depth) and announced by one doorbell write per batch
    /// (<see cref="QueuedTransfer"/> over this namespace's <see cref="IRequestQueue"/>, the
    /// machinery virtio shares), Flush, and <see cref="Discard"/> by Dataset Management where
    /// the controller supports it.
    /// </summary>
    public sealed class NvmeNamespace : IBlockDevice, ICompletionStatistics, IBlockTransfer, IRequestQueue
    {
        /// <summary>Most blocks one deallocation range covers when the controller states no limit: well inside its 32-bit length field.</summary>
        private const uint MaxRangeBlocks = 0x80000000;

        private readonly NvmeController _controller;
        // The namespace's reads and writes in flight by tag, and the tags not yet taken, oldest
        // first: completions are awaited in submission order, as the commands were cut from the range.
        private readonly NvmeRequest?[] _requests;
        private readonly RequestTags _tags;
        private readonly List<int> _waiting = new List<int>();

        internal NvmeNamespace(NvmeController controller, uint namespaceId, IdentifyNamespace identify)
        {
            _controller = controller;
            // As many as the I/O queue has slots (one entry of the ring always stays empty).
            _requests = new NvmeRequest?[controller.IoQueueEntries - 1];
            _tags = new RequestTags(controller.IoQueueEntries - 1);
            NamespaceId = namespaceId;
            Identify = identify;
            BlockSize = 1 << identify.BlockSizeExponent;
            BlockCount = identify.Size;
            Name = BlockDeviceManager.NvmeName(controller.Index, namespaceId);
        }

        /// <summary>The controller the namespace is on.</summary>
        public NvmeController Controller => _controller;

        /// <summary>The namespace ID (NSID), from 1.</summary>
        public uint NamespaceId { get; }

        /// <summary>The Identify Namespace data.</summary>
        public IdentifyNamespace Identify { get; }

        /// <summary>Whether <see cref="Discard"/> is available: the controller supports Dataset Management (ONCS bit 2).</summary>
        public bool SupportsDiscard => _controller.Identify.SupportsDatasetManagement;

        /// <inheritdoc />
        public string Name { get; set; }

        /// <inheritdoc />
        public int BlockSize { get; }

        /// <inheritdoc />
        public ulong BlockCount { get; }

        /// <inheritdoc />
        public bool IsReadOnly => false;

        /// <inheritdoc />
        public string Description => _controller.Identify.Model + " (serial " + _controller.Identify.Serial + ", firmware " + _controller.Identify.Firmware + ", nsid " + NamespaceId + ")";

        /// <inheritdoc />
        public string Completion => _controller.Completion;

        /// <inheritdoc />
        public ulong Interrupts => _controller.InterruptCount;

        /// <inheritdoc />
        public void Read(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.Check(this, lba, blockCount, buffer, offset);
            // A completion's status is per command: a failure is narrowed down to the block that fails.
            FailedRange.Transfer(this, false, lba, blockCount, buffer, offset, BlockSize);
        }

        /// <inheritdoc />
        /// <remarks>One try, no narrowing: a failure names the first block of the range.</remarks>
        public void TransferBlocks(bool write, ulong lba, int blockCount, byte[] buffer, int offset) => QueuedTransfer.Run(this, write, lba, blockCount, buffer, offset);

        /// <inheritdoc />
        public int MaxRequestBlocks => _controller.MaxTransferBytes / BlockSize;

        /// <inheritdoc />
        /// <remarks>Throws when the controller is out of service; every request of the namespace in flight is then given up.</remarks>
        public int TrySubmit(bool write, ulong lba, int blockCount, byte[] buffer, int offset)
        {
            if (write)
                BlockRange.CheckWrite(this, lba, blockCount, buffer, offset);
            else
                BlockRange.Check(this, lba, blockCount, buffer, offset);
            if (blockCount < 1 || blockCount > MaxRequestBlocks)
                throw new ArgumentOutOfRangeException(nameof(blockCount), Name + ": a request moves 1-" + MaxRequestBlocks + " blocks, not " + blockCount);
            if (!_tags.HasFree || !_controller.HasFreeIoSlot)
                return -1;
            var request = new NvmeRequest(NvmCommands.ReadWrite(write, NamespaceId, lba, blockCount), (write ? "write of " : "read of ") + blockCount + (blockCount == 1 ? " block" : " blocks"), lba);
            request.Transfer = DmaTransfer.Begin(_controller.Platform.Dma, buffer, offset, blockCount * BlockSize, write);
            int tag = _tags.Take();
            _requests[tag] = request;
            _waiting.Add(tag);
            try
            {
                Enqueue(request);
            }
            catch (Exception)
            {
                GiveUpAll();
                throw;
            }
            return tag;
        }

        /// <inheritdoc />
        public void Kick() => _controller.RingIo();

        /// <inheritdoc />
        public bool TryTakeCompletion(out int tag)
        {
            tag = -1;
            if (_waiting.Count == 0 || !_requests[_waiting[0]]!.Done)
                return false;
            tag = _waiting[0];
            _waiting.RemoveAt(0);
            return true;
        }

        /// <inheritdoc />
        /// <remarks>
        /// Waits for the oldest request. A timeout or a fatal status resets the controller, which
        /// gives up every request in flight: their buffers are handed back and the error thrown.
        /// </remarks>
        public int WaitForCompletion()
        {
            if (_waiting.Count == 0)
                throw new InvalidOperationException(Name + ": no request in flight to wait for");
            int tag = _waiting[0];
            try
            {
                _controller.Wait(_requests[tag]!, Name);
            }
            catch (Exception)
            {
                GiveUpAll();
                throw;
            }
            _waiting.RemoveAt(0);
            return tag;
        }

        /// <inheritdoc />
        public void Finish(int tag)
        {
            NvmeRequest? request = _tags.IsTaken(tag) ? _requests[tag] : null;
            if (request == null || !request.Done || _waiting.Contains(tag))
                throw new InvalidOperationException(Name + ": tag " + tag + " is not a completed request");
            _requests[tag] = null;
            _tags.Release(tag);
            request.Transfer!.End();
            if (!request.Succeeded)
                throw Failed(request);
        }

        // After a controller reset gave up the namespace's requests (or it is out of service), the
        // device no longer touches their buffers: hand them back and free every tag.
        private void GiveUpAll()
        {
            for (int tag = 0; tag < _requests.Length; tag++)
            {
                NvmeRequest? request = _requests[tag];
                if (request == null)
                    continue;
                _requests[tag] = null;
                request.Transfer!.End();
            }
            _waiting.Clear();
            _tags.ReleaseAll();
        }

        /// <inheritdoc />
        public void Write(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.CheckWrite(this, lba, blockCount, buffer, offset);
            FailedRange.Transfer(this, true, lba, blockCount, buffer, offset, BlockSize);
        }

        /// <inheritdoc />
        public void Flush()
        {
            var request = new NvmeRequest(NvmCommands.FlushCommand(NamespaceId), "flush", BlockDeviceException.NoBlock);
            Run(request);
        }

        /// <summary>
        /// Deallocates <paramref name="blockCount"/> blocks from <paramref name="lba"/> (Dataset
        /// Management with the deallocate attribute, NVMe Base 1.4 §6.7), in ranges no longer than
        /// the controller's DMRSL and up to 256 ranges per command: the controller may
        /// forget their contents; what they read as afterwards is the namespace's DLFEAT
        /// (<see cref="IdentifyNamespace.DeallocateReadsZeros"/>). Throws when
        /// <see cref="SupportsDiscard"/> is false.
        /// </summary>
        public void Discard(ulong lba, ulong blockCount)
        {
            if (!SupportsDiscard)
                throw new BlockDeviceException(Name, lba, "discard is not supported: the controller has no Dataset Management command");
            if (lba > BlockCount || blockCount > BlockCount - lba)
                throw new BlockDeviceException(Name, lba, blockCount + " block(s) from here run past the end of the device (" + BlockCount + " blocks)");
            uint limit = _controller.MaxDeallocateBlocks;
            uint perRange = limit != 0 && limit < MaxRangeBlocks ? limit : MaxRangeBlocks;
            var ranges = new byte[NvmCommands.MaxRanges * NvmCommands.RangeBytes];
            while (blockCount > 0)
            {
                ulong first = lba;
                int count = 0;
                while (blockCount > 0 && count < NvmCommands.MaxRanges)
                {
                    uint blocks = blockCount < perRange ? (uint)blockCount : perRange;
                    NvmCommands.PutRange(ranges, count++, lba, blocks);
                    lba += blocks;
                    blockCount -= blocks;
                }
                var request = new NvmeRequest(NvmCommands.Deallocate(NamespaceId, count), "discard of " + (lba - first) + " blocks", first);
                request.Transfer = DmaTransfer.Begin(_controller.Platform.Dma, ranges, 0, count * NvmCommands.RangeBytes, true);
                Run(request);
            }
        }

        // One command, waited for; its DMA ended whatever happens.
        private void Run(NvmeRequest request)
        {
            try
            {
                Enqueue(request);
                _controller.RingIo();
                _controller.Wait(request, Name);
            }
            catch (Exception)
            {
                // No finally: IL2CPU hangs or loses an exception that passes through one (EOS011).
                request.Transfer?.End();
                throw;
            }
            request.Transfer?.End();
            if (!request.Succeeded)
                throw Failed(request);
        }

        private void Enqueue(NvmeRequest request)
        {
            if (request.Transfer != null)
            {
                request.DataAddress = request.Transfer.Address;
                request.DataLength = request.Transfer.Length;
            }
            _controller.EnqueueIo(request, Name);
        }

        private NvmeCommandException Failed(NvmeRequest request) =>
            NvmeCommandException.For(Name, request.Lba, request.Description + " failed: " + NvmeStatus.Describe(request.Status), request.Status, false);
    }
}
