using System;
using EclipseOS.Drivers.VirtIO.Device;
using EclipseOS.Drivers.VirtIO.Queue;

namespace EclipseOS.Drivers.VirtIO.Block
{
    /// <summary>
    /// How a virtio block device's transfers are cut, worked out once from what it offers
    /// (VirtIO 1.1 §5.2.4): the block size (BLK_SIZE), the capacity in blocks, data segments of at
    /// most SIZE_MAX bytes and at most SEG_MAX of them per request, a queue size the transport
    /// allows, and from those the largest request and the longest descriptor chain. Values no
    /// request could work with throw a <see cref="VirtioException"/> with the cause; the device
    /// is then marked FAILED by its caller.
    /// </summary>
    internal sealed class VirtioBlockLimits
    {
        /// <summary>The largest block size accepted (BLK_SIZE is a power of two from 512 up to this).</summary>
        public const int MaxBlockSize = 65536;

        // More segments than Linux's own ceiling only lengthen chains; data does not need them.
        private const uint MaxSegments = 1024;
        // Without SIZE_MAX a segment can be as long as a request: the device promises no limit.
        private const uint UnlimitedSegmentBytes = 1u << 30;
        // A chain's descriptors besides the data: the header and the status byte.
        private const int HeaderAndStatus = 2;

        private VirtioBlockLimits(int blockSize, ulong capacitySectors, uint segmentBytes, int queueSize, int maxRequestBytes)
        {
            BlockSize = blockSize;
            SectorsPerBlock = blockSize / VirtioBlockRequestType.SectorSize;
            CapacitySectors = capacitySectors;
            BlockCount = capacitySectors / (ulong)SectorsPerBlock;
            SegmentBytes = segmentBytes;
            QueueSize = queueSize;
            MaxRequestBytes = maxRequestBytes;
            MaxChain = (int)(((uint)maxRequestBytes + segmentBytes - 1) / segmentBytes) + HeaderAndStatus;
        }

        /// <summary>Bytes per block: BLK_SIZE when offered, else 512.</summary>
        public int BlockSize { get; }

        /// <summary>512-byte sectors per block (requests address sectors).</summary>
        public int SectorsPerBlock { get; }

        /// <summary>The capacity field: 512-byte sectors.</summary>
        public ulong CapacitySectors { get; }

        /// <summary>Whole blocks in the capacity.</summary>
        public ulong BlockCount { get; }

        /// <summary>Most bytes one data descriptor carries.</summary>
        public uint SegmentBytes { get; }

        /// <summary>Entries of the request queue.</summary>
        public int QueueSize { get; }

        /// <summary>Largest data transfer of one request, a whole number of blocks.</summary>
        public int MaxRequestBytes { get; }

        /// <summary>Most descriptors in one request's chain: header, data segments, status.</summary>
        public int MaxChain { get; }

        /// <summary>
        /// The limits for a device with <paramref name="config"/> and the negotiated
        /// <paramref name="features"/> whose request queue may have up to <paramref name="queueMax"/>
        /// entries (exactly that many when <paramref name="queueSizeFixed"/>, as on the legacy
        /// transport).
        /// </summary>
        public static VirtioBlockLimits For(VirtioBlockConfig config, ulong features, int queueMax, bool queueSizeFixed, VirtioBlockOptions options)
        {
            if (config.CapacitySectors == 0)
                throw new VirtioException("capacity is 0 sectors: nothing to read or write");
            int blockSize = VirtioBlockRequestType.SectorSize;
            if ((features & VirtioFeatures.BlockBlkSize) != 0)
            {
                uint reported = config.BlkSize;
                if (reported < VirtioBlockRequestType.SectorSize || reported > MaxBlockSize || (reported & (reported - 1)) != 0)
                    throw new VirtioException("blk_size " + reported + " is not a power of two between 512 and " + MaxBlockSize);
                blockSize = (int)reported;
            }
            if (config.CapacitySectors < (ulong)(blockSize / VirtioBlockRequestType.SectorSize))
                throw new VirtioException("capacity of " + config.CapacitySectors + " sectors is less than one " + blockSize + "-byte block");

            uint segmentBytes = UnlimitedSegmentBytes;
            if ((features & VirtioFeatures.BlockSizeMax) != 0)
            {
                segmentBytes = config.SizeMax & ~(uint)(VirtioBlockRequestType.SectorSize - 1);
                if (segmentBytes == 0)
                    throw new VirtioException("size_max " + config.SizeMax + " is smaller than one 512-byte sector");
            }
            // Without SEG_MAX the device promises nothing beyond one data segment (Linux assumes the same).
            int maxSegments = (features & VirtioFeatures.BlockSegMax) != 0 && config.SegMax > 0 ? (int)Math.Min(config.SegMax, MaxSegments) : 1;
            int queueSize = ChooseQueueSize(queueMax, queueSizeFixed, options.MaxQueueSize);
            if ((features & VirtioFeatures.RingIndirectDesc) == 0)
            {
                // A direct chain (header, data…, status) must fit in the ring itself.
                if (queueSize < HeaderAndStatus + 1)
                    throw new VirtioException("a queue of " + queueSize + " entries cannot hold a request (header, data, status) without indirect descriptors");
                maxSegments = Math.Min(maxSegments, queueSize - HeaderAndStatus);
            }
            ulong requestBytes = Math.Min((ulong)options.MaxRequestBytes, (ulong)maxSegments * segmentBytes);
            requestBytes -= requestBytes % (uint)blockSize;
            if (requestBytes < (uint)blockSize)
                throw new VirtioException("SEG_MAX " + maxSegments + " x SIZE_MAX " + segmentBytes + " bytes cannot carry one " + blockSize + "-byte block");
            return new VirtioBlockLimits(blockSize, config.CapacitySectors, segmentBytes, queueSize, (int)requestBytes);
        }

        // The largest power of two the transport and the options allow; a legacy queue's size is fixed.
        private static int ChooseQueueSize(int max, bool fixedSize, int wanted)
        {
            if (max <= 0)
                throw new VirtioException("request queue 0 does not exist (queue size 0)"); // the device's only queue
            if (fixedSize)
            {
                if ((max & (max - 1)) != 0 || max > SplitVirtQueue.MaxSize)
                    throw new VirtioException("queue size " + max + " is not a power of two up to " + SplitVirtQueue.MaxSize);
                return max;
            }
            int size = 1;
            while (size * 2 <= max && size * 2 <= wanted && size * 2 <= SplitVirtQueue.MaxSize)
                size *= 2;
            return size;
        }
    }
}
