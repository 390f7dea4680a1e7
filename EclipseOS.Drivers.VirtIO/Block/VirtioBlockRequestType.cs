namespace EclipseOS.Drivers.VirtIO.Block
{
    /// <summary>Request types and status values of virtio-blk (VirtIO 1.1 §5.2.6).</summary>
    public static class VirtioBlockRequestType
    {
        /// <summary>Read sectors (VIRTIO_BLK_T_IN).</summary>
        public const uint In = 0;
        /// <summary>Write sectors (VIRTIO_BLK_T_OUT).</summary>
        public const uint Out = 1;
        /// <summary>Flush the write cache (VIRTIO_BLK_T_FLUSH).</summary>
        public const uint Flush = 4;
        /// <summary>Read the 20-byte device ID string (VIRTIO_BLK_T_GET_ID).</summary>
        public const uint GetId = 8;
        /// <summary>Discard sectors (VIRTIO_BLK_T_DISCARD).</summary>
        public const uint Discard = 11;
        /// <summary>Write zeroes (VIRTIO_BLK_T_WRITE_ZEROES).</summary>
        public const uint WriteZeroes = 13;

        /// <summary>Status: success.</summary>
        public const byte StatusOk = 0;
        /// <summary>Status: the device or its backend failed.</summary>
        public const byte StatusIoError = 1;
        /// <summary>Status: request type not supported.</summary>
        public const byte StatusUnsupported = 2;

        /// <summary>Bytes of the request header: le32 type, le32 reserved, le64 sector.</summary>
        public const int HeaderSize = 16;
        /// <summary>Bytes of a GET_ID answer.</summary>
        public const int IdSize = 20;
        /// <summary>Bytes of one discard / write-zeroes segment: le64 sector, le32 num_sectors, le32 flags.</summary>
        public const int RangeSegmentSize = 16;
        /// <summary>Write-zeroes segment flag: the device may unmap the range.</summary>
        public const uint FlagUnmap = 1;
        /// <summary>Size of a virtio sector, whatever the logical block size.</summary>
        public const int SectorSize = 512;

        /// <summary>A name for messages.</summary>
        public static string Name(uint type)
        {
            switch (type)
            {
                case In: return "read";
                case Out: return "write";
                case Flush: return "flush";
                case GetId: return "get-id";
                case Discard: return "discard";
                case WriteZeroes: return "write-zeroes";
                default: return "request type " + type;
            }
        }
    }
}
