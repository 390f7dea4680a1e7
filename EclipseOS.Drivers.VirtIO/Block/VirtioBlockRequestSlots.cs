using System;
using System.Collections.Generic;
using EclipseOS.Drivers.VirtIO.Queue;
using EclipseOS.Hal;
using EclipseOS.Hal.Dma;
using EclipseOS.Storage.Requests;

namespace EclipseOS.Drivers.VirtIO.Block
{
    /// <summary>
    /// The requests of a virtio block device: one slot per queue entry, each with 64 bytes of DMA
    /// memory for its header, payload and status byte (VirtIO 1.1 §5.2.6). Posts requests as
    /// descriptor chains, turns used elements back into completed slots (in the order the device
    /// finished them), and after a device reset posts or fails what was in flight. The tag of a
    /// request is its slot number and the chain's token.
    /// </summary>
    internal sealed class VirtioBlockRequestSlots
    {
        // A slot's DMA bytes: the header (type, reserved, sector) at 0; the DISCARD / WRITE_ZEROES
        // range segment or the GET_ID answer at 16; the status byte at 48.
        private const int SlotBytes = 64;
        private const int SlotExtra = 16;
        private const int SlotStatus = 48;
        // Descriptors of a request that carries no caller data: header, payload, status.
        private const int CommandDescriptors = 3;

        private readonly IPlatform _platform;
        private readonly SplitVirtQueue _queue;
        private readonly IDmaBuffer _memory;
        private readonly BlockRequestSlot[] _slots;
        private readonly RequestTags _tags;
        private readonly List<int> _completed = new List<int>();
        private readonly VirtqBuffer[] _buffers;
        private readonly byte[] _scratch = new byte[SlotStatus + 1];
        private readonly uint _segmentBytes;

        /// <summary>
        /// One slot per entry of <paramref name="queue"/>; a data transfer is cut into descriptors of
        /// at most <paramref name="segmentBytes"/>, and a chain has at most <paramref name="maxChain"/>.
        /// </summary>
        public VirtioBlockRequestSlots(IPlatform platform, SplitVirtQueue queue, int maxChain, uint segmentBytes)
        {
            _platform = platform;
            _queue = queue;
            _segmentBytes = segmentBytes;
            _buffers = new VirtqBuffer[maxChain];
            _memory = platform.Dma.Allocate(queue.Size * SlotBytes, SlotBytes);
            _slots = new BlockRequestSlot[queue.Size];
            for (int i = 0; i < _slots.Length; i++)
                _slots[i] = new BlockRequestSlot();
            _tags = new RequestTags(queue.Size);
        }

        /// <summary>The device's name in messages (it changes when the device manager names the disk).</summary>
        public string Name { get; set; } = "virtio-blk";

        /// <summary>The slot of <paramref name="tag"/>.</summary>
        public BlockRequestSlot this[int tag] => _slots[tag];

        /// <summary>Slots in all (the queue size).</summary>
        public int Count => _slots.Length;

        /// <summary>Requests taken and not yet released.</summary>
        public int Outstanding => _tags.InFlight;

        /// <summary>Requests posted to the device and not yet used by it.</summary>
        public int InQueue { get; private set; }

        /// <summary>Completed requests not yet taken.</summary>
        public int CompletedWaiting => _completed.Count;

        /// <summary>Whether <paramref name="tag"/> names a request that completed and is not yet released.</summary>
        public bool IsCompleted(int tag) => tag >= 0 && tag < _slots.Length && _slots[tag].Busy && _slots[tag].Completed;

        /// <summary>
        /// Posts a read (IN) or write (OUT) of <paramref name="length"/> bytes of the caller's buffer at
        /// <paramref name="sector"/>, shared with the device rather than copied; returns its tag, or
        /// -1 when no slot or not enough descriptors are free.
        /// </summary>
        public int TryPostData(uint type, ulong sector, uint sectorCount, byte[] buffer, int offset, int length)
        {
            int segments = (int)(((uint)length + _segmentBytes - 1) / _segmentBytes);
            if (!_tags.HasFree || !_queue.CanAdd(segments + 2))
                return -1;
            int tag = Take(type, sector, sectorCount);
            BlockRequestSlot slot = _slots[tag];
            slot.Data = buffer;
            slot.Offset = offset;
            slot.Length = length;
            slot.Direction = type == VirtioBlockRequestType.In ? DmaDirection.DeviceToDriver : DmaDirection.DriverToDevice;
            slot.DeviceAddress = _platform.Dma.Share(buffer, offset, length, slot.Direction);
            slot.Shared = true;
            Post(tag, slot);
            return tag;
        }

        /// <summary>
        /// Posts FLUSH, GET_ID, DISCARD or WRITE_ZEROES, whose payload (if any) lives in the slot;
        /// returns its tag, or -1 when the queue is full.
        /// </summary>
        public int TryPostCommand(uint type, ulong sector, uint sectorCount, uint flags)
        {
            if (!_tags.HasFree || !_queue.CanAdd(CommandDescriptors))
                return -1;
            int tag = Take(type, sector, sectorCount);
            BlockRequestSlot slot = _slots[tag];
            slot.RangeFlags = flags;
            slot.Data = null;
            slot.Length = 0;
            slot.Shared = false;
            Post(tag, slot);
            return tag;
        }

        /// <summary>
        /// Moves every element the device used to the completed list: the caller's data handed back,
        /// the status byte read. Throws <see cref="VirtQueueException"/> when the device used an
        /// element it was not given; what was taken before stays completed.
        /// </summary>
        public void Reap()
        {
            int token;
            uint length;
            while (_queue.TryTakeUsed(out token, out length))
            {
                BlockRequestSlot slot = _slots[token];
                InQueue--;
                slot.InQueue = false;
                slot.UsedLength = length;
                Unshare(slot);
                slot.Status = _memory.Read8(token * SlotBytes + SlotStatus);
                slot.Completed = true;
                _completed.Add(token);
            }
        }

        /// <summary>Takes the oldest completed request not yet taken: its tag, or false when there is none.</summary>
        public bool TryTakeCompleted(out int tag)
        {
            if (_completed.Count == 0)
            {
                tag = -1;
                return false;
            }
            tag = _completed[0];
            _completed.RemoveAt(0);
            return true;
        }

        /// <summary>Takes the completed request <paramref name="tag"/> out of the completed list (it may not be the oldest).</summary>
        public void TakeCompleted(int tag) => _completed.Remove(tag);

        /// <summary>Copies the GET_ID answer of the completed request <paramref name="tag"/> into <paramref name="id"/>.</summary>
        public void ReadId(int tag, byte[] id) => _memory.Read(tag * SlotBytes + SlotExtra, id, 0, VirtioBlockRequestType.IdSize);

        /// <summary>Frees the slot of <paramref name="tag"/>; the caller's buffer is no longer referenced.</summary>
        public void Release(int tag)
        {
            BlockRequestSlot slot = _slots[tag];
            slot.Busy = false;
            slot.Completed = false;
            slot.Data = null;
            _tags.Release(tag);
        }

        /// <summary>
        /// After a reset caught requests in the queue (DEVICE_NEEDS_RESET, §2.1.2) and the queue
        /// was set up again: posts each of them once more, or completes it as failed when a reset
        /// already caught it once. The caller notifies the device.
        /// </summary>
        public void Resubmit()
        {
            InQueue = 0;
            for (int tag = 0; tag < _slots.Length; tag++)
            {
                BlockRequestSlot slot = _slots[tag];
                if (!slot.Busy || !slot.InQueue) continue;
                slot.InQueue = false;
                if (slot.Attempts >= 2)
                {
                    Complete(tag, slot, "the device needed a reset twice while this request was in flight");
                    continue;
                }
                Post(tag, slot);
            }
        }

        /// <summary>
        /// Completes every request still in the queue as failed with <paramref name="cause"/>, once
        /// the device can no longer touch their buffers (it was reset or marked FAILED).
        /// </summary>
        public void FailInQueue(string cause)
        {
            for (int tag = 0; tag < _slots.Length; tag++)
            {
                BlockRequestSlot slot = _slots[tag];
                if (!slot.Busy || !slot.InQueue) continue;
                slot.InQueue = false;
                Complete(tag, slot, cause);
            }
            InQueue = 0;
        }

        /// <summary>Returns the slots' DMA memory (after the device was reset).</summary>
        public void Free() => _memory.Free();

        private int Take(uint type, ulong sector, uint sectorCount)
        {
            int tag = _tags.Take();
            BlockRequestSlot slot = _slots[tag];
            slot.Type = type;
            slot.Sector = sector;
            slot.SectorCount = sectorCount;
            slot.Busy = true;
            slot.Completed = false;
            slot.InQueue = false;
            slot.Attempts = 0;
            slot.Failure = null;
            slot.Status = BlockRequestSlot.StatusNotWritten;
            slot.UsedLength = 0;
            return tag;
        }

        private void Complete(int tag, BlockRequestSlot slot, string failure)
        {
            Unshare(slot);
            slot.Failure = failure;
            slot.Completed = true;
            _completed.Add(tag);
        }

        // Header, the range segment of DISCARD / WRITE_ZEROES, and the status byte preset to a
        // value the device never writes, in one write to the slot; then the chain.
        private void Post(int tag, BlockRequestSlot slot)
        {
            byte[] s = _scratch;
            Array.Clear(s, 0, s.Length);
            PutLe32(s, 0, slot.Type);
            PutLe64(s, 8, slot.Type == VirtioBlockRequestType.In || slot.Type == VirtioBlockRequestType.Out ? slot.Sector : 0);
            bool range = slot.Type == VirtioBlockRequestType.Discard || slot.Type == VirtioBlockRequestType.WriteZeroes;
            if (range)
            {
                PutLe64(s, SlotExtra, slot.Sector);
                PutLe32(s, SlotExtra + 8, slot.SectorCount);
                PutLe32(s, SlotExtra + 12, slot.RangeFlags);
            }
            s[SlotStatus] = BlockRequestSlot.StatusNotWritten;
            _memory.Write(tag * SlotBytes, s, 0, s.Length);

            ulong slotAddress = _memory.PhysicalAddress + (ulong)(tag * SlotBytes);
            int count = 0;
            _buffers[count++] = new VirtqBuffer(slotAddress, VirtioBlockRequestType.HeaderSize, false);
            if (slot.Shared)
            {
                bool writable = slot.Type == VirtioBlockRequestType.In;
                for (int done = 0; done < slot.Length;)
                {
                    uint piece = Math.Min(_segmentBytes, (uint)(slot.Length - done));
                    _buffers[count++] = new VirtqBuffer(slot.DeviceAddress + (ulong)done, piece, writable);
                    done += (int)piece;
                }
            }
            else if (slot.Type == VirtioBlockRequestType.GetId)
            {
                _buffers[count++] = new VirtqBuffer(slotAddress + SlotExtra, VirtioBlockRequestType.IdSize, true);
            }
            else if (range)
            {
                _buffers[count++] = new VirtqBuffer(slotAddress + SlotExtra, VirtioBlockRequestType.RangeSegmentSize, false);
            }
            _buffers[count++] = new VirtqBuffer(slotAddress + SlotStatus, 1, true);
            if (!_queue.TryAdd(_buffers, count, tag))
                throw new InvalidOperationException(Name + ": queue refused a request it had room for");
            slot.InQueue = true;
            slot.Attempts++;
            InQueue++;
        }

        private void Unshare(BlockRequestSlot slot)
        {
            if (!slot.Shared || slot.Data == null) return;
            _platform.Dma.Unshare(slot.DeviceAddress, slot.Data, slot.Offset, slot.Length, slot.Direction);
            slot.Shared = false;
        }

        private static void PutLe32(byte[] target, int at, uint value)
        {
            target[at] = (byte)value;
            target[at + 1] = (byte)(value >> 8);
            target[at + 2] = (byte)(value >> 16);
            target[at + 3] = (byte)(value >> 24);
        }

        private static void PutLe64(byte[] target, int at, ulong value)
        {
            PutLe32(target, at, (uint)value);
            PutLe32(target, at + 4, (uint)(value >> 32));
        }
    }
}
