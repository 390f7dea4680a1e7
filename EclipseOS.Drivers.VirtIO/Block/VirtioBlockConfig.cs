using EclipseOS.Drivers.VirtIO.Device;
using EclipseOS.Drivers.VirtIO.Transport;

namespace EclipseOS.Drivers.VirtIO.Block
{
    /// <summary>
    /// The block device's configuration (VirtIO 1.1 §5.2.4), read as one consistent snapshot:
    /// the fields are read between two reads of <c>config_generation</c>, again until both agree
    /// (§2.4.1), a bounded number of times.
    /// </summary>
    public sealed class VirtioBlockConfig
    {
        // struct virtio_blk_config (§5.2.4).
        private const int Capacity = 0;               // le64, 512-byte sectors
        private const int SizeMaxField = 8;           // le32
        private const int SegMaxField = 12;           // le32
        private const int BlkSizeField = 20;          // le32
        /// <summary>Offset of the <c>writeback</c> byte (CONFIG_WCE); read live, since the driver may switch it.</summary>
        public const int WritebackField = 32;         // u8
        private const int MaxDiscardSectorsField = 36;     // le32
        private const int MaxWriteZeroesSectorsField = 48; // le32

        /// <summary>How often a read is retried while the generation keeps changing.</summary>
        public const int MaxGenerationRetries = 16;

        private VirtioBlockConfig()
        {
        }

        /// <summary>Capacity in 512-byte sectors, whatever the block size.</summary>
        public ulong CapacitySectors { get; private set; }
        /// <summary>Largest segment in bytes (SIZE_MAX), 0 when not negotiated.</summary>
        public uint SizeMax { get; private set; }
        /// <summary>Most data segments per request (SEG_MAX), 0 when not negotiated.</summary>
        public uint SegMax { get; private set; }
        /// <summary>Logical block size (BLK_SIZE), 0 when not negotiated.</summary>
        public uint BlkSize { get; private set; }
        /// <summary>Most sectors per DISCARD segment.</summary>
        public uint MaxDiscardSectors { get; private set; }
        /// <summary>Most sectors per WRITE_ZEROES segment.</summary>
        public uint MaxWriteZeroesSectors { get; private set; }

        /// <summary>Reads the fields that <paramref name="features"/> make valid, consistently.</summary>
        public static VirtioBlockConfig Read(IVirtioTransport transport, ulong features)
        {
            for (int attempt = 0; attempt < MaxGenerationRetries; attempt++)
            {
                byte before = transport.ReadConfigGeneration();
                var config = new VirtioBlockConfig();
                // A 64-bit field is two 32-bit reads (§4.1.3.1, §4.2.2.2); the generation check makes the pair consistent.
                ulong low = transport.ReadConfig32(Capacity);
                ulong high = transport.ReadConfig32(Capacity + 4);
                config.CapacitySectors = (high << 32) | low;
                if ((features & VirtioFeatures.BlockSizeMax) != 0) config.SizeMax = transport.ReadConfig32(SizeMaxField);
                if ((features & VirtioFeatures.BlockSegMax) != 0) config.SegMax = transport.ReadConfig32(SegMaxField);
                if ((features & VirtioFeatures.BlockBlkSize) != 0) config.BlkSize = transport.ReadConfig32(BlkSizeField);
                if ((features & VirtioFeatures.BlockDiscard) != 0) config.MaxDiscardSectors = transport.ReadConfig32(MaxDiscardSectorsField);
                if ((features & VirtioFeatures.BlockWriteZeroes) != 0) config.MaxWriteZeroesSectors = transport.ReadConfig32(MaxWriteZeroesSectorsField);
                if (transport.ReadConfigGeneration() == before)
                    return config;
            }
            throw new VirtioException(VirtioInitializer.Name(transport) + ": configuration generation changed during each of " + MaxGenerationRetries + " reads; no consistent configuration");
        }
    }
}
