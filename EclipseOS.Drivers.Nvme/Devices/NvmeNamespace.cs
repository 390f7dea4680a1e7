using System;
using System.Collections.Generic;
using EclipseOS.Drivers.Nvme.Commands;
using EclipseOS.Drivers.Nvme.Identify;
using EclipseOS.Drivers.Nvme.Queues;
using EclipseOS.Hal;
using EclipseOS.Storage;

namespace EclipseOS.Drivers.Nvme.Devices
{
    /// <summary>
    /// One active namespace of an NVMe controller as a block device: Read and Write split into
    /// commands of at most <see cref="NvmeController.MaxTransferBytes"/> that are all in flight
    /// at once (up to the I/O queue's depth), Flush, and <see cref="Discard"/> by Dataset
    /// Management where the controller supports it.
    /// </summary>
    public sealed class NvmeNamespace : IBlockDevice, ICompletionStatistics, IBlockTransfer
    {
        /// <summary>Most blocks one deallocation range covers when the controller states no limit: well inside its 32-bit length field.</summary>
        private const uint MaxRangeBlocks = 0x80000000;

        private readonly NvmeController _controller;
        private readonly List<NvmeRequest> _inFlight = new List<NvmeRequest>();

        internal NvmeNamespace(NvmeController controller, uint namespaceId, IdentifyNamespace identify)
        {
            _controller = controller;
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
        public void TransferBlocks(bool write, ulong lba, int blockCount, byte[] buffer, int offset) => Transfer(write, lba, blockCount, buffer, offset);

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
                Submit(request);
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

        private void Submit(NvmeRequest request)
        {
            if (request.Transfer != null)
            {
                request.DataAddress = request.Transfer.Address;
                request.DataLength = request.Transfer.Length;
            }
            _controller.SubmitIo(request, Name);
        }

        /// <summary>
        /// Moves the blocks as commands of at most MaxTransferBytes, keeping the queue full: new
        /// commands go in while slots are free, the oldest is awaited. After a failed command no
        /// new ones are started, those in flight are awaited (their buffers stay shared until the
        /// controller is done), then the first failure is thrown.
        /// </summary>
        private void Transfer(bool write, ulong lba, int blockCount, byte[] buffer, int offset)
        {
            int perCommand = _controller.MaxTransferBytes / BlockSize;
            NvmeCommandException? failure = null;
            _inFlight.Clear();
            try
            {
                while ((blockCount > 0 && failure == null) || _inFlight.Count > 0)
                {
                    while (blockCount > 0 && failure == null && _controller.HasFreeIoSlot)
                    {
                        int blocks = blockCount < perCommand ? blockCount : perCommand;
                        var request = new NvmeRequest(NvmCommands.ReadWrite(write, NamespaceId, lba, blocks), (write ? "write of " : "read of ") + blocks + (blocks == 1 ? " block" : " blocks"), lba);
                        request.Transfer = DmaTransfer.Begin(_controller.Platform.Dma, buffer, offset, blocks * BlockSize, write);
                        _inFlight.Add(request);
                        Submit(request);
                        lba += (ulong)blocks;
                        offset += blocks * BlockSize;
                        blockCount -= blocks;
                    }
                    NvmeRequest oldest = _inFlight[0];
                    _controller.Wait(oldest, Name);
                    _inFlight.RemoveAt(0);
                    oldest.Transfer!.End();
                    if (!oldest.Succeeded && failure == null)
                        failure = Failed(oldest);
                }
            }
            catch (Exception)
            {
                // The requests left were given up by a controller reset, so the device no longer
                // touches them. (No finally: IL2CPU hangs or loses an exception that passes through one, EOS011.)
                for (int i = 0; i < _inFlight.Count; i++)
                    _inFlight[i].Transfer!.End();
                _inFlight.Clear();
                throw;
            }
            if (failure != null)
                throw failure;
        }

        private NvmeCommandException Failed(NvmeRequest request) =>
            NvmeCommandException.For(Name, request.Lba, request.Description + " failed: " + NvmeStatus.Describe(request.Status), request.Status, false);
    }
}
