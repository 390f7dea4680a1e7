using EclipseOS.Drivers.Ahci.Port;
using EclipseOS.Drivers.Ata.Identify;
using EclipseOS.Drivers.Ata.Registers;
using EclipseOS.Storage;

namespace EclipseOS.Drivers.Ahci.Devices
{
    /// <summary>
    /// A SATA disk behind an AHCI port as a block device of 512-byte sectors: READ/WRITE DMA EXT
    /// (DMA without EXT below 2^28 on disks without LBA48), FLUSH CACHE EXT for <see cref="Flush"/>,
    /// transfers of up to 1 MiB per command.
    /// </summary>
    public sealed class AhciDisk : IBlockDevice, ICompletionStatistics
    {
        private const int SectorSize = 512;

        private readonly AhciPort _port;
        private readonly AhciController _controller;

        internal AhciDisk(AhciController controller, AhciPort port, IdentifyData identify)
        {
            _controller = controller;
            _port = port;
            Identify = identify;
            BlockCount = identify.SectorCount;
            Name = port.Name;
        }

        /// <summary>The IDENTIFY DEVICE data.</summary>
        public IdentifyData Identify { get; }

        /// <summary>The port the disk is on.</summary>
        public AhciPort Port => _port;

        /// <inheritdoc />
        public string Name
        {
            get => _port.Name;
            set => _port.Name = value;
        }

        /// <inheritdoc />
        public int BlockSize => SectorSize;

        /// <inheritdoc />
        public ulong BlockCount { get; }

        /// <inheritdoc />
        public bool IsReadOnly => false;

        /// <inheritdoc />
        public string Description => Identify.Model + " (serial " + Identify.Serial + ", firmware " + Identify.Firmware + ")";

        /// <inheritdoc />
        public string Completion => _port.UsesInterrupts ? "IRQ " + _port.InterruptLine : "polling";

        /// <inheritdoc />
        public ulong Interrupts => _controller.InterruptCount;

        /// <inheritdoc />
        public void Read(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.Check(this, lba, blockCount, buffer, offset);
            Transfer(false, lba, blockCount, buffer, offset);
        }

        /// <inheritdoc />
        public void Write(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.CheckWrite(this, lba, blockCount, buffer, offset);
            Transfer(true, lba, blockCount, buffer, offset);
        }

        /// <inheritdoc />
        public void Flush()
        {
            var command = new AhciCommand
            {
                Code = Identify.SupportsFlushCacheExt ? AtaCommands.FlushCacheExt : AtaCommands.FlushCache,
                Device = CommandDevice,
            };
            _port.Execute(command);
        }

        private const byte CommandDevice = 0x40;

        private void Transfer(bool write, ulong lba, int blockCount, byte[] buffer, int offset)
        {
            const int perCommand = AhciPort.MaxTransferBytes / SectorSize;
            while (blockCount > 0)
            {
                int sectors = blockCount < perCommand ? blockCount : perCommand;
                bool lba48 = Identify.SupportsLba48;
                var command = new AhciCommand
                {
                    Code = write ? (lba48 ? AtaCommands.WriteDmaExt : AtaCommands.WriteDma) : (lba48 ? AtaCommands.ReadDmaExt : AtaCommands.ReadDma),
                    Lba = lba,
                    Count = (ushort)sectors, // 65536 would be 0; a command moves at most 2048 here
                    Device = CommandDevice,
                    Buffer = buffer,
                    Offset = offset,
                    Length = sectors * SectorSize,
                    Write = write,
                    ReportedLba = lba,
                };
                _port.Execute(command);
                lba += (ulong)sectors;
                offset += sectors * SectorSize;
                blockCount -= sectors;
            }
        }
    }
}
